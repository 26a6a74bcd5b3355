#!/usr/bin/env python3
# README: pyHanko (0.38.0) as an outside judge of PDF signature *structure* for
# tests/pdf_pyhanko.rs: `python3 tests/python/pyhanko_structure.py [--lenient] FILE.pdf`
# prints JSON with, per embedded signature, the field name, /ByteRange, the
# signed revision, pyHanko's coverage level and its diff-analysis verdict under
# DEFAULT_DIFF_POLICY. Structure only: no digest, no signature, no trust.
# Install: python3 -m pip install 'pyhanko==0.38.0' (scripts/test.sh does).
"""Structure-only pyHanko verdict on a signed PDF, as JSON on stdout."""

import json
import logging
import sys


def modification(sig, diff_policy):
    """pyHanko's diff verdict: a level name, or the exception class name."""
    from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification

    try:
        result = sig.evaluate_modifications(diff_policy)
    except SuspiciousModification as e:  # review_file returns it; apply raises it
        result = e
    if isinstance(result, SuspiciousModification):
        return type(result).__name__, str(result), None
    level = result.modification_level
    docmdp = sig.docmdp_level
    # As EmbeddedPdfSignature.summarise_integrity_info judges DocMDP.
    docmdp_ok = not (
        level == ModificationLevel.OTHER
        or (docmdp is not None and level.value > docmdp.value)
    )
    return level.name, sorted(result.changed_form_fields), docmdp_ok


def analyse(path, strict):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY

    out = {"file": path, "strict": strict, "signatures": []}
    with open(path, "rb") as f:
        try:
            reader = PdfFileReader(f, strict=strict)
            out["revisions"] = reader.xrefs.total_revisions
            sigs = reader.embedded_signatures
        except Exception as e:  # noqa: BLE001 - report any reader failure
            out["error"] = f"{type(e).__name__}: {e}"
            return out
        for sig in sigs:
            entry = {
                "field": sig.field_name,
                "byte_range": [int(x) for x in sig.byte_range],
                "signed_revision": sig.signed_revision,
                "docmdp": sig.docmdp_level.name if sig.docmdp_level else None,
            }
            try:
                sig.coverage = sig.evaluate_signature_coverage()
                entry["coverage"] = sig.coverage.name
                level, detail, docmdp_ok = modification(sig, DEFAULT_DIFF_POLICY)
                entry["modification"] = level
                if isinstance(detail, str):
                    entry["suspicious"] = detail
                else:
                    entry["changed_form_fields"] = detail
                entry["docmdp_ok"] = docmdp_ok
            except Exception as e:  # noqa: BLE001 - report, do not crash
                entry["error"] = f"{type(e).__name__}: {e}"
            out["signatures"].append(entry)
    return out


def main(argv):
    args = [a for a in argv[1:] if a != "--lenient"]
    if len(args) != 1:
        print(__doc__ + "\nusage: pyhanko_structure.py [--lenient] FILE.pdf", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    print(json.dumps(analyse(args[0], strict="--lenient" not in argv), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
