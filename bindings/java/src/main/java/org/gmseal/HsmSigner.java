package org.gmseal;

/**
 * An SM2 signer whose private key gmseal cannot hold: an HSM (SDF interface), a USB key (SKF),
 * a remote signing service. Wrap it with {@link PrivateKey#fromSigner(byte[], HsmSigner)} and
 * use the resulting key wherever gmseal signs (certificates, seals, seal signatures, PDFs, CMS).
 *
 * <p>gmseal calls {@link #sign(byte[])} synchronously, on the thread that called the gmseal
 * method, and only during that call. The digest is the 32-byte SM2 {@code e = SM3(ZA || M)},
 * with ZA computed for the user ID {@code 1234567812345678}: the signer must sign it as is
 * (SDF {@code SDF_InternalSign_ECC}, SKF {@code SKF_ECCSignData}), without hashing again.
 *
 * <p>Any exception (or a null or too long result) makes the gmseal call fail with a {@link
 * CryptoException} of code {@code crypto.signer} whose {@linkplain Throwable#getCause() cause} is
 * the exception thrown here; it never crosses into native code. gmseal checks the signature
 * against the key's public key before using it. A key used from several threads at once needs a
 * thread-safe signer.
 */
@FunctionalInterface
public interface HsmSigner {
    /**
     * Sign a 32-byte SM2 digest {@code e}.
     *
     * @param digest {@code e = SM3(ZA || M)}, 32 bytes (a fresh copy, free to keep)
     * @return the signature: DER {@code SEQUENCE { r, s }} or raw 64-byte {@code r || s}, at most
     *     128 bytes
     * @throws Exception when the device cannot sign
     */
    byte[] sign(byte[] digest) throws Exception;
}
