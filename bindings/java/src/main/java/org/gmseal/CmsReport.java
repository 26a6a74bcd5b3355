package org.gmseal;

import java.time.Instant;
import java.util.List;
import org.gmseal.internal.Json;

/** The result of {@link Cms#verify}. Immutable. */
public final class CmsReport {
    private final String raw;
    private final Json.Obj o;

    CmsReport(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
    }

    /** Whether the signature verifies and the signer chains to a root. */
    public boolean isValid() {
        return o.bool("valid");
    }

    /** Whether the signature itself verifies over the content. */
    public boolean isSignatureValid() {
        return o.bool("signature_valid");
    }

    /** Whether the signer's chain was validated. */
    public boolean isChainValidated() {
        return o.bool("chain_validated");
    }

    /** The reason code when not valid ({@code cms.digest-mismatch}, {@code chain.not-checked}...), else null. */
    public String code() {
        return o.str("code");
    }

    /** The reason when not valid, else null. */
    public String message() {
        return o.str("message");
    }

    /** The signer's subject, when the signature verified. */
    public String signer() {
        return o.str("signer");
    }

    /** The claimed signing time, or null. */
    public Instant signingTime() {
        String t = o.str("signing_time");
        return t == null ? null : Instant.parse(t);
    }

    /** The validated path, end entity first. */
    public List<String> chain() {
        return o.strs("chain");
    }

    private Json.Obj signature() {
        Json.Obj s = o.obj("signature");
        return s == null ? new Json.Obj(null) : s;
    }

    /** {@code rfc5652} or {@code gmt-0010}, when the signature verified. */
    public String oidFamily() {
        return signature().str("oid_family");
    }

    /** The SM2 signature's encoding, {@code der} or {@code raw}, when it verified. */
    public String signatureFormat() {
        Json.Obj s = signature().obj("signature");
        return s == null ? null : s.str("format");
    }

    /** The user-ID variant that matched ({@code user-id}...), when it verified. */
    public String signatureVariant() {
        Json.Obj s = signature().obj("signature");
        return s == null ? null : s.str("variant");
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
