package org.gmseal;

/** X.509: names, certificate parameters, chain validation (<code>pki.*</code>) (results 1300..1399). */
public class PkiException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public PkiException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
