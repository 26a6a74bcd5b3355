package org.gmseal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.gmseal.internal.Ffi;

/**
 * Electronic licenses (电子证照): GB/T 36903 metadata, GB/T 36904 identifiers, issued as PDF/A-3b
 * on a builtin template. Metadata is JSON with the English ids ({@code certificateName}...) or
 * the pinyin names.
 */
public final class License {
    /** The builtin business-license template (营业执照). */
    public static final String BUSINESS_LICENSE = "business-license";
    /** The builtin qualification-certificate template. */
    public static final String QUALIFICATION = "qualification";

    private License() {}

    /**
     * Validate metadata against the rules of {@code template} ({@link #BUSINESS_LICENSE}...;
     * null for the core rules only). Problems are reported, not thrown.
     *
     * @throws UsageException {@code ffi.invalid-json} for text that is not metadata JSON,
     *     {@code ffi.unknown-name} for an unknown template
     */
    public static LicenseValidation validate(String metadataJson, String template) {
        Objects.requireNonNull(metadataJson, "metadataJson");
        return new LicenseValidation(Ffi.text(out -> Ffi.lib().gmseal_license_validate(Ffi.cstr(metadataJson, "metadataJson"),
                Ffi.cstr(template, "template"), out)));
    }

    /** As {@link #validate(String, String)}, reading the metadata from a UTF-8 JSON file. */
    public static LicenseValidation validate(Path metadataJson, String template) throws IOException {
        return validate(Files.readString(metadataJson, StandardCharsets.UTF_8), template);
    }

    /**
     * Build a GB/T 36904 identifier (证照标识, version {@code 001}) from the license type code
     * (21 characters), the issuing authority's unified social credit code and a serial number.
     *
     * @throws LicenseException {@code license.invalid-identifier-part}
     */
    public static String identifier(String typeCode, String issuerCode, String serial) {
        Objects.requireNonNull(typeCode, "typeCode");
        Objects.requireNonNull(issuerCode, "issuerCode");
        Objects.requireNonNull(serial, "serial");
        return Ffi.text(out -> Ffi.lib().gmseal_license_identifier(Ffi.cstr(typeCode, "typeCode"),
                Ffi.cstr(issuerCode, "issuerCode"), Ffi.cstr(serial, "serial"), out));
    }

    /**
     * Issue a license as a PDF/A-3b document on the builtin {@code template}, created at {@code
     * issued} (null: now; the same inputs give the same bytes). Seal it with {@link PdfSigner}
     * and {@code template(...)}.
     *
     * @throws LicenseException {@code license.invalid-metadata} (the message names the first
     *     problem; {@link #validate} lists them all)
     */
    public static byte[] issue(String template, String metadataJson, Instant issued) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(metadataJson, "metadataJson");
        return Ffi.bytes(out -> Ffi.lib().gmseal_license_issue(Ffi.cstr(template, "template"),
                Ffi.cstr(metadataJson, "metadataJson"), Ffi.unix(issued), out));
    }

    /** As {@link #issue(String, String, Instant)}, reading the metadata from a UTF-8 JSON file. */
    public static byte[] issue(String template, Path metadataJson, Instant issued) throws IOException {
        return issue(template, Files.readString(metadataJson, StandardCharsets.UTF_8), issued);
    }
}
