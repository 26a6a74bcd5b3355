package org.gmseal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gmseal.internal.Ffi;

/**
 * An X.509 certificate (SM2 with SM3), held as its DER bytes. Immutable.
 *
 * <p>Construction does not parse the certificate; {@link #info()} and the gmseal calls that take
 * it do, and throw {@link DecodeException} for bytes that are not a certificate.
 */
public final class Certificate {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private final byte[] der;

    private Certificate(byte[] der) {
        this.der = der;
    }

    /** A certificate of its DER bytes (copied). */
    public static Certificate fromDer(byte[] der) {
        Objects.requireNonNull(der, "der");
        return new Certificate(der.clone());
    }

    /** The one certificate of a PEM text ({@code -----BEGIN CERTIFICATE-----}). */
    public static Certificate fromPem(String pem) {
        List<Certificate> all = parsePem(pem);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one PEM certificate, found " + all.size());
        }
        return all.get(0);
    }

    /** Every certificate of a PEM bundle, in order. */
    public static List<Certificate> parsePem(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<Certificate> out = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            out.add(new Certificate(Base64.getMimeDecoder().decode(m.group(1))));
        }
        return Collections.unmodifiableList(out);
    }

    /** The certificates of PEM (a bundle) or DER (one) bytes. */
    public static List<Certificate> parse(byte[] pemOrDer) {
        Objects.requireNonNull(pemOrDer, "pemOrDer");
        if (pemOrDer.length > 0 && pemOrDer[0] == 0x30) {
            return List.of(fromDer(pemOrDer));
        }
        return parsePem(new String(pemOrDer, StandardCharsets.US_ASCII));
    }

    /** The one certificate of a PEM or DER file. */
    public static Certificate load(Path file) throws IOException {
        List<Certificate> all = loadAll(file);
        if (all.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + all.size() + " certificates, not one");
        }
        return all.get(0);
    }

    /** Every certificate of a PEM bundle or DER file. */
    public static List<Certificate> loadAll(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** The DER bytes (a copy). */
    public byte[] der() {
        return der.clone();
    }

    /** The DER bytes, not copied: package use only. */
    byte[] derRef() {
        return der;
    }

    /** The certificate as PEM. */
    public String pem() {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Certificates as one PEM bundle, the form the C ABI takes lists in. */
    public static String toPemBundle(Collection<Certificate> certificates) {
        StringBuilder b = new StringBuilder();
        for (Certificate c : certificates) {
            b.append(c.pem());
        }
        return b.toString();
    }

    /** A PEM bundle's bytes, or null for an empty or null list. */
    static byte[] bundle(Collection<Certificate> certificates) {
        if (certificates == null || certificates.isEmpty()) {
            return null;
        }
        return toPemBundle(certificates).getBytes(StandardCharsets.US_ASCII);
    }

    /** The certificate's fields ({@code gmseal_cert_to_json}). */
    public CertificateInfo info() {
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new CertificateInfo(Ffi.text(out -> Ffi.lib().gmseal_cert_to_json(a.in(der), Ffi.len(der), out)));
        }
    }

    /** The subject public key as DER {@code SubjectPublicKeyInfo}, read from the DER in Java. */
    public byte[] publicKeyDer() {
        return Der.subjectPublicKeyInfo(der);
    }

    /**
     * Validate this certificate's chain to one of {@code roots} through the options'
     * intermediates at {@code at} (null: now) for {@code purpose} (null: {@link Purpose#ANY}),
     * with the options' CRLs, revocation policy and user-ID variants ({@code options} null: the
     * defaults). The verdict is a report ({@code pki.revoked} included), not an exception; only
     * unusable input (no roots, a malformed certificate or CRL, a time out of range) throws.
     *
     * @throws UsageException when {@code roots} is empty
     */
    public ChainReport verify(Collection<Certificate> roots, Instant at, Purpose purpose, VerifyOptions options) {
        VerifyOptions o = VerifyOptions.orDefault(options);
        byte[] inter = o.intermediatesPem();
        byte[] anchors = bundle(roots);
        String json = o.json(at);
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new ChainReport(Ffi.text(out -> Ffi.lib().gmseal_cert_verify(a.in(der), Ffi.len(der),
                    purpose == null ? null : purpose.cName(), a.in(anchors), Ffi.len(anchors), a.in(inter),
                    Ffi.len(inter), json, out)));
        }
    }

    /**
     * As {@link #verify(Collection, Instant, Purpose, VerifyOptions)} through {@code
     * intermediates}, without CRLs.
     */
    public ChainReport verify(Collection<Certificate> intermediates, Collection<Certificate> roots, Instant at,
            Purpose purpose) {
        VerifyOptions.Builder b = VerifyOptions.builder();
        if (intermediates != null) {
            b.intermediates(intermediates);
        }
        return verify(roots, at, purpose, b.build());
    }

    /** As {@link #verify(Collection, Collection, Instant, Purpose)} now, for any purpose. */
    public ChainReport verify(Collection<Certificate> intermediates, Collection<Certificate> roots) {
        return verify(intermediates, roots, null, Purpose.ANY);
    }

    /** A builder for a new certificate of {@code profile}. */
    public static Builder builder(Profile profile) {
        return new Builder(profile);
    }

    /**
     * Issues an SM2-with-SM3 certificate ({@code gmseal_cert_issue}):
     * {@code Certificate.builder(Profile.SIGNER).subject("CN=张三,O=示例单位,C=CN").key(key)
     * .issuer(caCert, caKey).days(365).issue()}. A {@link Profile#ROOT} has no issuer.
     */
    public static final class Builder {
        private final Profile profile;
        private String subject;
        private PrivateKey key;
        private Certificate issuer;
        private PrivateKey issuerKey;
        private Instant notBefore;
        private int days = 365;

        private Builder(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
        }

        /** The subject, an RFC 4514 name such as {@code CN=张三,O=示例单位,C=CN}. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The subject's key (only its public key goes into the certificate; a root signs with it). */
        public Builder key(PrivateKey key) {
            this.key = key;
            return this;
        }

        /** The issuing CA and its key; not for a root. */
        public Builder issuer(Certificate issuer, PrivateKey issuerKey) {
            this.issuer = issuer;
            this.issuerKey = issuerKey;
            return this;
        }

        /** The start of validity (default: now). */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /** The validity in days (default 365). */
        public Builder days(int days) {
            if (days < 0) {
                throw new IllegalArgumentException("days must not be negative");
            }
            this.days = days;
            return this;
        }

        /** Issue the certificate. */
        public Certificate issue() {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(key, "key");
            byte[] issuerDer = issuer == null ? null : issuer.der;
            byte[] der = key.use(k -> issuerKey == null
                    ? issueWith(k, issuerDer, null)
                    : issuerKey.use(ik -> issueWith(k, issuerDer, ik)));
            return new Certificate(der);
        }

        private byte[] issueWith(com.sun.jna.Pointer k, byte[] issuerDer, com.sun.jna.Pointer ik) {
            try (Ffi.Arena a = new Ffi.Arena()) {
                return Ffi.bytes(out -> Ffi.lib().gmseal_cert_issue(profile.cName(), Ffi.cstr(subject, "subject"), k, a.in(issuerDer),
                        Ffi.len(issuerDer), ik, Ffi.unix(notBefore), days, out));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate && Arrays.equals(der, ((Certificate) o).der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "Certificate[" + der.length + " bytes DER]";
    }
}
