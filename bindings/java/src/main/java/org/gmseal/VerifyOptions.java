package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gmseal.internal.Ffi;
import org.gmseal.internal.Json;

/**
 * What every verification takes besides the roots: intermediate CA certificates for chain
 * building, CRLs, the revocation policy, and which SM2 user-ID variants to accept as well.
 * Immutable; shared by {@link Certificate#verify}, {@link Cms#verify}, {@link Seal#verify},
 * {@link SealSignature#verify} and {@link PdfVerifier.Builder#options}.
 *
 * <pre>{@code
 * VerifyOptions opts = VerifyOptions.builder().intermediates(ca).crl(caCrlDer)
 *         .revocation(Revocation.REQUIRE).build();
 * SealReport r = seal.verify(List.of(root), opts);
 * }</pre>
 *
 * <p>The validation time is not an option here: {@link Certificate#verify} and {@link Seal#verify}
 * take it as an argument (the other verifications choose it themselves: the signing time).
 */
public final class VerifyOptions {
    /** No intermediates, no CRLs, {@link Revocation#IF_AVAILABLE}, only the default user ID. */
    public static final VerifyOptions DEFAULT = builder().build();

    private final List<Certificate> intermediates;
    private final String crlsPem;
    private final Revocation revocation;
    private final boolean acceptEmptyId;
    private final boolean acceptNoZa;

    private VerifyOptions(Builder b) {
        this.intermediates = Collections.unmodifiableList(new ArrayList<>(b.intermediates));
        this.crlsPem = b.crls.length() == 0 ? null : b.crls.toString();
        this.revocation = b.revocation;
        this.acceptEmptyId = b.acceptEmptyId;
        this.acceptNoZa = b.acceptNoZa;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The intermediate CA certificates. */
    public List<Certificate> intermediates() {
        return intermediates;
    }

    /** The CRLs as one PEM bundle, or null for none. */
    public String crlsPem() {
        return crlsPem;
    }

    /** The revocation policy. */
    public Revocation revocation() {
        return revocation;
    }

    /** Whether SM2 signatures with the empty user ID (OpenSSL's default) are accepted as well. */
    public boolean acceptEmptyId() {
        return acceptEmptyId;
    }

    /** Whether SM2 signatures over SM3(M) without ZA (GmSSL's CMS) are accepted as well. */
    public boolean acceptNoZa() {
        return acceptNoZa;
    }

    /** The intermediates as the PEM bundle bytes the C ABI takes, or null. */
    byte[] intermediatesPem() {
        return Certificate.bundle(intermediates);
    }

    /**
     * The C ABI's {@code options_json}, or null when everything is the default. {@code at}, for
     * the two verifications that take it, becomes {@code at_unix} (null: now, left out).
     */
    String json(Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (crlsPem != null) {
            m.put("crls_pem", crlsPem);
        }
        if (revocation != Revocation.IF_AVAILABLE) {
            m.put("revocation", revocation.cName());
        }
        if (acceptEmptyId) {
            m.put("accept_empty_id", true);
        }
        if (acceptNoZa) {
            m.put("accept_no_za", true);
        }
        if (at != null) {
            m.put("at_unix", Ffi.unix(at));
        }
        return m.isEmpty() ? null : Ffi.cstr(Json.write(m), "options");
    }

    /** The options of a possibly null argument. */
    static VerifyOptions orDefault(VerifyOptions o) {
        return o == null ? DEFAULT : o;
    }

    @Override
    public String toString() {
        return "VerifyOptions[" + intermediates.size() + " intermediates, CRLs " + (crlsPem != null) + ", "
                + revocation.cName() + (acceptEmptyId ? ", empty ID" : "") + (acceptNoZa ? ", no ZA" : "") + "]";
    }

    /** Builds {@link VerifyOptions}; every setting starts at its default. */
    public static final class Builder {
        private final List<Certificate> intermediates = new ArrayList<>();
        private final StringBuilder crls = new StringBuilder();
        private Revocation revocation = Revocation.IF_AVAILABLE;
        private boolean acceptEmptyId;
        private boolean acceptNoZa;

        private Builder() {}

        /** Add intermediate CA certificates for chain building. */
        public Builder intermediates(Certificate... cas) {
            for (Certificate c : cas) {
                intermediates.add(Objects.requireNonNull(c, "intermediate"));
            }
            return this;
        }

        /** Add intermediate CA certificates for chain building. */
        public Builder intermediates(Collection<Certificate> cas) {
            return intermediates(cas.toArray(new Certificate[0]));
        }

        /**
         * Add a CRL: DER bytes (one CRL) or PEM text ({@code -----BEGIN X509 CRL-----} blocks).
         * The library decodes it when verifying (a malformed one is an error then).
         */
        public Builder crl(byte[] derOrPem) {
            Objects.requireNonNull(derOrPem, "crl");
            if (derOrPem.length > 0 && derOrPem[0] == 0x30) {
                return crlsPem("-----BEGIN X509 CRL-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(derOrPem)
                        + "\n-----END X509 CRL-----\n");
            }
            return crlsPem(new String(derOrPem, StandardCharsets.US_ASCII));
        }

        /** Add CRLs given as PEM text (one or more {@code X509 CRL} blocks). */
        public Builder crlsPem(String pem) {
            Objects.requireNonNull(pem, "pem");
            crls.append(pem);
            if (!pem.endsWith("\n")) {
                crls.append('\n');
            }
            return this;
        }

        /** The revocation policy (default {@link Revocation#IF_AVAILABLE}). */
        public Builder revocation(Revocation revocation) {
            this.revocation = Objects.requireNonNull(revocation, "revocation");
            return this;
        }

        /** Also accept SM2 signatures with the empty user ID (OpenSSL's default; default false). */
        public Builder acceptEmptyId(boolean accept) {
            this.acceptEmptyId = accept;
            return this;
        }

        /** Also accept SM2 signatures over SM3(M) without ZA (GmSSL's CMS; default false). */
        public Builder acceptNoZa(boolean accept) {
            this.acceptNoZa = accept;
            return this;
        }

        /** The options. */
        public VerifyOptions build() {
            return new VerifyOptions(this);
        }
    }
}
