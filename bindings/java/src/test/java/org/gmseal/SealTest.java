package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.gmseal.TestSupport.Pki;
import org.junit.jupiter.api.Test;

import static org.gmseal.TestSupport.DAY;
import static org.gmseal.TestSupport.assertGmseal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private final Pki pki = TestSupport.pki();

    @Test
    void pictures() {
        byte[] round = Seal.builder().org("某某科技有限公司").name("合同专用章").code("3301060012345").dpi(72).png();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(round, 8));
        byte[] oval = Seal.builder().org("某某公司").name("发票专用章").style(SealStyle.OVAL).dpi(72).png();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(oval, 8));
        byte[] sized = Seal.builder().org("某某公司").name("财务专用章").sizeMm(38, 38).dpi(72).png();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(sized, 8));
        assertGmseal(UsageException.class, "input.invalid", 1005,
                () -> Seal.builder().org("x").name("y").dpi(5).png());
        assertGmseal(UsageException.class, "ffi.invalid-json", 1002, () -> Seal.builder().org("x").png());
    }

    @Test
    void makeAndShow() {
        SealInfo info = pki.seal.info();
        assertEquals("ES-JAVA-0001", info.esId());
        assertEquals("合同专用章", info.name());
        assertEquals(4, info.sealType());
        assertEquals("v4", info.version());
        assertEquals("gmseal", info.vendor());
        assertEquals("PNG", info.pictureType());
        assertEquals(2, info.signerCount());
        assertEquals("CN=某某市公安局制章中心,C=CN", info.maker());
        assertEquals(pki.base.plusSeconds(DAY), info.validStart());
        assertTrue(info.rawJson().contains("\"subject\":\"CN=张三,C=CN\""), info.rawJson());
        assertEquals(pki.seal, Seal.fromDer(pki.seal.der()));

        // Signers by digest, another vendor, a random esID.
        Seal digests = Seal.builder().org("x").name("测试章").sealType(2).dpi(72).digests(true).vendor("acme")
                .maker(pki.maker, pki.makerKey).signer(pki.signer).build();
        SealInfo d = digests.info();
        assertEquals("acme", d.vendor());
        assertEquals(32, d.esId().length());
        assertTrue(d.rawJson().contains("\"cert_list_type\":2"), d.rawJson());
    }

    @Test
    void makeErrors() {
        Seal.Builder noType = Seal.builder().org("x").name("y").dpi(72).maker(pki.maker, pki.makerKey)
                .signer(pki.signer);
        assertGmseal(UsageException.class, "ffi.invalid-json", 1002, noType::build);
        assertThrows(IllegalStateException.class,
                () -> Seal.builder().org("x").name("y").sealType(1).maker(pki.maker, pki.makerKey).build());
        assertThrows(NullPointerException.class, () -> Seal.builder().org("x").name("y").sealType(1).build());
        // A signer's certificate cannot make seals.
        GmsealException e = assertThrows(GmsealException.class, () -> Seal.builder().org("x").name("y").sealType(1)
                .dpi(72).maker(pki.signer, pki.signerKey).signer(pki.signer).build());
        assertTrue(e.getCode() >= 1000, e.getMessage());
        // The key does not match the maker's certificate.
        assertThrows(GmsealException.class, () -> Seal.builder().org("x").name("y").sealType(1).dpi(72)
                .maker(pki.maker, pki.signerKey).signer(pki.signer).build());
    }

    @Test
    void verify() {
        SealReport ok = pki.seal.verify(pki.sealAnchors(), pki.signTime);
        assertEquals(Indication.VALID, ok.indication(), ok.rawJson());
        assertNull(ok.reason());
        assertEquals("ES-JAVA-0001", ok.esId());
        assertEquals("合同专用章", ok.name());
        assertEquals(4, ok.sealType());
        assertEquals(CheckStatus.PASSED, ok.check("seal.maker-signature").status());

        SealReport noRoots = pki.seal.verify(null, pki.signTime);
        assertEquals(Indication.INDETERMINATE, noRoots.indication());
        assertEquals("chain.not-checked", noRoots.reason(), noRoots.rawJson());

        SealReport expired = pki.seal.verify(pki.sealAnchors(), pki.base.plusSeconds(800 * DAY));
        assertEquals(Indication.INVALID, expired.indication());
        assertEquals("seal.expired", expired.reason(), expired.rawJson());

        SealReport early = pki.seal.verify(pki.sealAnchors(), pki.base);
        assertEquals(Indication.INVALID, early.indication());
        assertEquals("seal.not-yet-valid", early.reason(), early.rawJson());

        // A byte of the maker's signature changed.
        byte[] der = pki.seal.der();
        der[der.length - 1] ^= 1;
        SealReport bad = Seal.fromDer(der).verify(pki.sealAnchors(), pki.signTime);
        assertEquals(Indication.INVALID, bad.indication(), bad.rawJson());
        assertEquals(CheckStatus.FAILED, bad.check("seal.maker-signature").status());

        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> Seal.fromDer("junk".getBytes(StandardCharsets.US_ASCII)).verify(null));
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> Seal.fromDer("junk".getBytes(StandardCharsets.US_ASCII)).info());
    }

    @Test
    void intermediatesAndReasons() {
        byte[] document = "contract text 合同正文".getBytes(StandardCharsets.UTF_8);
        VerifyOptions viaCa = VerifyOptions.builder().intermediates(pki.ca).build();
        SealReport ok = pki.seal.verify(List.of(pki.root), pki.signTime, viaCa);
        assertEquals(Indication.VALID, ok.indication(), ok.rawJson());
        assertNull(ok.reason());
        // Without the CA the maker does not chain to the root: the library's reason says so.
        SealReport untrusted = pki.seal.verify(List.of(pki.root), pki.signTime);
        assertEquals(Indication.INDETERMINATE, untrusted.indication(), untrusted.rawJson());
        assertEquals("chain.untrusted", untrusted.reason(), untrusted.rawJson());

        SealSignature sig = pki.seal.sign(document, pki.signer, pki.signerKey, "contract.pdf", pki.signTime);
        SealSignatureReport r = sig.verify(document, List.of(pki.root), viaCa);
        assertEquals(Indication.VALID, r.indication(), r.rawJson());
        assertNull(r.reason());
        assertNull(r.seal().reason());
        SealSignatureReport bad = sig.verify(document, List.of(pki.root));
        assertEquals(Indication.INDETERMINATE, bad.indication(), bad.rawJson());
        assertEquals("chain.untrusted", bad.reason(), bad.rawJson());

        // Times out of range, checked before the call (1969-12-31T23:59:59Z would be -1, "now").
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                () -> pki.seal.verify(List.of(pki.root), java.time.Instant.ofEpochSecond(-1), viaCa));
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                () -> pki.seal.sign(document, pki.signer, pki.signerKey, "x", java.time.Instant.ofEpochSecond(-1)));
    }

    @Test
    void keyMismatch() {
        byte[] document = "contract text 合同正文".getBytes(StandardCharsets.UTF_8);
        assertGmseal(CryptoException.class, "crypto.key-mismatch", 1203,
                () -> Seal.builder().org("x").name("y").sealType(4).dpi(72).maker(pki.maker, pki.signerKey)
                        .signer(pki.signer).build());
        assertGmseal(CryptoException.class, "crypto.key-mismatch", 1203,
                () -> pki.seal.sign(document, pki.signer, pki.signer2Key, "x", pki.signTime));
    }

    @Test
    void sealSignatures() {
        byte[] document = "contract text 合同正文".getBytes(StandardCharsets.UTF_8);
        SealSignature sig = pki.seal.sign(document, pki.signer, pki.signerKey, "contract.txt", pki.signTime);
        SealSignatureReport ok = sig.verify(document, pki.sealAnchors());
        assertEquals(Indication.VALID, ok.indication(), ok.rawJson());
        assertNull(ok.reason());
        assertEquals("contract.txt", ok.propertyInfo());
        assertEquals(pki.signTime, ok.time());
        assertEquals("CN=某某科技有限公司,O=某某科技有限公司,C=CN", ok.signer());
        assertEquals(Indication.VALID, ok.seal().indication());
        assertEquals(64, ok.dataHash().length());
        assertEquals(sig, SealSignature.fromDer(sig.der()));

        SealSignatureReport tampered = sig.verify(Arrays.copyOf(document, document.length - 1), pki.sealAnchors());
        assertEquals(Indication.INVALID, tampered.indication());
        assertEquals("signature.data-hash-mismatch", tampered.reason(), tampered.rawJson());

        SealSignatureReport noData = sig.verify(null, pki.sealAnchors());
        assertEquals(Indication.INDETERMINATE, noData.indication());
        assertEquals("data.not-checked", noData.reason(), noData.rawJson());

        SealSignatureReport noRoots = sig.verify(document, null);
        assertEquals(Indication.INDETERMINATE, noRoots.indication());
        assertNotNull(noRoots.reason());

        // The second listed signer, certified by the root directly: the root alone suffices.
        SealSignature sig2 = pki.seal.sign(document, pki.signer2, pki.signer2Key, "contract.txt", null);
        assertEquals(Indication.VALID, sig2.verify(document, pki.sealAnchors()).indication());

        // The maker is not a listed signer; the seal is not valid before its creation.
        assertGmseal(SealException.class, "seal.signer-not-in-list", 1501,
                () -> pki.seal.sign(document, pki.maker, pki.makerKey, "x", pki.signTime));
        assertGmseal(SealException.class, "seal.not-valid-at-signing-time", 1502,
                () -> pki.seal.sign(document, pki.signer, pki.signerKey, "x", pki.base));
        assertThrows(NullPointerException.class,
                () -> pki.seal.sign(document, pki.signer, pki.signerKey, null, pki.signTime));
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> SealSignature.fromDer(new byte[] {1, 2, 3}).verify(null, null));
        // A seal whose maker signature is broken cannot be used.
        byte[] broken = pki.seal.der();
        broken[broken.length - 1] ^= 1;
        assertGmseal(SealException.class, "seal.invalid-params", 1500,
                () -> Seal.fromDer(broken).sign(document, pki.signer, pki.signerKey, "x", pki.signTime));
    }

    @Test
    void hsmSignsASealSignature() {
        byte[] document = "HSM".getBytes(StandardCharsets.UTF_8);
        int[] calls = {0};
        try (PrivateKey hsm = PrivateKey.fromSigner(pki.signer.publicKeyDer(), d -> {
            calls[0]++;
            return pki.signerKey.signDigest(d);
        })) {
            SealSignature sig = pki.seal.sign(document, pki.signer, hsm, "hsm.txt", pki.signTime);
            assertEquals(1, calls[0]);
            assertEquals(Indication.VALID, sig.verify(document, List.of(pki.root, pki.ca)).indication());
        }
    }
}
