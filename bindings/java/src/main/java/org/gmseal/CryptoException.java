package org.gmseal;

/** SM2/SM3/SM4 and key files: a wrong password, an invalid key, a failing signing callback (<code>crypto.*</code>) (results 1200..1299). */
public class CryptoException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public CryptoException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
