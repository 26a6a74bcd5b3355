package org.gmseal;

/** GB/T 38540 seals and seal signatures: a signer the seal does not list, a seal not valid at the signing time (<code>seal.*</code>) (results 1500..1599). */
public class SealException extends GmsealException {
    private static final long serialVersionUID = 1L;

    public SealException(int code, String codeName, String message, Throwable cause) {
        super(code, codeName, message, cause);
    }
}
