package org.gmseal;

/** CMS SignedData and time-stamp tokens (<code>cms.*</code>, <code>tsp.*</code>) (results 1400..1499). */
public class CmsException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public CmsException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
