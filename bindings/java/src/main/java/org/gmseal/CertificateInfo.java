package org.gmseal;

import java.time.Instant;
import java.util.List;
import org.gmseal.internal.Json;

/** A certificate's fields, as {@code gmseal_cert_to_json} reports them. Immutable. */
public final class CertificateInfo {
    private final String raw;
    private final Json.Obj o;

    CertificateInfo(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
    }

    /** The X.509 version (3). */
    public int version() {
        return (int) o.lng("version", 0);
    }

    /** The serial number, upper-case hex. */
    public String serialNumber() {
        return o.str("serial_number");
    }

    /** The subject, RFC 4514. */
    public String subject() {
        return o.str("subject");
    }

    /** The issuer, RFC 4514. */
    public String issuer() {
        return o.str("issuer");
    }

    /** Start of validity. */
    public Instant notBefore() {
        return Instant.parse(o.str("not_before"));
    }

    /** End of validity. */
    public Instant notAfter() {
        return Instant.parse(o.str("not_after"));
    }

    /** The public key point, upper-case hex ({@code 04 || x || y}). */
    public String publicKey() {
        return o.str("public_key");
    }

    /** Whether basic constraints say CA. */
    public boolean isCa() {
        Json.Obj bc = o.obj("basic_constraints");
        return bc != null && bc.bool("ca");
    }

    /** Key usages, RFC 5280 names ({@code digitalSignature}...). */
    public List<String> keyUsage() {
        return o.strs("key_usage");
    }

    /** Extended key usages as {@code OID (name)}. */
    public List<String> extendedKeyUsage() {
        return o.strs("extended_key_usage");
    }

    /** The subject key identifier, upper-case hex, or null. */
    public String subjectKeyId() {
        return o.str("subject_key_id");
    }

    /** The authority key identifier, upper-case hex, or null. */
    public String authorityKeyId() {
        return o.str("authority_key_id");
    }

    /** The SM3 fingerprint of the DER, upper-case hex. */
    public String fingerprintSm3() {
        return o.str("fingerprint_sm3");
    }

    /** The JSON the library returned. */
    public String rawJson() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }
}
