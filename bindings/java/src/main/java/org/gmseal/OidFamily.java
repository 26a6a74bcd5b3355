package org.gmseal;

/** The content-type OIDs of a CMS {@code SignedData} ({@link Cms.SignOptions.Builder#oidFamily}). */
public enum OidFamily {
    /** RFC 5652 / PKCS #7 OIDs (the default). */
    RFC5652("rfc5652"),
    /** GM/T 0010-2012 OIDs (1.2.156.10197.6.1.4.2.*). */
    GMT0010("gmt0010");

    private final String cName;

    OidFamily(String cName) {
        this.cName = cName;
    }

    /** The name the C ABI uses. */
    public String cName() {
        return cName;
    }
}
