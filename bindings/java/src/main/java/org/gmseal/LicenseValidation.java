package org.gmseal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gmseal.internal.Json;

/** The result of {@link License#validate}. Immutable. */
public final class LicenseValidation {
    /** One problem found in the metadata. */
    public static final class Problem {
        private final String field;
        private final String code;
        private final String severity;
        private final String message;

        Problem(Json.Obj o) {
            this.field = o.str("field");
            this.code = o.str("code");
            this.severity = o.str("severity");
            this.message = o.str("message");
        }

        /** The field, for example {@code certificateHolderCode}. */
        public String field() {
            return field;
        }

        /** The stable code, for example {@code license.missing-field}. */
        public String code() {
            return code;
        }

        /** Whether it is an error (else a warning). */
        public boolean isError() {
            return "error".equals(severity);
        }

        /** {@code error} or {@code warning}. */
        public String severity() {
            return severity;
        }

        /** The explanation. */
        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return severity + " " + field + " " + code + ": " + message;
        }
    }

    private final String raw;
    private final Json.Obj o;
    private final List<Problem> problems;

    LicenseValidation(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
        List<Problem> p = new ArrayList<>();
        for (Json.Obj x : o.objs("problems")) {
            p.add(new Problem(x));
        }
        this.problems = Collections.unmodifiableList(p);
    }

    /** Whether there are no errors (warnings allowed). */
    public boolean isValid() {
        return o.bool("valid");
    }

    /** The number of errors. */
    public int errors() {
        return (int) o.lng("errors", 0);
    }

    /** The number of warnings. */
    public int warnings() {
        return (int) o.lng("warnings", 0);
    }

    /** Every problem. */
    public List<Problem> problems() {
        return problems;
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
