"""Certificates: issue by profile, read, to JSON, chain validation."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import BASE, DAY, Pki
from gmseal import (
    Certificate,
    DecodeError,
    InvalidArgumentError,
    PkiError,
    PrivateKey,
    Profile,
    Purpose,
    pem_bundle,
)


def test_issue_profiles(pki: Pki) -> None:
    assert pki.root.subject == pki.root.issuer == "CN=测试根CA,O=gmseal,C=CN"
    assert pki.signer.subject == "CN=某某科技有限公司,C=CN"
    assert pki.signer.issuer == pki.root.subject
    assert pki.root.info.is_ca and not pki.signer.info.is_ca
    assert pki.ca.info.is_ca and pki.ca.info.path_len == 0
    assert "keyCertSign" in pki.root.info.key_usage
    assert pki.signer.info.extended_key_usage and any(
        "documentSigning" in u for u in pki.signer.info.extended_key_usage
    )
    assert pki.signer.public_key == pki.signer_key.public_key
    assert pki.signer.not_before == datetime.fromtimestamp(BASE, timezone.utc)
    assert (pki.signer.not_after - pki.signer.not_before).days in (364, 365)
    assert len(pki.signer.fingerprint_sm3) == 64


def test_to_json_and_encodings(pki: Pki, tmp_path: Path) -> None:
    d = pki.signer.to_dict()
    assert d["subject"] == "CN=某某科技有限公司,C=CN"
    assert d["issuer"] == "CN=测试根CA,O=gmseal,C=CN"
    assert d["public_key"].lower() == pki.signer.public_key.hex()
    pem = pki.signer.pem
    assert pem.startswith("-----BEGIN CERTIFICATE-----\n")
    assert Certificate(pem) == pki.signer == Certificate(pki.signer.der)
    assert Certificate(pem.encode()) == pki.signer
    assert hash(Certificate(pem)) == hash(pki.signer)
    assert bytes(pki.signer) == pki.signer.der
    (tmp_path / "c.pem").write_text(pem)
    (tmp_path / "c.der").write_bytes(pki.signer.der)
    assert Certificate.load_file(tmp_path / "c.pem") == pki.signer
    assert Certificate.load_file(str(tmp_path / "c.der")) == pki.signer
    bundle = pem_bundle([pki.signer, pki.root.der, pki.maker.pem])
    assert bundle is not None
    assert Certificate.load_all(bundle) == [pki.signer, pki.root, pki.maker]
    assert Certificate.load_all(pki.root.der) == [pki.root]
    # A bundle is not one certificate.
    with pytest.raises(InvalidArgumentError) as e:
        Certificate(bundle)
    assert e.value.code_name == "ffi.invalid-argument"
    with pytest.raises(DecodeError) as e:
        Certificate(b"this is not DER")
    assert e.value.code_name == "decode.malformed"


def test_issue_errors(pki: Pki) -> None:
    key = pki.root_key
    with pytest.raises(InvalidArgumentError) as e:
        Certificate.issue("bogus", "CN=x", key)
    assert (e.value.code, e.value.code_name) == (1003, "ffi.unknown-name")
    with pytest.raises(PkiError) as e:
        Certificate.issue(Profile.ROOT, "not a name", key)
    assert e.value.code_name == "pki.invalid-name"
    with pytest.raises(InvalidArgumentError) as e:
        Certificate.issue(Profile.SIGNER, "CN=x", pki.signer_key)  # no issuer
    assert e.value.code_name == "ffi.null-argument"
    with pytest.raises(InvalidArgumentError) as e:
        Certificate.issue(Profile.ROOT, "CN=x", key, issuer=pki.root, issuer_key=key)
    assert e.value.code_name == "ffi.invalid-argument"
    with pytest.raises(PkiError) as e:
        Certificate.issue(Profile.SIGNER, "CN=x", pki.signer_key, issuer=pki.signer, issuer_key=pki.signer_key)
    assert e.value.code_name == "pki.invalid-params"
    with pytest.raises(InvalidArgumentError):
        Certificate.issue(Profile.ROOT, "CN=x", key, not_before=-5)
    with pytest.raises(InvalidArgumentError):
        Certificate.issue(Profile.ROOT, "CN=x\0y", key)
    with pytest.raises(InvalidArgumentError):
        Certificate.issue(Profile.ROOT, "CN=x", "not a key")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        Certificate.issue(Profile.ROOT, "CN=x", key, days=-1)


def test_chain_verification(pki: Pki) -> None:
    ok = pki.signer.verify([pki.root], at=BASE + 5 * DAY, purpose=Purpose.DOCUMENT_SIGNING)
    assert ok.valid and bool(ok) and ok.code is None
    assert ok.chain == ("CN=某某科技有限公司,C=CN", "CN=测试根CA,O=gmseal,C=CN")
    assert ok.purpose is Purpose.DOCUMENT_SIGNING
    assert ok.time == datetime.fromtimestamp(BASE + 5 * DAY, timezone.utc)
    # Expired: a verdict, not an exception.
    expired = pki.signer.verify(pki.root, at=BASE + 400 * DAY)
    assert not expired.valid and expired.code == "pki.expired" and expired.chain == ()
    # Wrong purpose.
    usage = pki.maker.verify(pki.root, [pki.signer], purpose="timestamping")
    assert usage.code == "pki.key-usage"
    # Untrusted: the root is not among the roots.
    untrusted = pki.maker.verify([pki.signer], purpose=Purpose.SEAL_MAKING)
    assert untrusted.code == "pki.unknown-issuer"
    # Through an intermediate.
    with PrivateKey.generate() as k:
        leaf = Certificate.issue(Profile.SIGNER, "CN=叶子,C=CN", k, issuer=pki.ca, issuer_key=pki.ca_key)
    assert leaf.verify(pki.root, [pki.ca]).valid
    assert leaf.verify(pki.root).code == "pki.unknown-issuer"
    assert pki.ca.verify(pki.root, purpose=Purpose.CA).purpose is Purpose.CA
    assert pki.ca.verify(pki.root, purpose="ca").valid


def test_chain_verification_errors(pki: Pki) -> None:
    with pytest.raises(InvalidArgumentError) as e:
        pki.signer.verify(pki.root, purpose="everything")
    assert e.value.code_name == "ffi.unknown-name"
    with pytest.raises(InvalidArgumentError):
        pki.signer.verify([])
    with pytest.raises(DecodeError) as e:
        pki.signer.verify(b"this is not DER")
    assert e.value.code_name == "decode.malformed"
    with pytest.raises(InvalidArgumentError):
        pki.signer.verify(42)  # type: ignore[arg-type]
