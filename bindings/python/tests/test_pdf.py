"""PDF: seal an issued license, verify, tamper, SES flavour, bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

import gmseal
from conftest import SIGN_TIME, Pki
from gmseal import (
    DecodeError,
    DocMdp,
    Flavour,
    Indication,
    InvalidArgumentError,
    Invisible,
    Pdf,
    Rect,
    Seal,
    TemplatePosition,
)


@pytest.fixture(scope="module")
def certified(license_pdf: bytes, seal: Seal, pki: Pki) -> bytes:
    """The license sealed at the template position, certified (DocMDP P1)."""
    return gmseal.pdf.sign(
        license_pdf,
        seal=seal,
        certificate=pki.signer,
        key=pki.signer_key,
        placement=TemplatePosition("business-license"),
        certify=DocMdp.NO_CHANGES,
        reason="核准登记",
        location="杭州",
        time=SIGN_TIME,
    )


def test_sign_and_verify(certified: bytes, license_pdf: bytes, pki: Pki, seal: Seal) -> None:
    assert len(certified) > len(license_pdf) and certified.startswith(license_pdf)
    report = Pdf.verify(certified, roots=[pki.root])
    assert report.indication is Indication.VALID and report.valid
    assert report.reason is None
    assert report.revisions == 2 and report.file_size == len(certified)
    assert len(report.signatures) == 1
    sig = report.signatures[0]
    assert sig.indication is Indication.VALID and sig.flavour == "cms"
    assert sig.sub_filter == "adbe.pkcs7.detached"
    assert sig.covers_whole_file and sig.certification == 1
    assert sig.signer is not None and sig.signer.subject == pki.signer.subject
    assert sig.reason_text == "核准登记" and sig.location == "杭州"
    assert sig.signing_time is not None and int(sig.signing_time.timestamp()) == SIGN_TIME
    assert sig.seal is not None and sig.seal.es_id == seal.es_id and sig.seal.valid
    assert sig.check("pdf.byte-range") is not None
    assert report.metadata is not None and report.metadata.metadata is not None
    assert report.metadata.metadata["certificateHolderName"] == "某某科技有限公司"
    assert report.raw["indication"] == "valid" and '"indication": "valid"' in report.to_json()


def test_without_roots_and_tampered(certified: bytes, license_pdf: bytes, pki: Pki) -> None:
    assert Pdf.verify(certified).indication is Indication.INDETERMINATE
    tampered = bytearray(certified)
    tampered[len(license_pdf) // 2] ^= 0x01
    report = Pdf.verify(bytes(tampered), roots=pki.root)
    assert report.indication is not Indication.VALID and not report.valid
    assert report.reason
    # Not a PDF: a report, not an exception.
    junk = Pdf.verify(b"this is not DER")
    assert junk.indication is Indication.INVALID


def test_verify_options(certified: bytes, pki: Pki) -> None:
    # The verify options reach the library.
    assert Pdf.verify(certified, [pki.root], accept_empty_id=True, accept_no_za=True).valid
    required = Pdf.verify(certified, [pki.root], revocation=gmseal.Revocation.REQUIRE)
    assert not required.valid and required.reason, required
    with pytest.raises(InvalidArgumentError) as e:
        Pdf.verify(certified, [pki.root], revocation="always")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(DecodeError):
        Pdf.verify(certified, [pki.root], crls=b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n")


def test_verify_file(certified: bytes, pki: Pki, tmp_path: Path) -> None:
    path = tmp_path / "sealed.pdf"
    path.write_bytes(certified)
    assert gmseal.pdf.verify_file(path, roots=[pki.root]).valid
    assert Pdf.verify_file(str(path), [pki.root.pem]).valid
    with pytest.raises(gmseal.IoError):
        Pdf.verify_file(tmp_path / "missing.pdf")


def test_sign_file(license_pdf: bytes, seal: Seal, pki: Pki, tmp_path: Path) -> None:
    src, dst = tmp_path / "in.pdf", tmp_path / "out.pdf"
    src.write_bytes(license_pdf)
    gmseal.pdf.sign_file(src, dst, seal=seal, certificate=pki.signer, key=pki.signer_key,
                         placement=Invisible(page=1), time=SIGN_TIME)
    assert gmseal.pdf.verify_file(dst, [pki.root]).indication is Indication.VALID


def test_certified_document_takes_no_further_seal(certified: bytes, seal: Seal, pki: Pki) -> None:
    with pytest.raises(InvalidArgumentError) as e:
        Pdf.sign(certified, seal=seal, certificate=pki.signer, key=pki.signer_key,
                 placement=Invisible(), time=SIGN_TIME)
    assert e.value.code_name == "input.invalid"


def test_two_approval_signatures(license_pdf: bytes, seal: Seal, pki: Pki) -> None:
    once = Pdf.sign(license_pdf, seal=seal, certificate=pki.signer, key=pki.signer_key,
                    placement=Rect(x_mm=20, y_mm=20, width_mm=40, height_mm=40), time=SIGN_TIME)
    twice = Pdf.sign(once, seal=seal, certificate=pki.signer, key=pki.signer_key,
                     placement=Rect(x_mm=80, y_mm=20, width_mm=40, height_mm=40, page=1),
                     field_name="Second", flavour=Flavour.CADES, time=SIGN_TIME)
    report = Pdf.verify(twice, [pki.root])
    assert report.valid
    assert [s.field for s in report.signatures] == ["Seal1", "Second"]
    assert report.signatures[0].indication is Indication.VALID_WITH_PERMITTED_CHANGES
    assert report.signatures[1].sub_filter == "ETSI.CAdES.detached"


def test_ses_flavour(license_pdf: bytes, seal: Seal, pki: Pki) -> None:
    sealed = Pdf.sign(license_pdf, seal=seal, certificate=pki.signer, key=pki.signer_key,
                      placement=Rect(x_mm=20, y_mm=20, width_mm=40, height_mm=40),
                      flavour=Flavour.SES, chain=[pki.root], time=SIGN_TIME)
    report = Pdf.verify(sealed, [pki.root], [pki.root])
    assert report.indication is Indication.VALID
    assert report.signatures[0].flavour == "ses"


def test_bad_options(license_pdf: bytes, seal: Seal, pki: Pki) -> None:
    def sign(**kw: object) -> bytes:
        args = dict(seal=seal, certificate=pki.signer, key=pki.signer_key, placement=Invisible(),
                    time=SIGN_TIME)
        args.update(kw)
        return Pdf.sign(license_pdf, **args)  # type: ignore[arg-type]

    cases = [
        (dict(flavour="xades"), "ffi.unknown-name"),
        (dict(placement=TemplatePosition("passport")), "ffi.unknown-name"),
        (dict(certify=7), "ffi.invalid-argument"),
        (dict(placement=Invisible(page=0)), "ffi.invalid-argument"),
        (dict(placement=Rect(1, 2, 3, 4, page=0)), "ffi.invalid-argument"),
        (dict(placement=(1, 2, 3, 4)), "ffi.invalid-argument"),
        (dict(reason=5), "ffi.invalid-argument"),
        (dict(key="key"), "ffi.invalid-argument"),
        (dict(field_name=""), "ffi.invalid-argument"),
        (dict(field_name="a.b"), "ffi.invalid-argument"),
        (dict(time=gmseal.TIME_MAX + 1), "ffi.invalid-argument"),
        (dict(time=-3), "ffi.invalid-argument"),
    ]
    for kwargs, code_name in cases:
        with pytest.raises(InvalidArgumentError) as e:
            sign(**kwargs)
        assert e.value.code_name == code_name, kwargs
        assert 1000 <= e.value.code < 1100 or e.value.code == 0
    with pytest.raises(gmseal.CryptoError) as e:  # not the certificate's key
        sign(key=pki.maker_key)
    assert (e.value.code, e.value.code_name) == (1203, "crypto.key-mismatch")
    with pytest.raises(DecodeError) as e:
        Pdf.sign(b"this is not DER", seal=seal, certificate=pki.signer, key=pki.signer_key,
                 placement=Invisible())
    assert e.value.code_name == "decode.malformed"
    with pytest.raises(DecodeError):
        Pdf.verify(license_pdf, roots=b"this is not DER")
    with pytest.raises(InvalidArgumentError):
        Pdf.verify("not bytes")  # type: ignore[arg-type]
