package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.gmseal.TestSupport.Pki;
import org.junit.jupiter.api.Test;

import static org.gmseal.TestSupport.DAY;
import static org.gmseal.TestSupport.assertGmseal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateTest {
    private final Pki pki = TestSupport.pki();

    @Test
    void info() {
        CertificateInfo info = pki.signer.info();
        assertEquals("CN=某某科技有限公司,O=某某科技有限公司,C=CN", info.subject());
        assertEquals("CN=gmseal Java 签发CA,O=gmseal,C=CN", info.issuer());
        assertEquals(3, info.version());
        assertEquals(pki.base, info.notBefore());
        assertFalse(info.isCa());
        assertTrue(info.keyUsage().contains("digitalSignature"), info.rawJson());
        assertTrue(info.extendedKeyUsage().get(0).contains("documentSigning"), info.rawJson());
        assertTrue(info.rawJson().startsWith("{"));
        assertTrue(info.serialNumber().matches("[0-9A-F]+"));
        assertEquals(64, info.fingerprintSm3().length());

        CertificateInfo root = pki.root.info();
        assertTrue(root.isCa());
        assertEquals(root.subject(), root.issuer());
        assertNull(root.authorityKeyId());
        assertEquals(root.subjectKeyId(), pki.ca.info().authorityKeyId());

        // The public key in the certificate is the key's.
        assertArrayEquals(pki.signerKey.publicKeyDer(), pki.signer.publicKeyDer());
        assertTrue(info.publicKey().equalsIgnoreCase(
                TestSupport.hex(pki.signerKey.publicKeyDer()).substring(2 * 26)));
    }

    @Test
    void pemAndDer() {
        String pem = pki.signer.pem();
        assertEquals(pki.signer, Certificate.fromPem(pem));
        List<Certificate> bundle = Certificate.parsePem(Certificate.toPemBundle(List.of(pki.ca, pki.root)));
        assertEquals(List.of(pki.ca, pki.root), bundle);
        assertEquals(List.of(pki.root), Certificate.parse(pki.root.der()));
        // The library reads PEM too.
        assertEquals(pki.signer.info().subject(),
                Certificate.fromDer(pem.getBytes(StandardCharsets.US_ASCII)).info().subject());
        // A bundle where one certificate is expected is refused by the library.
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                () -> Certificate.fromDer(Certificate.toPemBundle(List.of(pki.ca, pki.root))
                        .getBytes(StandardCharsets.US_ASCII)).info());
    }

    @Test
    void chains() {
        Instant at = pki.base.plusSeconds(5 * DAY);
        ChainReport ok = pki.signer.verify(List.of(pki.ca), List.of(pki.root), at, Purpose.DOCUMENT_SIGNING);
        assertTrue(ok.isValid(), ok.rawJson());
        assertNull(ok.code());
        assertEquals(Purpose.DOCUMENT_SIGNING, ok.purpose());
        assertEquals(at, ok.time());
        assertEquals(List.of("CN=某某科技有限公司,O=某某科技有限公司,C=CN", "CN=gmseal Java 签发CA,O=gmseal,C=CN",
                "CN=gmseal Java 测试根CA,O=gmseal,C=CN"), ok.chain());

        // Verdicts, not exceptions.
        ChainReport untrusted = pki.signer.verify(List.of(), List.of(pki.root), at, null);
        assertFalse(untrusted.isValid());
        assertEquals("pki.unknown-issuer", untrusted.code());
        assertTrue(untrusted.chain().isEmpty());
        assertEquals(Purpose.ANY, untrusted.purpose());

        ChainReport otherRoot = pki.signer.verify(List.of(pki.ca), List.of(pki.signer2), at, null);
        assertEquals("pki.unknown-issuer", otherRoot.code());

        ChainReport expired = pki.signer.verify(List.of(pki.ca), List.of(pki.root), pki.base.plusSeconds(400 * DAY),
                Purpose.DOCUMENT_SIGNING);
        assertEquals("pki.expired", expired.code(), expired.rawJson());

        ChainReport usage = pki.maker.verify(List.of(pki.ca), List.of(pki.root), null, Purpose.TIME_STAMPING);
        assertEquals("pki.key-usage", usage.code(), usage.rawJson());
        assertTrue(pki.maker.verify(List.of(pki.ca), List.of(pki.root), null, Purpose.SEAL_MAKING).isValid());
        assertTrue(pki.ca.verify(List.of(), List.of(pki.root), null, Purpose.CA).isValid());
        assertEquals("pki.key-usage", pki.signer.verify(List.of(pki.ca), List.of(pki.root), null, Purpose.CA).code());

        // The same through the options; an empty options object is the defaults.
        ChainReport viaOptions = pki.signer.verify(List.of(pki.root), at, Purpose.DOCUMENT_SIGNING,
                VerifyOptions.builder().intermediates(pki.ca).revocation(Revocation.IF_AVAILABLE).build());
        assertEquals(ok.rawJson(), viaOptions.rawJson());
        // Revocation required, but no CRLs.
        ChainReport noCrl = pki.signer.verify(List.of(pki.root), at, Purpose.DOCUMENT_SIGNING,
                VerifyOptions.builder().intermediates(pki.ca).revocation(Revocation.REQUIRE).build());
        assertEquals("pki.crl", noCrl.code(), noCrl.rawJson());
        assertEquals("{\"crls_pem\":\"-----BEGIN X509 CRL-----\\nMAA=\\n-----END X509 CRL-----\\n\",\"revocation\":"
                + "\"require\",\"accept_empty_id\":true,\"accept_no_za\":true,\"at_unix\":0}",
                VerifyOptions.builder().crl(new byte[] {0x30, 0}).revocation(Revocation.REQUIRE).acceptEmptyId(true)
                        .acceptNoZa(true).build().json(Instant.EPOCH));
        assertNull(VerifyOptions.DEFAULT.json(null));
        assertGmseal(DecodeException.class, "decode.malformed", 1100, () -> pki.signer.verify(List.of(pki.root), at,
                null, VerifyOptions.builder().crl(new byte[] {0x30, 0}).build()));
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                () -> pki.signer.verify(List.of(pki.root), Instant.parse("+10000-01-01T00:00:00Z"), null, null));

        // No roots: an error, not a verdict.
        assertGmseal(UsageException.class, "ffi.null-argument", 1000,
                () -> pki.signer.verify(List.of(pki.ca), List.of()));
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> Certificate.fromDer("junk".getBytes(StandardCharsets.US_ASCII)).verify(null, List.of(pki.root)));
    }

    @Test
    void issueErrors() {
        try (PrivateKey k = PrivateKey.generate()) {
            assertGmseal(PkiException.class, "pki.invalid-name", 1300,
                    () -> Certificate.builder(Profile.ROOT).subject("not a name").key(k).issue());
            // A root is self-signed.
            assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                    () -> Certificate.builder(Profile.ROOT).subject("CN=x").key(k).issuer(pki.root, pki.rootKey)
                            .issue());
            // Anything else needs an issuer.
            assertGmseal(UsageException.class, "ffi.null-argument", 1000,
                    () -> Certificate.builder(Profile.SIGNER).subject("CN=x").key(k).issue());
            // An end entity cannot issue.
            assertGmseal(PkiException.class, "pki.invalid-params", 1301,
                    () -> Certificate.builder(Profile.SIGNER).subject("CN=x").key(k)
                            .issuer(pki.signer, pki.signerKey).issue());
            // A time before 1970.
            assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                    () -> Certificate.builder(Profile.ROOT).subject("CN=x").key(k)
                            .notBefore(Instant.parse("1969-12-31T00:00:00Z")).issue());
            assertThrows(NullPointerException.class, () -> Certificate.builder(Profile.ROOT).key(k).issue());
            assertThrows(IllegalArgumentException.class,
                    () -> Certificate.builder(Profile.ROOT).subject("CN=a\0,CN=b").key(k).issue());
            // A closed key.
            PrivateKey closed = PrivateKey.generate();
            closed.close();
            assertThrows(IllegalStateException.class,
                    () -> Certificate.builder(Profile.ROOT).subject("CN=x").key(closed).issue());
            assertThrows(IllegalArgumentException.class, () -> Certificate.builder(Profile.ROOT).days(-1));
            assertGmseal(DecodeException.class, "decode.malformed", 1100,
                    () -> Certificate.fromDer(new byte[] {0x30, 0x03, 1, 2, 3}).info());
        }
    }
}
