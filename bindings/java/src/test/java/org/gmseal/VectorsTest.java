package org.gmseal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.gmseal.internal.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import static org.gmseal.TestSupport.hex;
import static org.gmseal.TestSupport.unhex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared test vectors of {@code test-vectors/} (formats in its README), through what the C
 * ABI exposes. A vector that needs something the ABI does not offer (an identifier version other
 * than 001) is reported as aborted with the reason; groups of functions the ABI lacks (CRL
 * parsing, identifier parsing, MOD 37,36) are left out.
 */
class VectorsTest {
    private static final Path DIR = TestSupport.vectors();

    // ------------------------------------------------------------------ helpers

    private static Json.Obj load(String file) {
        try {
            Json.Obj o = Json.Obj.parse(Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
            assertEquals("gmseal-vectors-v1", o.str("schema"));
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dynamic test per vector of {@code file}, run by {@code body(group, test, base)}. */
    private interface Body {
        void run(Json.Obj group, Json.Obj test, Path base) throws Throwable;
    }

    private static Stream<DynamicTest> each(String file, Body body) {
        return each(file, Set.of(), body);
    }

    /** As above, leaving out the groups of {@code unsupported} types (the ABI has no such function). */
    private static Stream<DynamicTest> each(String file, Set<String> unsupported, Body body) {
        Json.Obj v = load(file);
        Path base = DIR.resolve(file).getParent();
        List<DynamicTest> out = new ArrayList<>();
        int count = 0;
        for (Json.Obj g : v.objs("testGroups")) {
            for (Json.Obj t : g.objs("tests")) {
                count++;
                if (unsupported.contains(g.str("type"))) {
                    continue;
                }
                String name = file + " #" + t.str("tcId") + " " + g.str("type") + ": " + t.str("comment");
                out.add(DynamicTest.dynamicTest(name, () -> body.run(g, t, base)));
            }
        }
        assertEquals(v.lng("numberOfTests", -1), count, file + ": numberOfTests");
        return out.stream();
    }

    private static boolean valid(Json.Obj t) {
        return "valid".equals(t.str("result"));
    }

    private static byte[] read(Path base, String rel) {
        try {
            return Files.readAllBytes(base.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Certificate cert(Path base, String rel) {
        return Certificate.fromDer(read(base, rel));
    }

    private static List<Certificate> certs(Path base, List<String> rels) {
        List<Certificate> out = new ArrayList<>();
        for (String r : rels) {
            out.add(cert(base, r));
        }
        return out;
    }

    /**
     * The vector's intermediates, CRLs (DER files), revocation policy ({@code check-if-available}
     * or {@code require}; absent: the default) and user-ID variants as {@link VerifyOptions}.
     */
    private static VerifyOptions options(Json.Obj t, Path base) {
        VerifyOptions.Builder b = VerifyOptions.builder().intermediates(certs(base, t.strs("intermediates")));
        for (String crl : t.strs("crls")) {
            b.crl(read(base, crl));
        }
        String policy = t.str("revocationPolicy");
        if (policy != null) {
            switch (policy) {
                case "check-if-available":
                    b.revocation(Revocation.IF_AVAILABLE);
                    break;
                case "require":
                    b.revocation(Revocation.REQUIRE);
                    break;
                default:
                    throw new AssertionError("unknown revocationPolicy " + policy);
            }
        }
        return b.acceptEmptyId(t.bool("acceptEmptyId")).acceptNoZa(t.bool("acceptNoZa")).build();
    }

    /** The call fails with exactly {@code code}. */
    private static void expectCode(String code, Executable body) {
        assertNotNull(code, "an invalid vector without errorCode");
        GmsealException e = assertThrows(GmsealException.class, body);
        assertEquals(code, e.getCodeName(), e.getMessage());
    }

    /** The 65-byte public point at the end of an SM2 SPKI. */
    private static String point(byte[] spki) {
        return hex(Arrays.copyOfRange(spki, spki.length - 65, spki.length));
    }

    /** d from the PKCS#8 PEM gmseal exports: PrivateKeyInfo → OCTET STRING → ECPrivateKey → d. */
    private static String privateScalar(PrivateKey key) {
        String pem = key.exportPem();
        byte[] der = java.util.Base64.getMimeDecoder().decode(
                pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        for (int i = 0; i + 34 <= der.length; i++) {
            // ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING (32) d, ... }
            if (der[i] == 0x02 && der[i + 1] == 0x01 && der[i + 2] == 0x01 && der[i + 3] == 0x04 && der[i + 4] == 32) {
                return hex(Arrays.copyOfRange(der, i + 5, i + 37));
            }
        }
        throw new AssertionError("no ECPrivateKey in " + pem);
    }

    private static final HsmSigner NEVER = d -> {
        throw new AssertionError("not called");
    };

    // ------------------------------------------------------------------ SM2 keys

    @TestFactory
    Stream<DynamicTest> sm2Keys() {
        return each("sm2_keys.json", (g, t, base) -> {
            byte[] der = unhex(t.str("der"));
            switch (g.str("type")) {
                case "Sm2PublicKeySpki":
                    if (!valid(t)) {
                        expectCode(t.str("errorCode"), () -> PrivateKey.fromSigner(der, NEVER).close());
                        return;
                    }
                    try (PrivateKey k = PrivateKey.fromSigner(der, NEVER)) {
                        byte[] spki = k.publicKeyDer();
                        assertEquals(t.str("publicKey"), point(spki));
                        if (!t.strs("flags").contains("Compressed")) {
                            assertArrayEquals(der, spki, "an uncompressed SPKI re-encodes identically");
                        }
                    }
                    return;
                case "Sm2PrivateKeyPkcs8":
                case "Sm2PrivateKeySec1":
                    if (!valid(t)) {
                        expectCode(t.str("errorCode"), () -> PrivateKey.load(der).close());
                        return;
                    }
                    try (PrivateKey k = PrivateKey.load(der)) {
                        assertEquals(t.str("publicKey"), point(k.publicKeyDer()));
                        assertEquals(t.str("privateKey"), privateScalar(k));
                    }
                    return;
                default:
                    throw new AssertionError("unknown group " + g.str("type"));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> encryptedPkcs8() {
        return each("pkcs8_encrypted.json", (g, t, base) -> {
            byte[] der = unhex(t.str("der"));
            byte[] password = unhex(t.str("password"));
            if (!valid(t)) {
                expectCode(t.str("errorCode"), () -> PrivateKey.load(der, password).close());
                return;
            }
            try (PrivateKey k = PrivateKey.load(der, password)) {
                assertEquals(t.str("publicKey"), point(k.publicKeyDer()));
                assertEquals(t.str("privateKey"), privateScalar(k));
            }
        });
    }

    // ---------------------------------------------------------------------- PKI

    @TestFactory
    Stream<DynamicTest> pki() {
        // CrlParse: the C ABI has no CRL function.
        return each("pki/vectors.json", Set.of("CrlParse"), (g, t, base) -> {
            switch (g.str("type")) {
                case "CertificateParse":
                    certificateParse(t, base);
                    return;
                case "ChainValidation":
                    chainValidation(t, base);
                    return;
                default:
                    throw new AssertionError("unknown group " + g.str("type"));
            }
        });
    }

    private static void certificateParse(Json.Obj t, Path base) {
        Certificate c = cert(base, t.str("file"));
        CertificateInfo info = c.info();
        CertificateInfo fromPem = Certificate.fromDer(read(base, t.str("pemFile"))).info();
        assertEquals(info.rawJson(), fromPem.rawJson(), "PEM and DER read alike");
        assertEquals(t.str("subject"), info.subject());
        assertEquals(t.str("issuer"), info.issuer());
        assertEquals(t.str("serial"), info.serialNumber().toLowerCase().replaceFirst("^(00)+(?=.)", ""));
        assertEquals(Instant.parse(t.str("notBefore")), info.notBefore());
        assertEquals(Instant.parse(t.str("notAfter")), info.notAfter());
        assertEquals(t.bool("isCa"), info.isCa());
        assertEquals(t.strs("keyUsage"), info.keyUsage());
        List<String> eku = new ArrayList<>();
        for (String e : info.extendedKeyUsage()) {
            eku.add(e.split(" ")[0]);
        }
        assertEquals(t.strs("extendedKeyUsage"), eku);
        assertEquals(t.str("publicKey"), info.publicKey().toLowerCase());
        assertEquals(t.str("subjectKeyId"), info.subjectKeyId() == null ? null : info.subjectKeyId().toLowerCase());
        assertEquals(t.str("authorityKeyId"),
                info.authorityKeyId() == null ? null : info.authorityKeyId().toLowerCase());
        assertEquals(t.strs("crlDistributionPoints"),
                Json.Obj.parse(info.rawJson()).strs("crl_distribution_points"));
        assertEquals(t.str("publicKey"), point(c.publicKeyDer()), "the Java DER reader finds the SPKI");

        // The private key belongs to the certificate.
        try (PrivateKey k = PrivateKey.load(read(base, t.str("privateKeyFile")))) {
            assertArrayEquals(c.publicKeyDer(), k.publicKeyDer());
        }
        // The issuer's signature (default user ID), checked by validating the one link with the
        // issuer as trust anchor (a self-signed anchor's own signature is not checked by RFC 5280).
        if (!t.str("issuerFile").equals(t.str("file"))) {
            ChainReport r = c.verify(List.of(), List.of(cert(base, t.str("issuerFile"))),
                    Instant.parse(t.str("notBefore")), Purpose.ANY);
            if ("valid".equals(t.str("signatureDefaultId"))) {
                assertTrue(r.isValid(), r.rawJson());
            } else {
                assertEquals("pki.bad-signature", r.code(), r.rawJson());
            }
            if (t.has("signatureAcceptEmptyId")) {
                ChainReport e = c.verify(List.of(cert(base, t.str("issuerFile"))), Instant.parse(t.str("notBefore")),
                        Purpose.ANY, VerifyOptions.builder().acceptEmptyId(true).build());
                if ("valid".equals(t.str("signatureAcceptEmptyId"))) {
                    assertTrue(e.isValid(), e.rawJson());
                } else {
                    assertEquals("pki.bad-signature", e.code(), e.rawJson());
                }
            }
        }
    }

    private static Purpose purpose(String name) {
        return "certificate-authority".equals(name) ? Purpose.CA : Purpose.fromName(name);
    }

    private static void chainValidation(Json.Obj t, Path base) {
        Certificate ee = cert(base, t.str("endEntity"));
        ChainReport r = ee.verify(certs(base, t.strs("trustAnchors")), Instant.parse(t.str("time")),
                purpose(t.str("purpose")), options(t, base));
        assertEquals(Instant.parse(t.str("time")), r.time());
        if (valid(t)) {
            assertTrue(r.isValid(), r.rawJson());
            if (t.has("chainLength")) {
                assertEquals(t.lng("chainLength", -1), r.chain().size(), r.rawJson());
            }
            assertEquals(ee.info().subject(), r.chain().get(0));
        } else {
            assertFalse(r.isValid());
            assertEquals(t.str("errorCode"), r.code(), r.rawJson());
        }
    }

    // ---------------------------------------------------------------------- CMS

    @TestFactory
    Stream<DynamicTest> cms() {
        return each("cms/vectors.json", (g, t, base) -> {
            VerifyOptions opts = options(t, base);
            byte[] cms = read(base, t.str("cms"));
            byte[] content = read(base, t.str("content"));
            if (!valid(t) && t.str("errorCode").startsWith("decode.")) {
                expectCode(t.str("errorCode"), () -> Cms.verify(cms, content, null, opts));
                return;
            }
            CmsReport r = Cms.verify(cms, content, null, opts);
            if (!valid(t)) {
                assertFalse(r.isSignatureValid(), r.rawJson());
                assertEquals(t.str("errorCode"), r.code(), r.rawJson());
                return;
            }
            assertTrue(r.isSignatureValid(), r.rawJson());
            assertFalse(r.isValid(), "without roots the chain is not checked");
            assertEquals("chain.not-checked", r.code());
            assertEquals(t.str("oidFamily"), r.oidFamily());
            assertEquals(t.str("signerSubject"), r.signer());
            String time = t.str("signingTime");
            assertEquals(time == null ? null : Instant.parse(time), r.signingTime());
            assertEquals(t.str("signatureVariant"), r.signatureVariant());
            assertEquals(t.str("signatureFormat"), r.signatureFormat());
            // With the gmseal root (and the CA, which not every file embeds) the chain validates.
            List<Certificate> roots = List.of(cert(DIR, "pki/gmseal/root.der"));
            VerifyOptions withCa = VerifyOptions.builder().intermediates(cert(DIR, "pki/gmseal/ca.der"))
                    .acceptEmptyId(t.bool("acceptEmptyId")).acceptNoZa(t.bool("acceptNoZa")).build();
            CmsReport chained = Cms.verify(cms, content, roots, withCa);
            assertTrue(chained.isValid(), chained.rawJson());
        });
    }

    // -------------------------------------------------------------------- seals

    /** The vector's trust anchors, or null when it has none (chains are then not checked). */
    private static List<Certificate> sealRoots(Json.Obj t, Path base) {
        List<String> anchors = t.strs("trustAnchors");
        return anchors.isEmpty() ? null : certs(base, anchors);
    }

    /** The report's reason is null exactly when valid, and else one of the reported codes. */
    private static void expectReason(String reason, Indication indication, Set<String> codes, String raw) {
        if (indication == Indication.VALID) {
            assertEquals(null, reason, raw);
        } else {
            assertNotNull(reason, raw);
            assertTrue(codes.contains(reason), reason + " not among " + codes + " in " + raw);
        }
    }

    /** The statuses reported per check id must be exactly those listed; the codes exactly the set. */
    private static void expectChecks(Json.Obj want, List<Check> got, List<String> codes, String raw) {
        Map<String, List<String>> byId = new HashMap<>();
        Set<String> gotCodes = new TreeSet<>();
        for (Check c : got) {
            byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c.status().jsonName());
            if (c.code() != null) {
                gotCodes.add(c.code());
            }
        }
        for (Map.Entry<String, Object> e : want.map().entrySet()) {
            Object v = e.getValue();
            List<String> expected = v instanceof List ? new ArrayList<>(new Json.Obj(Map.of("x", v)).strs("x"))
                    : Collections.singletonList((String) v);
            List<String> actual = byId.getOrDefault(e.getKey(), List.of());
            List<String> a = new ArrayList<>(actual);
            List<String> x = new ArrayList<>(expected);
            Collections.sort(a);
            Collections.sort(x);
            assertEquals(x, a, e.getKey() + " in " + raw);
        }
        assertEquals(new TreeSet<>(codes), gotCodes, "codes of " + raw);
    }

    @TestFactory
    Stream<DynamicTest> seals() {
        return each("seal/vectors.json", (g, t, base) -> {
            switch (g.str("type")) {
                case "SealVerify": {
                    List<Certificate> roots = sealRoots(t, base);
                    Seal seal = Seal.load(base.resolve(t.str("file")));
                    SealReport r = seal.verify(roots, Instant.parse(t.str("time")), options(t, base));
                    assertEquals(Indication.fromJson(t.str("indication")), r.indication(), r.rawJson());
                    assertEquals(valid(t), r.indication() == Indication.VALID);
                    expectChecks(t.obj("checks"), r.checks(), t.strs("codes"), r.rawJson());
                    expectReason(r.reason(), r.indication(), new TreeSet<>(t.strs("codes")), r.rawJson());
                    Json.Obj fields = t.obj("seal");
                    if (fields != null) {
                        assertEquals(fields.str("esId"), r.esId());
                        assertEquals(fields.str("name"), r.name());
                        assertEquals(fields.lng("sealType", -1), r.sealType());
                        SealInfo info = seal.info();
                        assertEquals(fields.str("esId"), info.esId());
                        assertEquals(fields.str("vendor"), info.vendor());
                        assertEquals(Instant.parse(fields.str("validEnd")), info.validEnd());
                        assertEquals(fields.strs("signers").size(), info.signerCount());
                    }
                    if (t.has("sealVersion")) {
                        assertEquals(t.str("sealVersion"), r.version());
                    }
                    return;
                }
                case "SignatureVerify": {
                    List<Certificate> roots = sealRoots(t, base);
                    SealSignature sig = SealSignature.load(base.resolve(t.str("signature")));
                    byte[] original = t.str("original") == null ? null : read(base, t.str("original"));
                    SealSignatureReport r = sig.verify(original, roots, options(t, base));
                    assertEquals(Indication.fromJson(t.str("indication")), r.indication(), r.rawJson());
                    expectChecks(t.obj("checks"), r.checks(), t.strs("codes"), r.rawJson());
                    assertEquals(Indication.fromJson(t.str("sealIndication")), r.seal().indication());
                    expectChecks(t.obj("sealChecks"), r.seal().checks(), t.strs("sealCodes"), r.rawJson());
                    Set<String> all = new TreeSet<>(t.strs("codes"));
                    all.addAll(t.strs("sealCodes"));
                    expectReason(r.reason(), r.indication(), all, r.rawJson());
                    expectReason(r.seal().reason(), r.seal().indication(), new TreeSet<>(t.strs("sealCodes")),
                            r.rawJson());
                    Json.Obj signed = t.obj("signed");
                    if (signed != null) {
                        assertEquals(Instant.parse(signed.str("timeInfo")), r.time());
                        assertEquals(signed.str("propertyInfo"), r.propertyInfo());
                        assertEquals(signed.str("dataHash"), r.dataHash().toLowerCase());
                    }
                    return;
                }
                case "SealParse": {
                    byte[] der = read(base, t.str("file"));
                    if ("SESeal".equals(t.str("structure"))) {
                        expectCode(t.str("errorCode"), () -> Seal.fromDer(der).info());
                        expectCode(t.str("errorCode"), () -> Seal.fromDer(der).verify(null));
                    } else {
                        expectCode(t.str("errorCode"), () -> SealSignature.fromDer(der).verify(null, null));
                    }
                    return;
                }
                default:
                    throw new AssertionError("unknown group " + g.str("type"));
            }
        });
    }

    // --------------------------------------------------------------- e-licenses

    @TestFactory
    Stream<DynamicTest> licenseIdentifiers() {
        // The C ABI only builds identifiers (gmseal_license_identifier): no parsing, no MOD 37,36.
        return each("license/identifiers.json", Set.of("Mod3736Check", "LicenseIdentifierParse"), (g, t, base) -> {
            Assumptions.assumeTrue("001".equals(t.str("version")), "the C ABI builds version 001 only");
            if (valid(t)) {
                assertEquals(t.str("identifier"),
                        License.identifier(t.str("typeCode"), t.str("issuerCode"), t.str("serial")));
            } else {
                expectCode(t.str("errorCode"),
                        () -> License.identifier(t.str("typeCode"), t.str("issuerCode"), t.str("serial")));
            }
        });
    }
}
