package org.gmseal;

/** Reading input failed (<code>input.io</code>, <code>io.*</code>); named so as not to clash with <code>java.io.IOException</code> (results 1800..1899). */
public class GmsealIOException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public GmsealIOException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
