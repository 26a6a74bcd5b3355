package org.gmseal;

import java.util.List;
import org.gmseal.internal.Json;

/** The verification report of a seal (GB/T 38540 §6.3). Immutable. */
public final class SealReport {
    private final String raw;
    private final Json.Obj o;
    private final List<Check> checks;

    SealReport(String json) {
        this(json, Json.Obj.parse(json));
    }

    SealReport(String raw, Json.Obj o) {
        this.raw = raw;
        this.o = o;
        this.checks = Check.list(o, "checks");
    }

    /** The outcome: valid, invalid or indeterminate. */
    public Indication indication() {
        return Indication.fromJson(o.str("indication"));
    }

    /** The library's reason: the deciding check's code ({@code pki.revoked}...); null when valid. */
    public String reason() {
        return o.str("reason");
    }

    /** Every check, in order. */
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

    /** The structure version ({@code v4}...). */
    public String version() {
        return o.str("version");
    }

    /** {@code esID}. */
    public String esId() {
        return o.str("es_id");
    }

    /** The seal's name. */
    public String name() {
        return o.str("name");
    }

    /** The seal type. */
    public long sealType() {
        return o.lng("seal_type", -1);
    }

    /** The maker certificate's subject, when it could be read. */
    public String maker() {
        return o.str("maker");
    }

    /** The JSON the library returned (for a seal inside another report: that part of it). */
    public String rawJson() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }
}
