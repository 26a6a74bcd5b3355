package org.gmseal;

/** An invalid argument or usage: a NULL or non-UTF-8 argument, bad JSON options, an unknown name, an out-of-range value, input the library rejects (<code>ffi.*</code>, <code>input.invalid</code>) (results 1000..1099). */
public class UsageException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public UsageException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
