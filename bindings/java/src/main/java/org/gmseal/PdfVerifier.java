package org.gmseal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.gmseal.internal.Ffi;

/**
 * Verifies every signature of a PDF ({@code gmseal_pdf_verify}): the ByteRange, the CMS or SES
 * cryptography, the seal, the signers' and seal makers' chains to the roots, every later change,
 * and the embedded e-license metadata. Immutable and reusable.
 *
 * <pre>{@code
 * PdfReport report = PdfVerifier.builder().roots(root).build().verify(pdf);
 * if (report.indication().isValid()) ...
 * }</pre>
 */
public final class PdfVerifier {
    private final byte[] roots;
    private final byte[] intermediates;
    private final String options;

    private PdfVerifier(List<Certificate> roots, List<Certificate> intermediates, VerifyOptions options) {
        List<Certificate> inter = new ArrayList<>(intermediates);
        inter.addAll(options.intermediates());
        this.roots = Certificate.bundle(roots);
        this.intermediates = Certificate.bundle(inter);
        this.options = options.json(null);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verify {@code pdf}. The verdict is in the report whatever it is (even bytes that are not a
     * PDF give an {@link Indication#INVALID} report); only unusable arguments throw.
     */
    public PdfReport verify(byte[] pdf) {
        Objects.requireNonNull(pdf, "pdf");
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new PdfReport(Ffi.text(out -> Ffi.lib().gmseal_pdf_verify(a.in(pdf), Ffi.len(pdf), a.in(roots),
                    Ffi.len(roots), a.in(intermediates), Ffi.len(intermediates), options, out)));
        }
    }

    /** Verify a PDF file. */
    public PdfReport verify(Path pdf) throws IOException {
        return verify(Files.readAllBytes(pdf));
    }

    /**
     * Trust anchors, intermediate CAs and the other {@link VerifyOptions}; without roots the
     * result is at best indeterminate.
     */
    public static final class Builder {
        private final List<Certificate> roots = new ArrayList<>();
        private final List<Certificate> intermediates = new ArrayList<>();
        private VerifyOptions options = VerifyOptions.DEFAULT;

        private Builder() {}

        /** Add trusted roots. */
        public Builder roots(Certificate... roots) {
            for (Certificate c : roots) {
                this.roots.add(Objects.requireNonNull(c, "root"));
            }
            return this;
        }

        /** Add trusted roots. */
        public Builder roots(Collection<Certificate> roots) {
            return roots(roots.toArray(new Certificate[0]));
        }

        /** Add intermediate CAs for chain building. */
        public Builder intermediates(Certificate... cas) {
            for (Certificate c : cas) {
                this.intermediates.add(Objects.requireNonNull(c, "intermediate"));
            }
            return this;
        }

        /** Add intermediate CAs for chain building. */
        public Builder intermediates(Collection<Certificate> cas) {
            return intermediates(cas.toArray(new Certificate[0]));
        }

        /**
         * CRLs, the revocation policy and the user-ID variants (replacing earlier options); the
         * options' intermediates join those of {@link #intermediates}.
         */
        public Builder options(VerifyOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The verifier. */
        public PdfVerifier build() {
            return new PdfVerifier(roots, intermediates, options);
        }
    }
}
