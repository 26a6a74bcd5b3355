package org.gmseal;

/**
 * The outcome of a verification (ETSI EN 319 102-1 style): seal and seal-signature reports use
 * {@link #VALID}, {@link #INVALID} and {@link #INDETERMINATE}; PDF reports also {@link
 * #VALID_WITH_PERMITTED_CHANGES} and {@link #MODIFIED}.
 */
public enum Indication {
    /** Every check passed (for a PDF: the signature covers the whole file). */
    VALID("valid"),
    /** PDF: the signed revision is intact and every later change is permitted. */
    VALID_WITH_PERMITTED_CHANGES("valid-with-permitted-changes"),
    /** PDF: the signed revision is intact, but a later revision changes it in a way not permitted. */
    MODIFIED("modified"),
    /** A cryptographic or structural check failed: never rely on it. */
    INVALID("invalid"),
    /** Something could not be established (an untrusted chain, a missing original): never to be read as valid. */
    INDETERMINATE("indeterminate");

    private final String jsonName;

    Indication(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in the JSON reports, for example {@code "valid-with-permitted-changes"}. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Whether the signed content can be relied on: {@link #VALID}, or {@link
     * #VALID_WITH_PERMITTED_CHANGES} (later revisions only add what the signer permitted).
     */
    public boolean isValid() {
        return this == VALID || this == VALID_WITH_PERMITTED_CHANGES;
    }

    /** The indication of a JSON name. */
    public static Indication fromJson(String name) {
        for (Indication i : values()) {
            if (i.jsonName.equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown indication " + name);
    }
}
