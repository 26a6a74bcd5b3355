package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.gmseal.TestSupport.assertGmseal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyTest {
    private static final byte[] JUNK = "this is not DER".getBytes(StandardCharsets.US_ASCII);

    @Test
    void versions() throws Exception {
        assertEquals(Gmseal.BINDING_ABI_VERSION, Gmseal.abiVersion());
        assertTrue(Gmseal.version().matches("\\d+\\.\\d+\\.\\d+.*"), Gmseal.version());
        // pom.xml carries the crate's version.
        String pom = java.nio.file.Files.readString(TestSupport.repo().resolve("bindings/java/pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<artifactId>gmseal</artifactId>\\s*(?:<!--.*?-->\\s*)?<version>([^<]+)</version>",
                        java.util.regex.Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "no version in pom.xml");
        assertEquals(Gmseal.version(), m.group(1));
    }

    @Test
    void generateExportLoad() {
        try (PrivateKey key = PrivateKey.generate()) {
            byte[] spki = key.publicKeyDer();
            assertEquals(91, spki.length);
            assertEquals(0x30, spki[0]);
            assertFalse(key.isExternal());

            String pem = key.exportPem();
            assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
            try (PrivateKey loaded = PrivateKey.load(pem.getBytes(StandardCharsets.US_ASCII))) {
                assertArrayEquals(spki, loaded.publicKeyDer());
            }

            byte[] sig = key.signDigest(new byte[32]);
            assertEquals(0x30, sig[0]);
            assertTrue(sig.length >= 8 && sig.length <= 72);
        }
    }

    @Test
    void encryptedExportAndWrongPassword() {
        try (PrivateKey key = PrivateKey.generate()) {
            String password = "口令 secret";
            String pem = key.exportPem(password);
            assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), pem);
            byte[] data = pem.getBytes(StandardCharsets.US_ASCII);

            try (PrivateKey loaded = PrivateKey.load(data, password)) {
                assertArrayEquals(key.publicKeyDer(), loaded.publicKeyDer());
            }
            try (PrivateKey loaded = PrivateKey.load(data, password.toCharArray())) {
                assertArrayEquals(key.publicKeyDer(), loaded.publicKeyDer());
            }
            CryptoException wrong = assertGmseal(CryptoException.class, "crypto.wrong-password", 1206,
                    () -> PrivateKey.load(data, "wrong"));
            assertTrue(wrong.getLibraryMessage().length() > 3);
            assertGmseal(CryptoException.class, "crypto.password-required", 1205, () -> PrivateKey.load(data));
            // A password on an unencrypted key is ignored.
            try (PrivateKey loaded = PrivateKey.load(key.exportPem().getBytes(StandardCharsets.US_ASCII), "unused")) {
                assertArrayEquals(key.publicKeyDer(), loaded.publicKeyDer());
            }
        }
    }

    @Test
    void badKeyInput() {
        assertGmseal(DecodeException.class, "decode.malformed", 1100, () -> PrivateKey.load(JUNK));
        // An empty array is passed as a valid pointer with length 0, not as NULL.
        GmsealException e = assertThrows(GmsealException.class, () -> PrivateKey.load(new byte[0]));
        assertFalse(e.getCodeName().equals("ffi.null-argument"), e.getMessage());
        assertThrows(NullPointerException.class, () -> PrivateKey.load((byte[]) null));
        assertGmseal(CryptoException.class, "crypto.pem", 1200,
                () -> PrivateKey.load("-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n"
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void closedKeys() {
        PrivateKey key = PrivateKey.generate();
        key.close();
        key.close();
        assertTrue(key.isClosed());
        assertThrows(IllegalStateException.class, key::publicKeyDer);
        assertThrows(IllegalStateException.class, () -> key.signDigest(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> {
            try (PrivateKey k = PrivateKey.generate()) {
                k.signDigest(new byte[31]);
            }
        });
    }

    @Test
    void cleanerFreesForgottenKeys() throws Exception {
        // Keys that are never closed are freed by the Cleaner; this must neither leak handles
        // in a way that crashes nor free a key still in use.
        for (int i = 0; i < 200; i++) {
            PrivateKey.generate().publicKeyDer();
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        try (PrivateKey k = PrivateKey.generate()) {
            assertEquals(91, k.publicKeyDer().length);
        }
    }

    @Test
    void hsmSigner() {
        try (PrivateKey backing = PrivateKey.generate()) {
            AtomicInteger calls = new AtomicInteger();
            HsmSigner hsm = digest -> {
                calls.incrementAndGet();
                assertEquals(32, digest.length);
                return backing.signDigest(digest);
            };
            try (PrivateKey key = PrivateKey.fromSigner(backing.publicKeyDer(), hsm)) {
                assertTrue(key.isExternal());
                assertArrayEquals(backing.publicKeyDer(), key.publicKeyDer());
                byte[] sig = key.signDigest(new byte[32]);
                assertEquals(1, calls.get());
                assertEquals(0x30, sig[0]);
                assertGmseal(UsageException.class, "ffi.invalid-argument", 1004, key::exportPem);

                // The callback signs a certificate: the HSM as a root CA.
                Certificate root = Certificate.builder(Profile.ROOT).subject("CN=HSM Root,C=CN").key(key).days(10)
                        .issue();
                assertEquals(2, calls.get());
                assertEquals("CN=HSM Root,C=CN", root.info().subject());
            }
        }
    }

    @Test
    void hsmSignerThatCallsGmsealItself() {
        try (PrivateKey backing = PrivateKey.generate()) {
            HsmSigner reentrant = digest -> {
                // A failing gmseal call inside the callback, caught there, must not leak out.
                assertThrows(UsageException.class, () -> License.validate("{", null));
                return backing.signDigest(digest);
            };
            try (PrivateKey key = PrivateKey.fromSigner(backing.publicKeyDer(), reentrant)) {
                Certificate root = Certificate.builder(Profile.ROOT).subject("CN=re-entrant,C=CN").key(key).issue();
                assertEquals("CN=re-entrant,C=CN", root.info().subject());
            }
        }
    }

    @Test
    void hsmSignerFailuresBecomeExceptions() {
        try (PrivateKey backing = PrivateKey.generate(); PrivateKey other = PrivateKey.generate()) {
            byte[] spki = backing.publicKeyDer();
            byte[] digest = new byte[32];
            Arrays.fill(digest, (byte) 0xAB);

            IllegalStateException boom = new IllegalStateException("the HSM is unplugged");
            try (PrivateKey failing = PrivateKey.fromSigner(spki, d -> {
                throw boom;
            })) {
                CryptoException e = assertGmseal(CryptoException.class, "crypto.signer", 1214,
                        () -> failing.signDigest(digest));
                assertSame(boom, e.getCause());
            }
            try (PrivateKey checked = PrivateKey.fromSigner(spki, d -> {
                throw new java.io.IOException("PIN locked");
            })) {
                CryptoException e = assertGmseal(CryptoException.class, "crypto.signer", 1214,
                        () -> checked.signDigest(digest));
                assertTrue(e.getCause() instanceof java.io.IOException);
            }
            try (PrivateKey error = PrivateKey.fromSigner(spki, d -> {
                throw new StackOverflowError("deep");
            })) {
                assertGmseal(CryptoException.class, "crypto.signer", 1214, () -> error.signDigest(digest));
            }
            try (PrivateKey nul = PrivateKey.fromSigner(spki, d -> null)) {
                assertGmseal(CryptoException.class, "crypto.signer", 1214, () -> nul.signDigest(digest));
            }
            try (PrivateKey garbage = PrivateKey.fromSigner(spki, d -> new byte[] {1, 2, 3})) {
                assertGmseal(CryptoException.class, "crypto.malformed-signature", 1208,
                        () -> garbage.signDigest(digest));
            }
            try (PrivateKey overlong = PrivateKey.fromSigner(spki, d -> new byte[4096])) {
                CryptoException e = assertGmseal(CryptoException.class, "crypto.signer", 1214,
                        () -> overlong.signDigest(digest));
                assertNotNull(e.getCause());
            }
            // Signs with another key than the public key given: gmseal checks and refuses.
            try (PrivateKey wrong = PrivateKey.fromSigner(spki, other::signDigest)) {
                assertGmseal(CryptoException.class, "crypto.signer", 1214, () -> wrong.signDigest(digest));
            }
            // A failing HSM inside a higher-level call.
            try (PrivateKey failing = PrivateKey.fromSigner(spki, d -> {
                throw boom;
            })) {
                CryptoException e = assertGmseal(CryptoException.class, "crypto.signer", 1214,
                        () -> Certificate.builder(Profile.ROOT).subject("CN=x").key(failing).issue());
                assertSame(boom, e.getCause());
            }
            // After all that, an ordinary call carries no stale cause.
            GmsealException e = assertThrows(GmsealException.class, () -> PrivateKey.load(new byte[] {1}));
            assertEquals(null, e.getCause());
        }
        assertGmseal(DecodeException.class, "decode.malformed", 1100,
                () -> PrivateKey.fromSigner(JUNK, d -> new byte[64]));
    }
}
