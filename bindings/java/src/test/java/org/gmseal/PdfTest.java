package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.gmseal.TestSupport.Pki;
import org.gmseal.internal.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.gmseal.TestSupport.assertGmseal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfTest {
    private final Pki pki = TestSupport.pki();
    private final byte[] license = License.issue(License.BUSINESS_LICENSE, TestSupport.metadata(), LicenseTest.ISSUED);

    private PdfSigner.Builder signer() {
        return PdfSigner.builder().seal(pki.seal).certificate(pki.signer).key(pki.signerKey).time(pki.signTime);
    }

    private PdfVerifier verifier() {
        return PdfVerifier.builder().roots(pki.root).intermediates(pki.ca).build();
    }

    @Test
    void sealAndVerify() {
        byte[] sealed = signer().chain(pki.ca).template(License.BUSINESS_LICENSE).certify(DocMdp.NO_CHANGES)
                .reason("核准登记").location("杭州").build().sign(license);
        assertTrue(sealed.length > license.length);
        assertArrayEquals(license, Arrays.copyOf(sealed, license.length));

        PdfReport report = PdfVerifier.builder().roots(pki.root).build().verify(sealed);
        assertEquals(Indication.VALID, report.indication(), report.rawJson());
        assertNull(report.reason());
        assertEquals(2, report.revisions());
        assertEquals(sealed.length, report.fileSize());
        assertEquals(1, report.signatures().size());
        PdfSignatureReport sig = report.signatures().get(0);
        assertEquals(Indication.VALID, sig.indication());
        assertEquals("cms", sig.flavour());
        assertEquals("adbe.pkcs7.detached", sig.subFilter());
        assertEquals(DocMdp.NO_CHANGES, sig.certification());
        assertTrue(sig.coversWholeFile());
        assertEquals("CN=某某科技有限公司,O=某某科技有限公司,C=CN", sig.signer());
        assertEquals(pki.signTime, sig.signingTime());
        assertEquals(Indication.VALID, sig.seal().indication());
        assertEquals("ES-JAVA-0001", sig.seal().esId());
        long[] br = sig.byteRange();
        assertEquals(0, br[0]);
        assertEquals(sealed.length, br[2] + br[3]);
        assertTrue(report.metadataJson().contains("91330106MA2H0WQ17L"));
        Map<String, Object> raw = Json.parseObject(report.rawJson());
        assertEquals("valid", raw.get("indication"));

        // Without roots: indeterminate.
        PdfReport noRoots = PdfVerifier.builder().build().verify(sealed);
        assertEquals(Indication.INDETERMINATE, noRoots.indication(), noRoots.rawJson());
        assertFalse(noRoots.indication().isValid());

        // A byte changed inside the signed range.
        byte[] tampered = sealed.clone();
        tampered[license.length / 2] ^= 1;
        PdfReport bad = verifier().verify(tampered);
        assertFalse(bad.indication().isValid(), bad.rawJson());
        assertTrue(bad.reason() != null);

        // Bytes appended after the signature: not the whole file any more.
        byte[] appended = Arrays.copyOf(sealed, sealed.length + 9);
        System.arraycopy("\n% extra\n".getBytes(StandardCharsets.US_ASCII), 0, appended, sealed.length, 9);
        PdfReport after = verifier().verify(appended);
        assertNotEquals(Indication.VALID, after.indication(), after.rawJson());

        // A certified (P 1) document takes no further seal.
        assertGmseal(UsageException.class, "input.invalid", 1005, () -> signer().invisible(1).build().sign(sealed));
    }

    @Test
    void theReadmeExample() {
        byte[] sealed = PdfSigner.builder().seal(pki.seal).certificate(pki.signer).key(pki.signerKey).chain(pki.ca)
                .flavour(Flavour.CMS).certify(DocMdp.NO_CHANGES).rect(1, 150, 120, 42, 42).build().sign(license);
        PdfReport report = PdfVerifier.builder().roots(pki.root).build().verify(sealed);
        assertEquals(Indication.VALID, report.indication(), report.rawJson());
    }

    @Test
    void approvalThenSecondSeal() {
        byte[] first = signer().invisible(1).fieldName("First").build().sign(license);
        byte[] second = PdfSigner.builder().seal(pki.seal).certificate(pki.signer2).key(pki.signer2Key)
                .time(pki.signTime).rect(1, 20, 20, 40, 40).fieldName("Second").build().sign(first);
        PdfReport report = verifier().verify(second);
        assertEquals(2, report.signatures().size(), report.rawJson());
        assertEquals(Indication.VALID_WITH_PERMITTED_CHANGES, report.signatures().get(0).indication(),
                report.rawJson());
        assertEquals(Indication.VALID, report.signatures().get(1).indication());
        assertTrue(report.indication().isValid(), report.rawJson());
        assertEquals("First", report.signatures().get(0).field());
        assertNull(report.signatures().get(0).certification());
    }

    @Test
    void sesFlavourWithAnHsm() {
        int[] calls = {0};
        try (PrivateKey hsm = PrivateKey.fromSigner(pki.signer2.publicKeyDer(), d -> {
            calls[0]++;
            return pki.signer2Key.signDigest(d);
        })) {
            byte[] sealed = PdfSigner.builder().seal(pki.seal).certificate(pki.signer2).key(hsm).flavour(Flavour.SES)
                    .rect(1, 20, 20, 40, 40).time(pki.signTime).build().sign(license);
            assertEquals(1, calls[0]);
            PdfReport report = verifier().verify(sealed);
            assertEquals(Indication.VALID, report.indication(), report.rawJson());
            assertEquals("ses", report.signatures().get(0).flavour());
            assertEquals(Flavour.SES, Flavour.fromName(report.signatures().get(0).flavour()));
        }
    }

    @Test
    void cadesFlavour() {
        byte[] sealed = signer().chain(pki.ca).flavour(Flavour.CADES).template(License.BUSINESS_LICENSE).build()
                .sign(license);
        PdfReport report = PdfVerifier.builder().roots(pki.root).build().verify(sealed);
        assertEquals(Indication.VALID, report.indication(), report.rawJson());
        assertEquals("ETSI.CAdES.detached", report.signatures().get(0).subFilter());
    }

    @Test
    void aFailingHsmFailsTheSeal() {
        RuntimeException boom = new RuntimeException("HSM offline");
        try (PrivateKey hsm = PrivateKey.fromSigner(pki.signer2.publicKeyDer(), d -> {
            throw boom;
        })) {
            CryptoException e = assertGmseal(CryptoException.class, "crypto.signer", 1214,
                    () -> PdfSigner.builder().seal(pki.seal).certificate(pki.signer2).key(hsm).invisible(1).build()
                            .sign(license));
            assertEquals(boom, e.getCause());
        }
    }

    @Test
    void files(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("license.pdf");
        Path out = dir.resolve("sealed.pdf");
        Files.write(in, license);
        signer().template(License.BUSINESS_LICENSE).build().sign(in, out);
        assertEquals(Indication.VALID, verifier().verify(out).indication());
    }

    @Test
    void badOptionsAndInputs() {
        String[][] cases = {
            {"ffi.invalid-argument", "no placement"},
            {"ffi.invalid-argument", "two placements"},
            {"ffi.invalid-argument", "page 0"},
            {"ffi.unknown-name", "unknown template"},
            {"ffi.invalid-argument", "empty field name"},
            {"ffi.invalid-argument", "field name with a dot"},
            {"ffi.invalid-argument", "a time after 9999"},
        };
        PdfSigner[] signers = {
            signer().build(),
            signer().invisible(1).rect(1, 1, 2, 3, 4).build(),
            signer().invisible(0).build(),
            signer().template("passport").build(),
            signer().invisible(1).fieldName("").build(),
            signer().invisible(1).fieldName("a.b").build(),
            signer().invisible(1).time(Instant.parse("+10000-01-01T00:00:00Z")).build(),
        };
        for (int i = 0; i < cases.length; i++) {
            PdfSigner s = signers[i];
            UsageException e = assertThrows(UsageException.class, () -> s.sign(license), cases[i][1]);
            assertEquals(cases[i][0], e.getCodeName(), cases[i][1] + ": " + e.getMessage());
        }
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> signer().invisible(1).build().sign("junk".getBytes(StandardCharsets.US_ASCII)));
        // The maker's key for the signer's certificate.
        assertGmseal(CryptoException.class, "crypto.key-mismatch", 1203,
                () -> PdfSigner.builder().seal(pki.seal).certificate(pki.signer).key(pki.makerKey).invisible(1)
                        .build().sign(license));
        // The maker is not a listed signer.
        GmsealException notListed = assertThrows(GmsealException.class,
                () -> PdfSigner.builder().seal(pki.seal).certificate(pki.maker).key(pki.makerKey).invisible(1)
                        .build().sign(license));
        assertTrue(notListed.getCodeName().startsWith("seal.") || notListed.getCodeName().startsWith("input."),
                notListed.getMessage());
        assertThrows(NullPointerException.class, () -> PdfSigner.builder().seal(pki.seal).build());
        // A NUL inside an option is escaped in the JSON, never a truncation.
        assertTrue(signer().invisible(1).reason("a\0b").build().optionsJson().contains("a\\u0000b"));

        // Not a PDF: a report, not an error.
        PdfReport junk = verifier().verify("junk".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Indication.INVALID, junk.indication(), junk.rawJson());
        PdfReport empty = verifier().verify(new byte[0]);
        assertFalse(empty.indication().isValid());
        // Unusable roots: an error.
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> PdfVerifier.builder().roots(Certificate.fromDer(new byte[] {0x30, 0})).build().verify(license));
    }

    @Test
    void optionsJson() {
        assertEquals("{\"template\":\"business-license\",\"reason\":\"a \\\"quoted\\\" 理由\"}",
                PdfSigner.builder().seal(pki.seal).certificate(pki.signer).key(pki.signerKey)
                        .template(License.BUSINESS_LICENSE).reason("a \"quoted\" 理由").build().optionsJson());
        assertEquals("{\"flavour\":\"ses\",\"certify\":2,\"page\":1,\"rect_mm\":[1.5,2,3,4],\"time_unix\":"
                + pki.signTime.getEpochSecond() + "}",
                signer().flavour(Flavour.SES).certify(DocMdp.FORM_FILLING).rect(1, 1.5, 2, 3, 4).build().optionsJson());
    }
}
