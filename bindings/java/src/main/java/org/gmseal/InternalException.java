package org.gmseal;

/** An internal error or a panic caught inside gmseal (<code>internal.*</code>): please report it (results 1900..1999). */
public class InternalException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public InternalException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
