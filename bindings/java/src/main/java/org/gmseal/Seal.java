package org.gmseal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gmseal.internal.Ffi;
import org.gmseal.internal.Json;

/**
 * A GB/T 38540 electronic seal ({@code SESeal}, the {@code .esl} file), held as its DER bytes.
 * Immutable. Make one with {@link #builder()}; read one with {@link #fromDer} or {@link #load}.
 */
public final class Seal {
    private final byte[] der;

    private Seal(byte[] der) {
        this.der = der;
    }

    /** A seal of its DER bytes (copied; parsed when used). */
    public static Seal fromDer(byte[] der) {
        return new Seal(Objects.requireNonNull(der, "der").clone());
    }

    /** A seal file ({@code .esl}, DER). */
    public static Seal load(Path file) throws IOException {
        return new Seal(Files.readAllBytes(file));
    }

    /** The DER bytes (a copy). */
    public byte[] der() {
        return der.clone();
    }

    byte[] derRef() {
        return der;
    }

    /** Write the seal to a file. */
    public void save(Path file) throws IOException {
        Files.write(file, der);
    }

    /** The seal's fields ({@code gmseal_seal_to_json}); reads v1, v4 and v5 seals. */
    public SealInfo info() {
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new SealInfo(Ffi.text(out -> Ffi.lib().gmseal_seal_to_json(a.in(der), Ffi.len(der), out)));
        }
    }

    /**
     * Verify the seal (GB/T 38540 §6.3) at {@code at} (null: now): format, the maker's signature,
     * the maker's chain to {@code roots} (through the options' intermediates, with its CRLs) at
     * the creation time, the validity period. Without roots (null or empty) chains are not
     * checked and the result is at best indeterminate. {@code options} null: the defaults.
     *
     * @throws DecodeException when the bytes are not a seal
     */
    public SealReport verify(Collection<Certificate> roots, Instant at, VerifyOptions options) {
        VerifyOptions o = VerifyOptions.orDefault(options);
        byte[] anchors = Certificate.bundle(roots);
        byte[] inter = o.intermediatesPem();
        String json = o.json(at);
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new SealReport(Ffi.text(out -> Ffi.lib().gmseal_seal_verify(a.in(der), Ffi.len(der),
                    a.in(anchors), Ffi.len(anchors), a.in(inter), Ffi.len(inter), json, out)));
        }
    }

    /** Verify at {@code at} (null: now) with the default options. */
    public SealReport verify(Collection<Certificate> roots, Instant at) {
        return verify(roots, at, null);
    }

    /** Verify now. */
    public SealReport verify(Collection<Certificate> roots, VerifyOptions options) {
        return verify(roots, null, options);
    }

    /** Verify now with the default options. */
    public SealReport verify(Collection<Certificate> roots) {
        return verify(roots, null, null);
    }

    /**
     * Seal {@code data} as a signer the seal lists: a GB/T 38540 seal signature ({@code
     * SES_Signature}) over SM3(data), dated {@code time} (null: now), protecting {@code
     * propertyInfo} (ASCII, for example the file name).
     *
     * @throws SealException {@code seal.signer-not-in-list}, {@code seal.not-valid-at-signing-time},
     *     {@code seal.invalid-params}
     */
    public SealSignature sign(byte[] data, Certificate signer, PrivateKey key, String propertyInfo, Instant time) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(propertyInfo, "propertyInfo");
        Ffi.cstr(propertyInfo, "propertyInfo");
        byte[] cert = signer.derRef();
        return SealSignature.wrap(key.use(k -> {
            try (Ffi.Arena a = new Ffi.Arena()) {
                return Ffi.bytes(out -> Ffi.lib().gmseal_ses_sign(a.in(der), Ffi.len(der), a.in(data), Ffi.len(data),
                        a.in(cert), Ffi.len(cert), k, propertyInfo, Ffi.unix(time), out));
            }
        }));
    }

    /** A builder of seals and seal pictures. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes a seal as the seal maker (制章者) for one or more signers (签章者), with a drawn
     * picture: {@code Seal.builder().org("某某市示例单位").name("合同专用章").sealType(4)
     * .maker(makerCert, makerKey).signer(signerCert).build()}. {@link #png()} draws the picture
     * alone.
     */
    public static final class Builder {
        private String org;
        private String name;
        private String code;
        private SealStyle style;
        private Integer widthMm;
        private Integer heightMm;
        private Double dpi;
        private Long sealType;
        private String esId;
        private Integer days;
        private String vendor;
        private Boolean digests;
        private Certificate maker;
        private PrivateKey makerKey;
        private final List<Certificate> signers = new ArrayList<>();
        private Instant created;

        private Builder() {}

        /** The organization, drawn along the upper arc (required). */
        public Builder org(String org) {
            this.org = org;
            return this;
        }

        /** The seal's name (印章名称), also drawn in the picture (required). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** A code: along the lower arc (round) or in the middle (oval). */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /** Round (default) or oval. */
        public Builder style(SealStyle style) {
            this.style = style;
            return this;
        }

        /** The picture size in mm (default 42 × 42 round, 40 × 30 oval). */
        public Builder sizeMm(int width, int height) {
            this.widthMm = width;
            this.heightMm = height;
            return this;
        }

        /** The picture resolution (default 300). */
        public Builder dpi(double dpi) {
            this.dpi = dpi;
            return this;
        }

        /** The seal type (required for a seal): 1 法定名称章, 2 财务专用章, 3 发票专用章, 4 合同专用章... */
        public Builder sealType(long sealType) {
            this.sealType = sealType;
            return this;
        }

        /** The esID (ASCII; default 32 random hex digits). */
        public Builder esId(String esId) {
            this.esId = esId;
            return this;
        }

        /** Validity in days from the creation time (default 365). */
        public Builder days(int days) {
            this.days = days;
            return this;
        }

        /** The header's vendor identifier (default {@code gmseal}). */
        public Builder vendor(String vendor) {
            this.vendor = vendor;
            return this;
        }

        /** List the signers by SM3 digest (certListType 2) instead of by certificate. */
        public Builder digests(boolean digests) {
            this.digests = digests;
            return this;
        }

        /** The seal maker's certificate and key. */
        public Builder maker(Certificate maker, PrivateKey makerKey) {
            this.maker = maker;
            this.makerKey = makerKey;
            return this;
        }

        /** Add a signer the seal lists. */
        public Builder signer(Certificate signer) {
            signers.add(Objects.requireNonNull(signer, "signer"));
            return this;
        }

        /** Add signers. */
        public Builder signers(Collection<Certificate> signers) {
            for (Certificate c : signers) {
                signer(c);
            }
            return this;
        }

        /** The creation time (default now). */
        public Builder createdAt(Instant created) {
            this.created = created;
            return this;
        }

        /** The parameters as the C ABI's JSON. */
        String paramsJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("org", org);
            m.put("name", name);
            if (code != null) {
                m.put("code", code);
            }
            if (style != null) {
                m.put("style", style.cName());
            }
            if (widthMm != null) {
                m.put("width_mm", widthMm);
                m.put("height_mm", heightMm);
            }
            if (dpi != null) {
                m.put("dpi", dpi);
            }
            if (sealType != null) {
                m.put("seal_type", sealType);
            }
            if (esId != null) {
                m.put("es_id", esId);
            }
            if (days != null) {
                m.put("days", days);
            }
            if (vendor != null) {
                m.put("vendor", vendor);
            }
            if (digests != null) {
                m.put("digests", digests);
            }
            return Ffi.cstr(Json.write(m), "options");
        }

        /** Draw the picture alone, as PNG ({@code gmseal_seal_image_png}). */
        public byte[] png() {
            String json = paramsJson();
            return Ffi.bytes(out -> Ffi.lib().gmseal_seal_image_png(json, out));
        }

        /** Make and sign the seal ({@code gmseal_seal_make}). */
        public Seal build() {
            Objects.requireNonNull(maker, "maker");
            Objects.requireNonNull(makerKey, "makerKey");
            if (signers.isEmpty()) {
                throw new IllegalStateException("a seal lists at least one signer");
            }
            String json = paramsJson();
            byte[] makerDer = maker.derRef();
            byte[] list = Certificate.bundle(signers);
            return new Seal(makerKey.use(k -> {
                try (Ffi.Arena a = new Ffi.Arena()) {
                    return Ffi.bytes(out -> Ffi.lib().gmseal_seal_make(json, a.in(makerDer), Ffi.len(makerDer), k,
                            a.in(list), Ffi.len(list), Ffi.unix(created), out));
                }
            }));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seal && Arrays.equals(der, ((Seal) o).der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "Seal[" + der.length + " bytes DER]";
    }
}
