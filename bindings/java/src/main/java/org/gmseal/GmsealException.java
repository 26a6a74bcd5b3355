package org.gmseal;

/**
 * An error reported by the gmseal library: the numeric result of the C call ({@link #getCode()}),
 * the stable string code ({@link #getCodeName()}, for example {@code "pki.expired"} or {@code
 * "crypto.wrong-password"}) and the library's message.
 *
 * <p>Unchecked, on purpose: almost every gmseal error is either a programming error (a bad
 * argument, an unknown name) or bad input data (a malformed certificate, a wrong password) that
 * the immediate caller cannot repair, and verification outcomes are not errors at all: they come
 * back as reports ({@link PdfReport}, {@link SealReport}...) whose {@link Indication} the caller
 * must read. A checked exception would force {@code try}/{@code catch} noise around every call
 * and into every lambda without making anyone handle more cases. Code that wants to react to a
 * particular failure catches a band subclass ({@link CryptoException}, {@link PkiException}...)
 * or tests {@link #getCodeName()}; codes are stable and never renamed.
 *
 * <p>The subclass is chosen by the result's band of 100: 1000 {@link UsageException}, 1100
 * {@link DecodeException}, 1200 {@link CryptoException}, 1300 {@link PkiException}, 1400
 * {@link CmsException}, 1500 {@link SealException}, 1600 {@link LicenseException}, 1700
 * {@link PdfException}, 1800 {@link GmsealIOException}, 1900 {@link InternalException}.
 */
public class GmsealException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String codeName;

    /**
     * @param code the C result (for example 1304)
     * @param codeName the stable string code (for example {@code "pki.expired"})
     * @param message the library's message
     * @param cause what caused it on the Java side (for example an exception thrown by an
     *     {@link HsmSigner}), or null
     */
    public GmsealException(int code, String codeName, String message, Throwable cause) {
        super(codeName + ": " + message, cause);
        this.code = code;
        this.codeName = codeName;
    }

    /** The numeric result of the C call, {@code GMSEAL_*} in {@code gmseal.h} (never 0). */
    public int getCode() {
        return code;
    }

    /** The stable string code, for example {@code "pki.expired"}. */
    public String getCodeName() {
        return codeName;
    }

    /** The library's message without the code prefix. */
    public String getLibraryMessage() {
        String m = getMessage();
        String prefix = codeName + ": ";
        return m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** The exception of the band {@code code} falls into. */
    public static GmsealException of(int code, String codeName, String message, Throwable cause) {
        switch (code / 100) {
            case 10: return new UsageException(code, codeName, message, cause);
            case 11: return new DecodeException(code, codeName, message, cause);
            case 12: return new CryptoException(code, codeName, message, cause);
            case 13: return new PkiException(code, codeName, message, cause);
            case 14: return new CmsException(code, codeName, message, cause);
            case 15: return new SealException(code, codeName, message, cause);
            case 16: return new LicenseException(code, codeName, message, cause);
            case 17: return new PdfException(code, codeName, message, cause);
            case 18: return new GmsealIOException(code, codeName, message, cause);
            case 19: return new InternalException(code, codeName, message, cause);
            default: return new GmsealException(code, codeName, message, cause);
        }
    }
}
