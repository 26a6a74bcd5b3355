package org.gmseal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gmseal.internal.Json;

/**
 * The verification report of a PDF (schema in {@code docs/verification-report.md}). Immutable.
 */
public final class PdfReport {
    private final String raw;
    private final Json.Obj o;
    private final List<Check> checks;
    private final List<PdfSignatureReport> signatures;

    PdfReport(String json) {
        this.raw = json;
        this.o = Json.Obj.parse(json);
        this.checks = Check.list(o, "checks");
        List<PdfSignatureReport> s = new ArrayList<>();
        for (Json.Obj x : o.objs("signatures")) {
            s.add(new PdfSignatureReport(x));
        }
        this.signatures = Collections.unmodifiableList(s);
    }

    /** The outcome: the worst of the signatures' and the document checks'. */
    public Indication indication() {
        return Indication.fromJson(o.str("indication"));
    }

    /** The reason code of the deciding check ({@code pdf.cms.digest-mismatch}...), null when valid. */
    public String reason() {
        return o.str("reason");
    }

    /** One entry per signature, in revision order. */
    public List<PdfSignatureReport> signatures() {
        return signatures;
    }

    /** Document-level checks (structure, removed signatures, metadata). */
    public List<Check> checks() {
        return checks;
    }

    /** The file size in bytes. */
    public long fileSize() {
        return o.lng("file_size", -1);
    }

    /** The number of revisions. */
    public int revisions() {
        return (int) o.lng("revisions", 0);
    }

    /** The embedded e-license metadata ({@code metadata.json}) as JSON text, or null. */
    public String metadataJson() {
        Json.Obj m = o.obj("metadata");
        if (m == null || m.get("metadata") == null) {
            return null;
        }
        return Json.write(m.get("metadata"));
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
