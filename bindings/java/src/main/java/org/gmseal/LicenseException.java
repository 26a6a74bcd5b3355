package org.gmseal;

/** E-licenses: identifiers, dates, metadata (<code>license.*</code>) (results 1600..1699). */
public class LicenseException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public LicenseException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
