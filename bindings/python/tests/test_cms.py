"""Detached CMS: sign, verify (valid, modified, no roots, untrusted), errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import gmseal
from conftest import Pki
from gmseal import Certificate, Cms, DecodeError, InvalidArgumentError, PkiError, PrivateKey, Profile, pem_encode

DOCUMENT = "contract text 合同正文".encode("utf-8")


@pytest.fixture(scope="module")
def cms(pki: Pki) -> bytes:
    return Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key)


def test_sign_and_verify(cms: bytes, pki: Pki, tmp_path: Path) -> None:
    assert cms[0] == 0x30
    report = Cms.verify(cms, DOCUMENT, [pki.root])
    assert report.valid and bool(report)
    assert report.signature_valid and report.chain_validated and report.code is None
    assert report.signer == pki.signer.subject
    assert report.chain == (pki.signer.subject, pki.root.subject)
    assert report.signing_time is not None
    assert report.signature is not None and report.signature.variant == "user-id"
    assert report.oid_family == "rfc5652"
    # PEM input, and files.
    assert Cms.verify(pem_encode(cms, "CMS"), DOCUMENT, pki.root.pem).valid
    (tmp_path / "doc.p7s").write_bytes(cms)
    (tmp_path / "doc.txt").write_bytes(DOCUMENT)
    assert gmseal.cms.verify_file(tmp_path / "doc.p7s", tmp_path / "doc.txt", [pki.root]).valid


def test_verdicts(cms: bytes, pki: Pki) -> None:
    modified = Cms.verify(cms, DOCUMENT[:-2], [pki.root])
    assert not modified.valid and not modified.signature_valid
    assert modified.code == "cms.digest-mismatch"
    no_roots = Cms.verify(cms, DOCUMENT)
    assert not no_roots.valid and no_roots.signature_valid and no_roots.code == "chain.not-checked"
    untrusted = Cms.verify(cms, DOCUMENT, [pki.maker])
    assert untrusted.code == "pki.unknown-issuer"


def test_intermediate_ca_goes_among_roots(pki: Pki) -> None:
    """gmseal_cms_sign embeds only the signer's certificate and
    gmseal_cms_verify takes no intermediates: the CA must be passed as a root."""
    with PrivateKey.generate() as key:
        leaf = Certificate.issue(Profile.SIGNER, "CN=叶子,C=CN", key, issuer=pki.ca, issuer_key=pki.ca_key)
        cms = Cms.sign(DOCUMENT, certificate=leaf, key=key)
    assert Cms.verify(cms, DOCUMENT, [pki.root]).code == "pki.unknown-issuer"
    report = Cms.verify(cms, DOCUMENT, [pki.root, pki.ca])
    assert report.valid and report.chain[-1] == pki.ca.subject


def test_errors(pki: Pki) -> None:
    with pytest.raises(DecodeError) as e:
        Cms.verify(b"this is not DER", DOCUMENT)
    assert e.value.code_name == "decode.malformed"
    with pytest.raises(DecodeError):
        Cms.sign(DOCUMENT, certificate=b"this is not DER", key=pki.signer_key)
    with pytest.raises(PkiError) as e:  # the key is not the certificate's
        Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.maker_key)
    assert e.value.code_name == "pki.invalid-params"
    with pytest.raises(InvalidArgumentError):
        Cms.sign(None, certificate=pki.signer, key=pki.signer_key)  # type: ignore[arg-type]
