package org.gmseal;

/** What a certificate chain is validated for ({@link Certificate#verify}). */
public enum Purpose {
    /** No particular usage. */
    ANY("any"),
    /** Signing documents (签章者 certificates). */
    DOCUMENT_SIGNING("document-signing"),
    /** Making seals (制章者 certificates). */
    SEAL_MAKING("seal-making"),
    /** Time stamping. */
    TIME_STAMPING("time-stamping"),
    /** Issuing certificates. */
    CA("ca");

    private final String cName;

    Purpose(String cName) {
        this.cName = cName;
    }

    /** The name the C ABI uses. */
    public String cName() {
        return cName;
    }

    /** The purpose of a name the library reports ({@code certificate-authority} is {@link #CA}). */
    public static Purpose fromName(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "certificate-authority":
            case "ca":
                return CA;
            case "timestamping":
            case "time-stamping":
                return TIME_STAMPING;
            default:
                for (Purpose p : values()) {
                    if (p.cName.equals(name)) {
                        return p;
                    }
                }
                throw new IllegalArgumentException("unknown purpose " + name);
        }
    }
}
