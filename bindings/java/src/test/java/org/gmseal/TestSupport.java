package org.gmseal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared fixtures: the repository root, and one small SM2 PKI made once per JVM
 * (root → issuing CA → seal maker and signer, plus a signer certified by the root directly).
 */
final class TestSupport {
    static final long DAY = 86400;

    private TestSupport() {}

    /** The repository root: {@code -Dgmseal.repo}, else the nearest parent with {@code test-vectors/}. */
    static Path repo() {
        String p = System.getProperty("gmseal.repo");
        if (p != null) {
            return Paths.get(p).toAbsolutePath();
        }
        Path d = Paths.get("").toAbsolutePath();
        while (d != null) {
            if (Files.isDirectory(d.resolve("test-vectors")) && Files.isRegularFile(d.resolve("Cargo.toml"))) {
                return d;
            }
            d = d.getParent();
        }
        throw new IllegalStateException("cannot find the repository root: set -Dgmseal.repo");
    }

    static Path vectors() {
        return repo().resolve("test-vectors");
    }

    static String metadata() {
        try {
            return Files.readString(repo().resolve("examples/data/business-license.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Assert that {@code body} throws {@code type} with this code name and number; returns it. */
    static <T extends GmsealException> T assertGmseal(Class<T> type, String codeName, int code, Executable body) {
        T e = assertThrows(type, body);
        assertEquals(codeName, e.getCodeName(), e.getMessage());
        assertEquals(code, e.getCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(codeName + ": "), e.getMessage());
        assertTrue(e.getLibraryMessage().length() > 0);
        return e;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    static byte[] unhex(String h) {
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The PKI, made on first use. Its keys are never closed (they live as long as the JVM). */
    static Pki pki() {
        return Pki.INSTANCE;
    }

    static final class Pki {
        static final Pki INSTANCE = new Pki();

        final Instant base = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        final Instant signTime = base.plusSeconds(10 * DAY);
        final PrivateKey rootKey = PrivateKey.generate();
        final PrivateKey caKey = PrivateKey.generate();
        final PrivateKey makerKey = PrivateKey.generate();
        final PrivateKey signerKey = PrivateKey.generate();
        final PrivateKey signer2Key = PrivateKey.generate();
        final Certificate root;
        final Certificate ca;
        final Certificate maker;
        final Certificate signer;
        /** A signer certified by the root directly. */
        final Certificate signer2;
        /** A seal by {@link #maker} listing {@link #signer} and {@link #signer2}. */
        final Seal seal;

        private Pki() {
            root = Certificate.builder(Profile.ROOT).subject("CN=gmseal Java 测试根CA,O=gmseal,C=CN").key(rootKey)
                    .notBefore(base).days(3650).issue();
            ca = Certificate.builder(Profile.CA).subject("CN=gmseal Java 签发CA,O=gmseal,C=CN").key(caKey)
                    .issuer(root, rootKey).notBefore(base).days(3000).issue();
            maker = Certificate.builder(Profile.SEAL_MAKER).subject("CN=某某市公安局制章中心,C=CN").key(makerKey)
                    .issuer(ca, caKey).notBefore(base).days(1000).issue();
            signer = Certificate.builder(Profile.SIGNER).subject("CN=某某科技有限公司,O=某某科技有限公司,C=CN")
                    .key(signerKey).issuer(ca, caKey).notBefore(base).days(365).issue();
            signer2 = Certificate.builder(Profile.SIGNER).subject("CN=张三,C=CN").key(signer2Key)
                    .issuer(root, rootKey).notBefore(base).days(365).issue();
            seal = Seal.builder().org("某某科技有限公司").name("合同专用章").code("3301060012345").sealType(4)
                    .esId("ES-JAVA-0001").days(365).dpi(72).maker(maker, makerKey).signer(signer).signer(signer2)
                    .createdAt(base.plusSeconds(DAY)).build();
        }

        /** The root and the CA as roots (the CA could as well be an intermediate: SealTest). */
        List<Certificate> sealAnchors() {
            return List.of(root, ca);
        }
    }
}
