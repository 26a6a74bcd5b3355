"""Seals: pictures, make, JSON, verify; seal signatures: sign, verify."""

from __future__ import annotations

from pathlib import Path

import pytest

import gmseal
from conftest import BASE, DAY, SIGN_TIME, Pki
from gmseal import (
    CheckStatus,
    CryptoError,
    DecodeError,
    Indication,
    InvalidArgumentError,
    Seal,
    SealError,
    SealSignature,
    SealStyle,
    SealType,
    seal_image,
)

PNG = b"\x89PNG\r\n\x1a\n"
DOCUMENT = "contract text 合同正文".encode("utf-8")


def test_seal_images() -> None:
    round_png = seal_image("某某科技有限公司", "合同专用章", code="3301060012345", dpi=72)
    assert round_png.startswith(PNG)
    oval = seal_image("某某公司", "发票专用章", style=SealStyle.OVAL, dpi=72, width_mm=40, height_mm=30)
    assert oval.startswith(PNG) and oval != round_png
    with pytest.raises(InvalidArgumentError) as e:
        seal_image("x", "y", style="square")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(InvalidArgumentError) as e:
        seal_image("x", "y", dpi=5)
    assert (e.value.code, e.value.code_name) == (1005, "input.invalid")
    with pytest.raises(InvalidArgumentError):
        seal_image("x", "y", width_mm=0)
    with pytest.raises(InvalidArgumentError):
        seal_image(None, "y")  # type: ignore[arg-type]


def test_make_and_json(seal: Seal, pki: Pki, tmp_path: Path) -> None:
    assert len(seal.der) > 1000 and seal.der[0] == 0x30
    assert seal.es_id == "ES-0001"
    assert seal.name == "合同专用章"
    assert seal.seal_type == SealType.CONTRACT == 4
    assert seal.version == "v4"
    info = seal.info
    assert info["picture"]["kind"] == "PNG"
    assert info["property"]["signers"][0]["subject"] == pki.signer.subject
    assert info["maker_certificate"]["subject"] == pki.maker.subject
    assert seal.valid_end is not None and seal.valid_start is not None
    assert (seal.valid_end - seal.valid_start).days == 365
    path = tmp_path / "seal.esl"
    path.write_bytes(seal.der)
    assert Seal.load_file(path) == seal
    assert Seal(bytearray(seal.der)) == seal
    with pytest.raises(DecodeError) as e:
        Seal(b"this is not DER")
    assert e.value.code_name == "decode.malformed"


def test_make_with_digests_and_options(pki: Pki) -> None:
    seal = Seal.make(
        maker_certificate=pki.maker.pem,
        maker_key=pki.maker_key,
        signers=pki.signer.der,
        org="某某公司",
        name="发票专用章",
        seal_type=SealType.INVOICE,
        style=SealStyle.OVAL,
        dpi=72,
        days=30,
        vendor="test",
        digests=True,
    )
    info = seal.info
    assert info["header"]["vid"] == "test"
    assert info["property"]["cert_list_type"] == 2
    assert len(seal.es_id) == 32


def test_make_errors(pki: Pki) -> None:
    common = dict(org="x", name="y", seal_type=4, dpi=72)
    with pytest.raises(CryptoError) as e:  # the maker's certificate with another key
        Seal.make(maker_certificate=pki.maker, maker_key=pki.signer_key, signers=[pki.signer], **common)
    assert (e.value.code, e.value.code_name) == (1203, "crypto.key-mismatch")
    with pytest.raises(InvalidArgumentError):
        Seal.make(maker_certificate=pki.maker, maker_key=pki.maker_key, signers=[], **common)
    with pytest.raises(InvalidArgumentError):
        Seal.make(maker_certificate=pki.maker, maker_key=pki.maker_key, signers=[pki.signer],
                  org="x", name="y", seal_type="4")  # type: ignore[arg-type]
    with pytest.raises(DecodeError):
        Seal.make(maker_certificate=b"junk", maker_key=pki.maker_key, signers=[pki.signer], **common)


