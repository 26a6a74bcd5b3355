package org.gmseal;

/** The certificate profiles gmseal issues ({@link Certificate#builder(Profile)}). */
public enum Profile {
    /** A self-signed root CA. */
    ROOT("root"),
    /** An issuing CA (path length 0). */
    CA("ca"),
    /** A seal maker (制章者): signs seals. */
    SEAL_MAKER("seal-maker"),
    /** A signer (签章者): signs documents with a seal. */
    SIGNER("signer"),
    /** A time-stamping authority. */
    TSA("tsa");

    private final String cName;

    Profile(String cName) {
        this.cName = cName;
    }

    /** The name the C ABI uses, for example {@code "seal-maker"}. */
    public String cName() {
        return cName;
    }
}
