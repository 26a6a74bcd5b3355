package org.gmseal;

/** The outcome of one {@link Check}. */
public enum CheckStatus {
    /** The check passed. */
    PASSED("passed"),
    /** The check failed: the indication is invalid. */
    FAILED("failed"),
    /** The check could not be decided: the indication is at best indeterminate. */
    INDETERMINATE("indeterminate"),
    /** A tolerated irregularity that does not change the indication. */
    WARNING("warning");

    private final String jsonName;

    CheckStatus(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in the JSON reports. */
    public String jsonName() {
        return jsonName;
    }

    /** The status of a JSON name. */
    public static CheckStatus fromJson(String name) {
        for (CheckStatus s : values()) {
            if (s.jsonName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown check status " + name);
    }
}