def test_verify(seal: Seal, pki: Pki) -> None:
    report = seal.verify(pki.root, at=SIGN_TIME)
    assert report.indication is Indication.VALID and report.valid
    assert report.reason is None
    assert report.es_id == "ES-0001" and report.name == "合同专用章" and report.seal_type == 4
    assert report.maker == pki.maker.subject
    assert report.maker_signature is not None and report.maker_signature.format == "der"
    assert report.check("seal.maker-signature").status is CheckStatus.PASSED  # type: ignore[union-attr]
    assert report.raw["indication"] == "valid"
    # Without roots: indeterminate; after validEnd: invalid.
    no_roots = seal.verify(at=SIGN_TIME)
    assert no_roots.indication is Indication.INDETERMINATE
    assert no_roots.reason is not None
    deciding = no_roots.deciding_check
    assert deciding is not None and deciding.status is CheckStatus.INDETERMINATE
    assert deciding.code == no_roots.reason == no_roots.raw["reason"]
    late = seal.verify([pki.root], at=BASE + 800 * DAY)
    assert late.indication is Indication.INVALID
    assert late.reason == "seal.expired", late.checks
    assert late.deciding_check is not None and late.deciding_check.status is CheckStatus.FAILED
    # Untrusted: another root.
    untrusted = seal.verify([pki.signer], at=SIGN_TIME)
    assert untrusted.reason == "chain.untrusted", untrusted.checks
    # Options reach the library.
    assert seal.verify(pki.root, at=SIGN_TIME, accept_empty_id=True, accept_no_za=True).valid
    with pytest.raises(InvalidArgumentError) as e:
        seal.verify(pki.root, at=SIGN_TIME, revocation="sometimes")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(InvalidArgumentError) as e:
        seal.verify(pki.root, at=gmseal.TIME_MAX + 1)
    assert e.value.code_name == "ffi.invalid-argument"


def test_seal_signatures(seal: Seal, pki: Pki, tmp_path: Path) -> None:
    signature = seal.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key,
                          property_info="contract.txt", time=SIGN_TIME)
    report = signature.verify(DOCUMENT, pki.root)
    assert report.indication is Indication.VALID and report.reason is None
    assert report.property_info == "contract.txt"
    assert report.signer == pki.signer.subject
    assert report.seal.indication is Indication.VALID
    assert report.time is not None and int(report.time.timestamp()) == SIGN_TIME
    modified = signature.verify(DOCUMENT[:-2], [pki.root])
    assert modified.indication is Indication.INVALID
    assert modified.reason is not None and modified.reason == modified.raw["reason"]
    assert modified.deciding_check is not None and modified.deciding_check.id == "signature.data-hash"
    no_original = signature.verify(None, [pki.root])
    assert no_original.indication is Indication.INDETERMINATE
    path = tmp_path / "sig.dat"
    path.write_bytes(signature.der)
    assert SealSignature.load_file(path) == signature
    again = SealSignature.sign(seal.der, DOCUMENT, certificate=pki.signer.pem, key=pki.signer_key,
                               property_info="contract.txt", time=SIGN_TIME)
    assert again.verify(DOCUMENT, pki.root).valid


def test_seal_signature_errors(seal: Seal, pki: Pki) -> None:
    with pytest.raises(SealError) as e:
        seal.sign(DOCUMENT, certificate=pki.maker, key=pki.maker_key, property_info="x", time=SIGN_TIME)
    assert (e.value.code, e.value.code_name) == (1501, "seal.signer-not-in-list")
    with pytest.raises(SealError) as e:
        seal.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, property_info="x", time=BASE)
    assert e.value.code_name == "seal.not-valid-at-signing-time"
    with pytest.raises(InvalidArgumentError):
        seal.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, property_info=None,  # type: ignore[arg-type]
                  time=SIGN_TIME)
    with pytest.raises(DecodeError) as e:
        SealSignature(b"this is not DER").verify()
    assert e.value.code_name == "decode.malformed"
