package org.gmseal;

import java.time.Instant;
import java.util.List;
import org.gmseal.internal.Json;

/** The result for one signature of a PDF ({@link PdfReport#signatures()}). Immutable. */
public final class PdfSignatureReport {
    private final Json.Obj o;
    private final List<Check> checks;
    private final SealReport seal;

    PdfSignatureReport(Json.Obj o) {
        this.o = o;
        this.checks = Check.list(o, "checks");
        Json.Obj s = o.obj("seal");
        this.seal = s == null ? null : new SealReport(s.toString(), s);
    }

    /** The outcome. */
    public Indication indication() {
        return Indication.fromJson(o.str("indication"));
    }

    /** The reason code of the deciding check, null when valid. */
    public String reason() {
        return o.str("reason");
    }

    /** The field's fully qualified name. */
    public String field() {
        return o.str("field");
    }

    /** {@code /SubFilter}. */
    public String subFilter() {
        return o.str("sub_filter");
    }

    /** {@code cms} or {@code ses}: what {@code /Contents} holds (CAdES reports as {@code cms}). */
    public String flavour() {
        return o.str("flavour");
    }

    /** Whether it covers the whole file. */
    public boolean coversWholeFile() {
        return o.bool("covers_whole_file");
    }

    /** For a certification signature, its DocMDP permissions; null for an approval signature. */
    public DocMdp certification() {
        Long p = o.lng("certification");
        return p == null ? null : DocMdp.ofLevel(p.intValue());
    }

    /** {@code /ByteRange}, or null. */
    public long[] byteRange() {
        List<Object> l = o.list("byte_range");
        if (l.size() != 4) {
            return null;
        }
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = ((Number) l.get(i)).longValue();
        }
        return r;
    }

    /** The signer's subject, or null. */
    public String signer() {
        Json.Obj s = o.obj("signer");
        return s == null ? null : s.str("subject");
    }

    /** The claimed signing time, or null. */
    public Instant signingTime() {
        String t = o.str("signing_time");
        return t == null ? null : Instant.parse(t);
    }

    /** The seal, verified at the signing time, or null. */
    public SealReport seal() {
        return seal;
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

    /** This signature's part of the report, as JSON. */
    public String rawJson() {
        return o.toString();
    }

    @Override
    public String toString() {
        return rawJson();
    }
}
