"""E-licenses: validate metadata, identifiers, issue PDFs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gmseal
from conftest import ISSUED
from gmseal import InvalidArgumentError, License, LicenseError, Template


def test_validate_the_sample(metadata: dict, metadata_path: Path) -> None:
    result = License.validate(metadata, Template.BUSINESS_LICENSE)
    assert result.valid and bool(result)
    assert result.errors == 0 and result.problems == ()
    # The same metadata as a path, JSON text and bytes; core rules only.
    assert gmseal.license.validate(metadata_path).valid
    assert gmseal.license.validate(metadata_path.read_text(encoding="utf-8")).valid
    assert gmseal.license.validate(metadata_path.read_bytes(), None).valid


def test_validate_a_broken_license(metadata: dict) -> None:
    broken = dict(metadata, certificateHolderCode="91330106MA2H0WQ17X")
    result = License.validate(broken)
    assert not result.valid and result.errors >= 1
    fields = {p.field for p in result.problems}
    assert "certificateHolderCode" in fields
    problem = next(p for p in result.problems if p.field == "certificateHolderCode")
    assert problem.severity == "error" and problem.code and problem.message
    # Several problems at once.
    worse = dict(broken, certificateAreaCode="999999", certificateName="")
    problems = License.validate(worse).problems
    assert {"certificateHolderCode", "certificateAreaCode", "certificateName"} <= {p.field for p in problems}
    assert {p.code for p in problems} >= {"license.bad-area-code", "license.missing-field"}
    # A date that is no date is not metadata at all.
    with pytest.raises(InvalidArgumentError) as e:
        License.validate(dict(metadata, certificateIssuedDate="2026-13-45"))
    assert e.value.code_name == "ffi.invalid-json"


def test_validate_errors(metadata: dict) -> None:
    with pytest.raises(InvalidArgumentError) as e:
        License.validate(metadata, "passport")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(InvalidArgumentError) as e:
        License.validate('{"certificateName": 5}', None)
    assert (e.value.code, e.value.code_name) == (1002, "ffi.invalid-json")
    with pytest.raises(InvalidArgumentError):
        License.validate(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        License.validate({"x": object()})


def test_identifier() -> None:
    ident = License.identifier("11100000000013127D001", "1133010600248917XL", "2026010500018")
    assert len(ident) == 75
    assert ident.startswith("1.2.156.3005.2.11100000000013127D001.1133010600248917XL.")
    with pytest.raises(LicenseError) as e:
        License.identifier("short", "1133010600248917XL", "1")
    assert (e.value.code, e.value.code_name) == (1601, "license.invalid-identifier-part")
    with pytest.raises(InvalidArgumentError):
        License.identifier("11100000000013127D001", None, "1")  # type: ignore[arg-type]


def test_issue(metadata: dict, license_pdf: bytes, tmp_path: Path) -> None:
    assert license_pdf.startswith(b"%PDF-1.7")
    # Deterministic: the same inputs give the same bytes.
    assert gmseal.license.issue(metadata, issued=ISSUED) == license_pdf
    broken = dict(metadata, certificateHolderCode="91330106MA2H0WQ17X")
    with pytest.raises(LicenseError) as e:
        License.issue(broken, issued=ISSUED)
    assert e.value.code_name == "license.invalid-metadata"
    with pytest.raises(InvalidArgumentError) as e:
        License.issue(metadata, "passport")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(InvalidArgumentError):
        License.issue(metadata, issued=-2)
    with pytest.raises(InvalidArgumentError):
        License.issue(metadata, None)  # type: ignore[arg-type]


def test_load_metadata_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    with pytest.raises(InvalidArgumentError) as e:
        gmseal.license.load_metadata(bad)
    assert e.value.code_name == "ffi.invalid-json"
    bad.write_text(json.dumps([1]))
    with pytest.raises(InvalidArgumentError):
        gmseal.license.load_metadata(bad)
    with pytest.raises(gmseal.IoError):
        gmseal.license.load_metadata(tmp_path / "missing.json")
