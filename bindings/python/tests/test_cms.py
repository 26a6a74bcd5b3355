"""Detached CMS: sign, verify (valid, modified, no roots, untrusted), errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import gmseal
from conftest import Pki
from gmseal import (
    Certificate,
    Cms,
    CryptoError,
    DecodeError,
    InvalidArgumentError,
    PrivateKey,
    Profile,
    pem_encode,
)

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


def test_intermediates_and_chain(pki: Pki) -> None:
    """An intermediate CA reaches the verifier embedded by the signer
    (``chain=``) or given to the verifier (``intermediates=``)."""
    with PrivateKey.generate() as key:
        leaf = Certificate.issue(Profile.SIGNER, "CN=叶子,C=CN", key, issuer=pki.ca, issuer_key=pki.ca_key)
        bare = Cms.sign(DOCUMENT, certificate=leaf, key=key)
        embedded = Cms.sign(DOCUMENT, certificate=leaf, key=key, chain=[pki.ca])
    assert Cms.verify(bare, DOCUMENT, [pki.root]).code == "pki.unknown-issuer"
    report = Cms.verify(bare, DOCUMENT, [pki.root], [pki.ca])
    assert report.valid and report.chain == (leaf.subject, pki.ca.subject, pki.root.subject)
    report = Cms.verify(embedded, DOCUMENT, [pki.root])
    assert report.valid and report.chain[1] == pki.ca.subject
    assert len(embedded) > len(bare)


def test_sign_options(pki: Pki) -> None:
    at = 1_750_000_000
    timed = Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, time=at)
    report = Cms.verify(timed, DOCUMENT, [pki.root])
    assert report.signing_time is not None and int(report.signing_time.timestamp()) == at
    # Deterministic for a fixed time.
    assert Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, time=at) == timed
    gmt = Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, time=at, oid_family="gmt0010")
    assert Cms.verify(gmt, DOCUMENT, [pki.root]).oid_family == "gmt-0010"
    assert Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, time=at, oid_family="gmt-0010") == gmt
    untimed = Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, signing_time=False)
    report = Cms.verify(untimed, DOCUMENT, [pki.root])
    assert report.signature_valid and report.signing_time is None
    for kwargs, code_name in [
        (dict(oid_family="pkcs7"), "ffi.unknown-name"),
        (dict(time=gmseal.TIME_MAX + 1), "ffi.invalid-argument"),
        (dict(time=-2), "ffi.invalid-argument"),
        (dict(signing_time=False, time=at), "ffi.invalid-argument"),
        (dict(signing_time="no"), "ffi.invalid-argument"),
    ]:
        with pytest.raises(InvalidArgumentError) as e:
            Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.signer_key, **kwargs)  # type: ignore[arg-type]
        assert e.value.code_name == code_name, kwargs


def test_verify_options(cms: bytes, pki: Pki) -> None:
    # The options reach the library: good ones verify, bad ones raise.
    assert Cms.verify(cms, DOCUMENT, [pki.root], accept_empty_id=True, accept_no_za=True).valid
    assert Cms.verify(cms, DOCUMENT, [pki.root], revocation=gmseal.Revocation.IF_AVAILABLE).valid
    required = Cms.verify(cms, DOCUMENT, [pki.root], revocation="require")
    assert not required.valid and required.code and required.code.startswith("pki.")
    with pytest.raises(InvalidArgumentError) as e:
        Cms.verify(cms, DOCUMENT, [pki.root], revocation="never")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(InvalidArgumentError) as e:
        Cms.verify(cms, DOCUMENT, [pki.root], crls="no PEM block here")
    assert e.value.code_name == "ffi.invalid-argument"
    with pytest.raises(InvalidArgumentError):
        Cms.verify(cms, DOCUMENT, [pki.root], accept_no_za="yes")  # type: ignore[arg-type]


def test_errors(pki: Pki) -> None:
    with pytest.raises(DecodeError) as e:
        Cms.verify(b"this is not DER", DOCUMENT)
    assert e.value.code_name == "decode.malformed"
    with pytest.raises(DecodeError):
        Cms.sign(DOCUMENT, certificate=b"this is not DER", key=pki.signer_key)
    with pytest.raises(CryptoError) as e:  # the key is not the certificate's
        Cms.sign(DOCUMENT, certificate=pki.signer, key=pki.maker_key)
    assert (e.value.code, e.value.code_name) == (1203, "crypto.key-mismatch")
    with pytest.raises(InvalidArgumentError):
        Cms.sign(None, certificate=pki.signer, key=pki.signer_key)  # type: ignore[arg-type]
