package org.gmseal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gmseal.internal.Ffi;
import org.gmseal.internal.Json;

/**
 * Seals PDFs ({@code gmseal_pdf_sign}): one incremental update with a signature field showing
 * the seal's picture and a signature over the whole file.
 *
 * <pre>{@code
 * byte[] sealed = PdfSigner.builder()
 *         .seal(seal).certificate(signerCert).key(signerKey).chain(caCert)
 *         .flavour(Flavour.CMS).certify(DocMdp.NO_CHANGES)
 *         .rect(1, 150, 120, 42, 42)          // page, x, y, width, height in mm from the top-left
 *         .build()
 *         .sign(pdf);
 * }</pre>
 *
 * A built signer is immutable and can seal many documents; it holds the key, which must stay
 * open while it is used.
 */
public final class PdfSigner {
    private final Seal seal;
    private final Certificate certificate;
    private final PrivateKey key;
    private final byte[] chain;
    private final String optionsJson;

    private PdfSigner(Builder b) {
        this.seal = Objects.requireNonNull(b.seal, "seal");
        this.certificate = Objects.requireNonNull(b.certificate, "certificate");
        this.key = Objects.requireNonNull(b.key, "key");
        this.chain = Certificate.bundle(b.chain);
        this.optionsJson = b.optionsJson();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options JSON passed to the C ABI. */
    public String optionsJson() {
        return optionsJson;
    }

    /**
     * Seal {@code pdf}; returns the sealed document.
     *
     * @throws GmsealException for a PDF that does not parse strictly, a signer the seal does not
     *     list, a seal or certificate not valid at the time, a certification that forbids it
     */
    public byte[] sign(byte[] pdf) {
        Objects.requireNonNull(pdf, "pdf");
        byte[] sealDer = seal.derRef();
        byte[] cert = certificate.derRef();
        return key.use(k -> {
            try (Ffi.Arena a = new Ffi.Arena()) {
                return Ffi.bytes(out -> Ffi.lib().gmseal_pdf_sign(a.in(pdf), Ffi.len(pdf), a.in(sealDer),
                        Ffi.len(sealDer), a.in(cert), Ffi.len(cert), k, a.in(chain), Ffi.len(chain), optionsJson,
                        out));
            }
        });
    }

    /** Seal the file {@code in} into {@code out} (which may be the same path). */
    public void sign(Path in, Path out) throws IOException {
        Files.write(out, sign(Files.readAllBytes(in)));
    }

    /** Options for a {@link PdfSigner}; exactly one placement ({@code rect}, {@code invisible}, {@code template}). */
    public static final class Builder {
        private Seal seal;
        private Certificate certificate;
        private PrivateKey key;
        private final List<Certificate> chain = new ArrayList<>();
        private Flavour flavour;
        private DocMdp certify;
        private Integer page;
        private double[] rect;
        private Boolean invisible;
        private String template;
        private String reason;
        private String location;
        private String fieldName;
        private Instant time;

        private Builder() {}

        /** The seal (required). */
        public Builder seal(Seal seal) {
            this.seal = seal;
            return this;
        }

        /** The signer's certificate, one the seal lists (required). */
        public Builder certificate(Certificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /** The signer's key (required). */
        public Builder key(PrivateKey key) {
            this.key = key;
            return this;
        }

        /** CA certificates to embed (for CMS flavours). */
        public Builder chain(Certificate... cas) {
            for (Certificate c : cas) {
                chain.add(Objects.requireNonNull(c, "chain certificate"));
            }
            return this;
        }

        /** CA certificates to embed. */
        public Builder chain(Collection<Certificate> cas) {
            return chain(cas.toArray(new Certificate[0]));
        }

        /** What {@code /Contents} holds (default {@link Flavour#CMS}). */
        public Builder flavour(Flavour flavour) {
            this.flavour = flavour;
            return this;
        }

        /** Make it a certification signature with these permissions (default: an approval signature). */
        public Builder certify(DocMdp permissions) {
            this.certify = permissions;
            return this;
        }

        /** A visible seal on {@code page} (from 1): a rectangle in mm from the page's top-left corner. */
        public Builder rect(int page, double xMm, double yMm, double widthMm, double heightMm) {
            this.page = page;
            this.rect = new double[] {xMm, yMm, widthMm, heightMm};
            return this;
        }

        /** An invisible signature on {@code page} (from 1). */
        public Builder invisible(int page) {
            this.page = page;
            this.invisible = true;
            return this;
        }

        /** The seal position of a license template, for example {@link License#BUSINESS_LICENSE}. */
        public Builder template(String template) {
            this.template = template;
            return this;
        }

        /** {@code /Reason}. */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** {@code /Location}. */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /** The signature field's name. */
        public Builder fieldName(String fieldName) {
            this.fieldName = fieldName;
            return this;
        }

        /** The signing time (default: now, at each {@link PdfSigner#sign}). */
        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        String optionsJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (flavour != null) {
                m.put("flavour", flavour.cName());
            }
            if (certify != null) {
                m.put("certify", certify.level());
            }
            if (page != null) {
                m.put("page", page);
            }
            if (rect != null) {
                m.put("rect_mm", rect);
            }
            if (invisible != null) {
                m.put("invisible", invisible);
            }
            if (template != null) {
                m.put("template", template);
            }
            if (reason != null) {
                m.put("reason", reason);
            }
            if (location != null) {
                m.put("location", location);
            }
            if (fieldName != null) {
                m.put("field_name", fieldName);
            }
            if (time != null) {
                m.put("time_unix", time.getEpochSecond());
            }
            return Ffi.cstr(Json.write(m), "options");
        }

        /** The signer. Placement and options are checked by the library when signing. */
        public PdfSigner build() {
            return new PdfSigner(this);
        }
    }
}
