package org.gmseal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gmseal.internal.Json;

/** One check of a report: a stable id, its status, a stable reason code (unless passed) and a message. */
public final class Check {
    private final String id;
    private final CheckStatus status;
    private final String code;
    private final String message;

    Check(String id, CheckStatus status, String code, String message) {
        this.id = id;
        this.status = status;
        this.code = code;
        this.message = message;
    }

    static Check of(Json.Obj o) {
        return new Check(o.str("id"), CheckStatus.fromJson(o.str("status")), o.str("code"), o.str("message"));
    }

    static List<Check> list(Json.Obj parent, String key) {
        List<Check> out = new ArrayList<>();
        for (Json.Obj o : parent.objs(key)) {
            out.add(of(o));
        }
        return Collections.unmodifiableList(out);
    }

    /** What was checked, for example {@code seal.maker-signature}. */
    public String id() {
        return id;
    }

    /** The outcome. */
    public CheckStatus status() {
        return status;
    }

    /** The stable reason code (for example {@code seal.expired}), null when passed. */
    public String code() {
        return code;
    }

    /** A human-readable explanation. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return id + " " + status.jsonName() + (code == null ? "" : " " + code) + ": " + message;
    }
}
