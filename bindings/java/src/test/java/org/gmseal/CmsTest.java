package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.gmseal.TestSupport.Pki;
import org.junit.jupiter.api.Test;

import static org.gmseal.TestSupport.assertGmseal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmsTest {
    private final Pki pki = TestSupport.pki();
    private final byte[] document = "contract text 合同正文".getBytes(StandardCharsets.UTF_8);

    @Test
    void signAndVerify() {
        byte[] cms = Cms.sign(document, pki.signer2, pki.signer2Key);
        assertEquals(0x30, cms[0]);
        CmsReport ok = Cms.verify(cms, document, List.of(pki.root));
        assertTrue(ok.isValid(), ok.rawJson());
        assertTrue(ok.isSignatureValid());
        assertTrue(ok.isChainValidated());
        assertNull(ok.code());
        assertEquals("CN=张三,C=CN", ok.signer());
        assertEquals(List.of("CN=张三,C=CN", "CN=gmseal Java 测试根CA,O=gmseal,C=CN"), ok.chain());
        assertEquals("rfc5652", ok.oidFamily());
        assertEquals("der", ok.signatureFormat());
        assertEquals("user-id", ok.signatureVariant());
        assertTrue(Math.abs(ok.signingTime().getEpochSecond() - Instant.now().getEpochSecond()) < 600);

        CmsReport modified = Cms.verify(cms, Arrays.copyOf(document, document.length - 1), List.of(pki.root));
        assertFalse(modified.isValid());
        assertFalse(modified.isSignatureValid());
        assertEquals("cms.digest-mismatch", modified.code(), modified.rawJson());

        CmsReport noRoots = Cms.verify(cms, document, null);
        assertFalse(noRoots.isValid());
        assertTrue(noRoots.isSignatureValid());
        assertEquals("chain.not-checked", noRoots.code());

        // An empty options object is the defaults.
        assertTrue(Cms.verify(cms, document, List.of(pki.root), VerifyOptions.DEFAULT).isValid());

        CmsReport otherRoot = Cms.verify(cms, document, List.of(pki.maker));
        assertEquals("pki.unknown-issuer", otherRoot.code(), otherRoot.rawJson());

        // The signer under the CA: the CA is not embedded, so the chain needs it as an
        // intermediate (or a root).
        byte[] cms2 = Cms.sign(document, pki.signer, pki.signerKey);
        assertEquals("pki.unknown-issuer", Cms.verify(cms2, document, List.of(pki.root)).code());
        assertTrue(Cms.verify(cms2, document, List.of(pki.root, pki.ca)).isValid());
        CmsReport viaCa = Cms.verify(cms2, document, List.of(pki.root), VerifyOptions.builder().intermediates(pki.ca)
                .build());
        assertTrue(viaCa.isValid(), viaCa.rawJson());
        assertEquals(3, viaCa.chain().size());

        // PEM is read too.
        String pem = "-----BEGIN CMS-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(cms) + "\n-----END CMS-----\n";
        assertTrue(Cms.verify(pem.getBytes(StandardCharsets.US_ASCII), document, List.of(pki.root)).isValid());
        String crlf = "-----BEGIN PKCS7-----\r\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\r', '\n'})
                .encodeToString(cms) + "\r\n-----END PKCS7-----\r\n";
        assertTrue(Cms.verify(crlf.getBytes(StandardCharsets.US_ASCII), document, List.of(pki.root)).isValid());
    }

    @Test
    void signOptions() {
        // The CA embedded: the root alone suffices.
        byte[] withChain = Cms.sign(document, pki.signer, pki.signerKey,
                Cms.SignOptions.builder().chain(pki.ca).time(pki.signTime).build());
        CmsReport r = Cms.verify(withChain, document, List.of(pki.root));
        assertTrue(r.isValid(), r.rawJson());
        assertEquals(pki.signTime, r.signingTime());

        byte[] noTime = Cms.sign(document, pki.signer2, pki.signer2Key,
                Cms.SignOptions.builder().signingTime(false).build());
        CmsReport n = Cms.verify(noTime, document, List.of(pki.root));
        assertTrue(n.isValid(), n.rawJson());
        assertNull(n.signingTime());

        byte[] gmt = Cms.sign(document, pki.signer2, pki.signer2Key,
                Cms.SignOptions.builder().oidFamily(OidFamily.GMT0010).build());
        CmsReport g = Cms.verify(gmt, document, List.of(pki.root));
        assertTrue(g.isValid(), g.rawJson());
        assertEquals("gmt-0010", g.oidFamily());

        assertNull(Cms.SignOptions.DEFAULT.json());
        assertEquals("{\"time_unix\":0,\"signing_time\":false,\"oid_family\":\"gmt0010\"}",
                Cms.SignOptions.builder().time(Instant.EPOCH).signingTime(false).oidFamily(OidFamily.GMT0010).build()
                        .json());
    }

    @Test
    void hsmAndErrors() {
        int[] calls = {0};
        try (PrivateKey hsm = PrivateKey.fromSigner(pki.signer2.publicKeyDer(), d -> {
            calls[0]++;
            return pki.signer2Key.signDigest(d);
        })) {
            byte[] cms = Cms.sign(document, pki.signer2, hsm);
            assertEquals(1, calls[0]);
            assertTrue(Cms.verify(cms, document, List.of(pki.root)).isValid());
        }
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> Cms.verify("junk".getBytes(StandardCharsets.US_ASCII), document, null));
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> Cms.sign(document, Certificate.fromDer("junk".getBytes(StandardCharsets.US_ASCII)),
                        pki.signerKey));
        // A key that is not the certificate's.
        assertGmseal(CryptoException.class, "crypto.key-mismatch", 1203,
                () -> Cms.sign(document, pki.signer2, pki.signerKey));
        // Unusable options.
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004, () -> Cms.sign(document, pki.signer2,
                pki.signer2Key, Cms.SignOptions.builder().time(Instant.parse("+10000-01-01T00:00:00Z")).build()));
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004, () -> Cms.sign(document, pki.signer2,
                pki.signer2Key, Cms.SignOptions.builder().time(pki.signTime).signingTime(false).build()));
        byte[] cms = Cms.sign(document, pki.signer2, pki.signer2Key);
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004, () -> Cms.verify(cms, document,
                List.of(pki.root), VerifyOptions.builder().crlsPem("no CRL here").build()));
        // Empty content is content (a valid pointer, length 0), not a missing argument.
        byte[] empty = Cms.sign(new byte[0], pki.signer2, pki.signer2Key);
        assertTrue(Cms.verify(empty, new byte[0], List.of(pki.root)).isValid());
    }
}
