package org.gmseal;

/** The revocation policy of a verification ({@link VerifyOptions.Builder#revocation}). */
public enum Revocation {
    /** Consult the CRLs given; a certificate without a CRL is not checked (the default). */
    IF_AVAILABLE("if-available"),
    /** Every certificate below a root needs a current CRL among those given ({@code pki.crl} otherwise). */
    REQUIRE("require");

    private final String cName;

    Revocation(String cName) {
        this.cName = cName;
    }

    /** The name the C ABI uses. */
    public String cName() {
        return cName;
    }
}
