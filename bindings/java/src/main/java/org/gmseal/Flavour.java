package org.gmseal;

/** What a PDF signature's {@code /Contents} holds. */
public enum Flavour {
    /** CMS {@code SignedData}, {@code /SubFilter /adbe.pkcs7.detached} (default). */
    CMS("cms"),
    /** CMS {@code SignedData}, {@code /SubFilter /ETSI.CAdES.detached} (PAdES B-B). */
    CADES("cades"),
    /** A GB/T 38540 {@code SES_Signature}. */
    SES("ses");

    private final String cName;

    Flavour(String cName) {
        this.cName = cName;
    }

    /** The name the C ABI uses. */
    public String cName() {
        return cName;
    }

    /** The flavour of a report's {@code flavour} ({@code cms} or {@code ses}) or C name. */
    public static Flavour fromName(String name) {
        for (Flavour f : values()) {
            if (f.cName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown flavour " + name);
    }
}
