package org.gmseal;

import java.util.Collection;
import java.util.Objects;
import org.gmseal.internal.Ffi;

/** Detached CMS {@code SignedData} with SM3 and SM2. */
public final class Cms {
    private Cms() {}

    /**
     * Sign {@code content} as a detached CMS {@code SignedData} (RFC 5652 OIDs, SM3, SM2 with the
     * signing time and signing-certificate-v2 attributes, the signer's certificate embedded).
     * Returns the DER.
     */
    public static byte[] sign(byte[] content, Certificate signer, PrivateKey key) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(key, "key");
        byte[] cert = signer.derRef();
        return key.use(k -> {
            try (Ffi.Arena a = new Ffi.Arena()) {
                return Ffi.bytes(out -> Ffi.lib().gmseal_cms_sign(a.in(content), Ffi.len(content), a.in(cert),
                        Ffi.len(cert), k, out));
            }
        });
    }

    /**
     * Verify a detached CMS {@code SignedData} (DER, or PEM {@code CMS}/{@code PKCS7}) over
     * {@code content}, then the signer's chain to {@code roots} (through the embedded
     * certificates) at the signing time, for document signing. Without roots the chain is not
     * checked and {@link CmsReport#isValid()} is false with code {@code chain.not-checked}.
     *
     * @throws DecodeException, CmsException when {@code cms} is not a usable SignedData
     */
    public static CmsReport verify(byte[] cms, byte[] content, Collection<Certificate> roots) {
        Objects.requireNonNull(cms, "cms");
        Objects.requireNonNull(content, "content");
        byte[] anchors = Certificate.bundle(roots);
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new CmsReport(Ffi.text(out -> Ffi.lib().gmseal_cms_verify(a.in(cms), Ffi.len(cms), a.in(content),
                    Ffi.len(content), a.in(anchors), Ffi.len(anchors), out)));
        }
    }
}
