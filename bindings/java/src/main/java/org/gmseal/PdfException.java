package org.gmseal;

/** PDF (<code>pdf.*</code>) (results 1700..1799). */
public class PdfException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public PdfException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
