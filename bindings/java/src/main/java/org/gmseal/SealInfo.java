package org.gmseal;

import java.time.Instant;
import org.gmseal.internal.Json;

/** A seal's fields, as {@code gmseal_seal_to_json} reports them. Immutable. */
public final class SealInfo {
    private final String raw;
    private final Json.Obj o;

    SealInfo(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
    }

    /** The structure version: {@code v1}, {@code v4} or {@code v5}. */
    public String version() {
        return o.str("version");
    }

    /** The standard of that version, for example {@code GB/T 38540-2020}. */
    public String standard() {
        return o.str("standard");
    }

    /** {@code esID}. */
    public String esId() {
        return o.str("es_id");
    }

    private Json.Obj property() {
        Json.Obj p = o.obj("property");
        return p == null ? new Json.Obj(null) : p;
    }

    /** The seal's name (印章名称). */
    public String name() {
        return property().str("name");
    }

    /** The seal type. */
    public long sealType() {
        return property().lng("seal_type", -1);
    }

    /** The header's vendor identifier. */
    public String vendor() {
        Json.Obj h = o.obj("header");
        return h == null ? null : h.str("vid");
    }

    /** {@code validStart}. */
    public Instant validStart() {
        return Instant.parse(property().str("valid_start"));
    }

    /** {@code validEnd}. */
    public Instant validEnd() {
        return Instant.parse(property().str("valid_end"));
    }

    /** The number of signers the seal lists. */
    public int signerCount() {
        return property().list("signers").size();
    }

    /** The maker certificate's subject. */
    public String maker() {
        Json.Obj m = o.obj("maker_certificate");
        return m == null ? null : m.str("subject");
    }

    /** The picture's type, for example {@code PNG}. */
    public String pictureType() {
        Json.Obj p = o.obj("picture");
        return p == null ? null : p.str("kind");
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
