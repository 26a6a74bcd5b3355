package org.gmseal;

import java.time.Instant;
import java.util.List;
import org.gmseal.internal.Json;

/** The verdict of a chain validation ({@link Certificate#verify}). Immutable. */
public final class ChainReport {
    private final String raw;
    private final Json.Obj o;

    ChainReport(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
    }

    /** Whether a valid path to a trusted root was found. */
    public boolean isValid() {
        return o.bool("valid");
    }

    /** The reason code when not valid (for example {@code pki.expired}), else null. */
    public String code() {
        return o.str("code");
    }

    /** The reason when not valid, else null. */
    public String message() {
        return o.str("message");
    }

    /** The validation time. */
    public Instant time() {
        return Instant.parse(o.str("time"));
    }

    /** The purpose validated for. */
    public Purpose purpose() {
        return Purpose.fromName(o.str("purpose"));
    }

    /** The subjects of the path, end entity first, root last; empty when not valid. */
    public List<String> chain() {
        return o.strs("chain");
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
