package org.gmseal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gmseal.internal.Ffi;
import org.gmseal.internal.Json;

/** Detached CMS {@code SignedData} with SM3 and SM2. */
public final class Cms {
    private Cms() {}

    /**
     * Sign {@code content} as a detached CMS {@code SignedData} (SM3, SM2 with the
     * signing-certificate-v2 attribute, the signer's certificate embedded) with the options'
     * chain, signing time and OIDs ({@code options} null: the defaults, RFC 5652 OIDs and the
     * signing time now). Returns the DER.
     *
     * @throws CryptoException {@code crypto.key-mismatch} when {@code key} does not belong to
     *     {@code signer}
     * @throws UsageException {@code ffi.invalid-argument} for a time without the signing-time
     *     attribute or out of range
     */
    public static byte[] sign(byte[] content, Certificate signer, PrivateKey key, SignOptions options) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(key, "key");
        SignOptions o = options == null ? SignOptions.DEFAULT : options;
        byte[] cert = signer.derRef();
        byte[] chain = Certificate.bundle(o.chain);
        String json = o.json();
        return key.use(k -> {
            try (Ffi.Arena a = new Ffi.Arena()) {
                return Ffi.bytes(out -> Ffi.lib().gmseal_cms_sign(a.in(content), Ffi.len(content), a.in(cert),
                        Ffi.len(cert), k, a.in(chain), Ffi.len(chain), json, out));
            }
        });
    }

    /** As {@link #sign(byte[], Certificate, PrivateKey, SignOptions)} with the default options. */
    public static byte[] sign(byte[] content, Certificate signer, PrivateKey key) {
        return sign(content, signer, key, null);
    }

    /**
     * Verify a detached CMS {@code SignedData} (DER, or PEM {@code CMS}/{@code PKCS7}) over
     * {@code content}, then the signer's chain to {@code roots} (through the embedded
     * certificates and the options' intermediates, with its CRLs) at the signing time, for
     * document signing. The options' user-ID variants apply to the CMS signature and the chain.
     * Without roots the chain is not checked and {@link CmsReport#isValid()} is false with code
     * {@code chain.not-checked}.
     *
     * @throws DecodeException, CmsException when {@code cms} is not a usable SignedData
     */
    public static CmsReport verify(byte[] cms, byte[] content, Collection<Certificate> roots,
            VerifyOptions options) {
        Objects.requireNonNull(cms, "cms");
        Objects.requireNonNull(content, "content");
        VerifyOptions o = VerifyOptions.orDefault(options);
        byte[] anchors = Certificate.bundle(roots);
        byte[] inter = o.intermediatesPem();
        String json = o.json(null);
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new CmsReport(Ffi.text(out -> Ffi.lib().gmseal_cms_verify(a.in(cms), Ffi.len(cms), a.in(content),
                    Ffi.len(content), a.in(anchors), Ffi.len(anchors), a.in(inter), Ffi.len(inter), json, out)));
        }
    }

    /** As {@link #verify(byte[], byte[], Collection, VerifyOptions)} with the default options. */
    public static CmsReport verify(byte[] cms, byte[] content, Collection<Certificate> roots) {
        return verify(cms, content, roots, null);
    }

    /**
     * How {@link Cms#sign} signs: CA certificates to embed, the {@code signingTime} attribute,
     * the content-type OIDs. Immutable.
     */
    public static final class SignOptions {
        /** No chain, the signing time now, RFC 5652 OIDs. */
        public static final SignOptions DEFAULT = builder().build();

        private final List<Certificate> chain;
        private final Instant time;
        private final boolean signingTime;
        private final OidFamily oidFamily;

        private SignOptions(Builder b) {
            this.chain = List.copyOf(b.chain);
            this.time = b.time;
            this.signingTime = b.signingTime;
            this.oidFamily = b.oidFamily;
        }

        /** A new builder. */
        public static Builder builder() {
            return new Builder();
        }

        /** The C ABI's {@code options_json}, or null for the defaults; package use and tests. */
        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (time != null) {
                m.put("time_unix", Ffi.unix(time));
            }
            if (!signingTime) {
                m.put("signing_time", false);
            }
            if (oidFamily != OidFamily.RFC5652) {
                m.put("oid_family", oidFamily.cName());
            }
            return m.isEmpty() ? null : Json.write(m);
        }

        /** Builds {@link SignOptions}. */
        public static final class Builder {
            private final List<Certificate> chain = new ArrayList<>();
            private Instant time;
            private boolean signingTime = true;
            private OidFamily oidFamily = OidFamily.RFC5652;

            private Builder() {}

            /** Add CA certificates to embed (the signer's own is always embedded). */
            public Builder chain(Certificate... cas) {
                for (Certificate c : cas) {
                    chain.add(Objects.requireNonNull(c, "chain certificate"));
                }
                return this;
            }

            /** Add CA certificates to embed. */
            public Builder chain(Collection<Certificate> cas) {
                return chain(cas.toArray(new Certificate[0]));
            }

            /** The {@code signingTime} attribute's time (default now). */
            public Builder time(Instant time) {
                this.time = time;
                return this;
            }

            /**
             * Whether to add the {@code signingTime} attribute (default true); without it the
             * verifier validates the chain now, and {@link #time} must not be set.
             */
            public Builder signingTime(boolean signingTime) {
                this.signingTime = signingTime;
                return this;
            }

            /** The content-type OIDs (default {@link OidFamily#RFC5652}). */
            public Builder oidFamily(OidFamily oidFamily) {
                this.oidFamily = Objects.requireNonNull(oidFamily, "oidFamily");
                return this;
            }

            /** The options. */
            public SignOptions build() {
                return new SignOptions(this);
            }
        }
    }
}
