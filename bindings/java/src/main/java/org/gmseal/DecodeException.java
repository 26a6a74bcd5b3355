package org.gmseal;

/** Input that does not decode: malformed DER, PEM or another structure (<code>decode.*</code>) (results 1100..1199). */
public class DecodeException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public DecodeException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
