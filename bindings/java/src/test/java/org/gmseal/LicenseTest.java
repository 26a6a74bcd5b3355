package org.gmseal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.gmseal.TestSupport.assertGmseal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseTest {
    static final Instant ISSUED = Instant.ofEpochSecond(1767578400L); // 2026-01-05T02:00:00Z

    @Test
    void validate() throws Exception {
        String metadata = TestSupport.metadata();
        LicenseValidation ok = License.validate(metadata, License.BUSINESS_LICENSE);
        assertTrue(ok.isValid(), ok.rawJson());
        assertEquals(0, ok.errors());
        assertTrue(ok.problems().isEmpty());
        assertTrue(License.validate(metadata, null).isValid());
        assertTrue(License.validate(TestSupport.repo().resolve("examples/data/business-license.json"),
                License.BUSINESS_LICENSE).isValid());

        LicenseValidation bad = License.validate(metadata.replace("91330106MA2H0WQ17L", "91330106MA2H0WQ17X"),
                License.BUSINESS_LICENSE);
        assertFalse(bad.isValid());
        assertTrue(bad.errors() >= 1);
        assertTrue(bad.problems().stream().anyMatch(p -> p.field().equals("certificateHolderCode") && p.isError()),
                bad.rawJson());

        LicenseValidation empty = License.validate("{\"certificateName\":\"x\"}", null);
        assertEquals(14, empty.errors(), empty.rawJson());
        assertEquals("license.missing-field", empty.problems().get(0).code());

        assertGmseal(UsageException.class, "ffi.unknown-name", 1003, () -> License.validate(metadata, "passport"));
        assertGmseal(UsageException.class, "ffi.invalid-json", 1002,
                () -> License.validate("{\"certificateName\": 5}", null));
        assertGmseal(UsageException.class, "ffi.invalid-json", 1002, () -> License.validate("not json", null));
        // Strings JNA would silently cut at a NUL or mangle ('?' for an unpaired surrogate) are refused.
        assertThrows(IllegalArgumentException.class, () -> License.validate(metadata + "\0{}", null));
        assertThrows(IllegalArgumentException.class, () -> License.validate(metadata, "business-license\0x"));
        assertThrows(IllegalArgumentException.class,
                () -> License.identifier("11100000000013127D001", "1133010600248917XL", "1\ud800"));
    }

    @Test
    void identifier() {
        String id = License.identifier("11100000000013127D001", "1133010600248917XL", "2026010500018");
        assertEquals(75, id.length());
        assertTrue(id.startsWith("1.2.156.3005.2.11100000000013127D001.1133010600248917XL.2026010500018.001."), id);
        // The sample license carries the identifier of these parts.
        assertTrue(TestSupport.metadata().contains("\"" + id + "\""), id);
        assertGmseal(LicenseException.class, "license.invalid-identifier-part", 1601,
                () -> License.identifier("short", "1133010600248917XL", "1"));
    }

    @Test
    void issue() {
        String metadata = TestSupport.metadata();
        byte[] pdf = License.issue(License.BUSINESS_LICENSE, metadata, ISSUED);
        assertArrayEquals("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(pdf, 8));
        // Deterministic.
        assertArrayEquals(pdf, License.issue(License.BUSINESS_LICENSE, metadata, ISSUED));

        // An unsealed license verifies as... not valid: there is no signature to rely on.
        PdfReport report = PdfVerifier.builder().build().verify(pdf);
        assertFalse(report.indication().isValid(), report.rawJson());

        assertGmseal(LicenseException.class, "license.invalid-metadata", 1603,
                () -> License.issue(License.BUSINESS_LICENSE,
                        metadata.replace("91330106MA2H0WQ17L", "91330106MA2H0WQ17X"), ISSUED));
        assertGmseal(UsageException.class, "ffi.unknown-name", 1003, () -> License.issue("passport", metadata, ISSUED));
        assertGmseal(UsageException.class, "ffi.invalid-argument", 1004,
                () -> License.issue(License.BUSINESS_LICENSE, metadata, Instant.ofEpochSecond(-2)));
    }
}
