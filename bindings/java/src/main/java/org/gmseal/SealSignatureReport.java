package org.gmseal;

import java.time.Instant;
import java.util.List;
import org.gmseal.internal.Json;

/** The verification report of a seal signature (GB/T 38540 §7.3). Immutable. */
public final class SealSignatureReport {
    private final String raw;
    private final Json.Obj o;
    private final List<Check> checks;
    private final SealReport seal;

    SealSignatureReport(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
        this.checks = Check.list(o, "checks");
        Json.Obj s = o.obj("seal");
        this.seal = s == null ? null : new SealReport(s.toString(), s);
    }

    /** The outcome (including the embedded seal's). */
    public Indication indication() {
        return Indication.fromJson(o.str("indication"));
    }

    /**
     * The library's reason: the deciding check's code, or the embedded seal's reason when the
     * seal decided ({@code chain.untrusted}, {@code pki.revoked}...). Null when valid.
     */
    public String reason() {
        return o.str("reason");
    }

    /** The signature's own checks, in order (the seal's are in {@link #seal()}). */
    public List<Check> checks() {
        return checks;
    }

    /** The first check with {@code id}, or null. */
    public Check check(String id) {
        for (Check c : checks) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** The embedded seal, verified at the signing time. */
    public SealReport seal() {
        return seal;
    }

    /** The signer certificate's subject, when it could be read. */
    public String signer() {
        return o.str("signer");
    }

    /** {@code timeInfo}, or null. */
    public Instant time() {
        String t = o.str("time");
        return t == null ? null : Instant.parse(t);
    }

    /** {@code propertyInfo}. */
    public String propertyInfo() {
        return o.str("property_info");
    }

    /** {@code dataHash}, upper-case hex. */
    public String dataHash() {
        return o.str("data_hash");
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
