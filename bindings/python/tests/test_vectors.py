"""The shared test vectors (test-vectors/*.json, see test-vectors/README.md),
checked through the binding, i.e. through what the C ABI exposes.

- SM2 keys: SPKI, PKCS#8, SEC1 and encrypted PKCS#8 files load (or fail with
  their error code) and give the expected public key (and scalar).
- SM2 signatures: the C ABI has no plain "verify" function, so a signer
  callback serves as the oracle: gmseal checks every signature a callback
  returns against the key's public key before using it. The callback returns
  the vector's signature for the vector's public key; ``e = SM3(ZA || M)`` is
  computed here (tests/sm2util.py). gmseal's parser and verifier then accept
  it (valid) or refuse it: ``crypto.malformed-signature`` as the vector says,
  or ``crypto.signer`` where the vector says ``crypto.bad-signature`` (the
  callback path reports a signature that does not verify as a signer error).
- PKI: certificates parse with the expected fields; chains validate, with the
  vectors' intermediates, CRLs, revocation policy and accept-empty-ID option.
- CMS: detached signatures verify (the issuing CA as an intermediate, the
  accept-empty-ID / accept-no-ZA options where the vector sets them).
- Seals and seal signatures: verdicts, check statuses and reason codes (the
  library's ``reason`` as well), with intermediates, CRLs and accept-empty-ID.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

import sm2util
from conftest import REPO
from gmseal import (
    Certificate,
    Cms,
    CryptoError,
    GmsealError,
    PrivateKey,
    Seal,
    SealSignature,
)

VECTORS = REPO / "test-vectors"


def cases(name: str, *types: str) -> List[Any]:
    """``pytest.param(group, test)`` for every test of the given group types."""
    data = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    assert data["schema"] == "gmseal-vectors-v1"
    out = []
    for group in data["testGroups"]:
        if types and group["type"] not in types:
            continue
        for test in group["tests"]:
            out.append(pytest.param(group, test, id=f"{name}#{test['tcId']}"))
    assert out, f"no {types} tests in {name}"
    return out


def unix(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def utc(text: Optional[str]) -> Optional[datetime]:
    return None if text is None else datetime.fromtimestamp(unix(text), timezone.utc)


def expect_failure(test: Dict[str, Any], call: Callable[[], Any]) -> GmsealError:
    with pytest.raises(GmsealError) as e:
        call()
    if "errorCode" in test:
        assert e.value.code_name == test["errorCode"], e.value
    return e.value


# ------------------------------------------------------------------ SM2 keys


@pytest.mark.parametrize("group,test", cases("sm2_keys.json", "Sm2PublicKeySpki"))
def test_sm2_public_keys(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    der = bytes.fromhex(test["der"])

    def load() -> PrivateKey:
        return PrivateKey.from_signer(der, lambda d: b"")

    if test["result"] == "invalid":
        expect_failure(test, load)
        return
    with load() as key:
        assert key.public_key.hex() == test["publicKey"]
        if "Compressed" not in test["flags"]:
            assert key.public_key_der == der  # re-encodes identically


@pytest.mark.parametrize(
    "group,test", cases("sm2_keys.json", "Sm2PrivateKeyPkcs8", "Sm2PrivateKeySec1")
)
def test_sm2_private_keys(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    der = bytes.fromhex(test["der"])
    if test["result"] == "invalid":
        expect_failure(test, lambda: PrivateKey.load(der))
        return
    with PrivateKey.load(der) as key:
        assert key.public_key.hex() == test["publicKey"]
        exported = key.export_pem()
        body = "".join(exported.strip().splitlines()[1:-1])
        assert sm2util.private_scalar(base64.b64decode(body)).hex() == test["privateKey"]


@pytest.mark.parametrize("group,test", cases("pkcs8_encrypted.json"))
def test_encrypted_pkcs8(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    der = bytes.fromhex(test["der"])
    password = bytes.fromhex(test["password"])
    if test["result"] == "invalid":
        expect_failure(test, lambda: PrivateKey.load(der, password))
        return
    with PrivateKey.load(der, password) as key:
        assert key.public_key.hex() == test["publicKey"]


# ---------------------------------------------------------- SM2 signatures


def verifies(public_key: bytes, e: bytes, signature: bytes) -> Optional[CryptoError]:
    """Whether gmseal accepts ``signature`` over the digest ``e`` for
    ``public_key`` (None), or the error it refuses it with."""
    with PrivateKey.from_signer(sm2util.spki(public_key), lambda _d: signature) as key:
        try:
            key.sign_digest(e)
        except CryptoError as error:
            return error
    return None


@pytest.mark.parametrize("group,test", cases("sm2_sign.json", "Sm2SignKat"))
def test_sm2_sign_kat(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    public = bytes.fromhex(test["publicKey"])
    uid, msg = bytes.fromhex(test["id"]), bytes.fromhex(test["msg"])
    # The private key d gives the public key.
    with PrivateKey.load(sm2util.sec1_private_key(bytes.fromhex(test["privateKey"]))) as key:
        assert key.public_key == public
        # ZA and e, computed independently of gmseal.
        assert sm2util.za(public, uid).hex() == test["za"]
        e = sm2util.digest(public, msg, uid)
        assert e.hex() == test["e"]
        # The standard's signature verifies, and so does gmseal's own.
        assert verifies(public, e, bytes.fromhex(test["sig"])) is None
        assert verifies(public, e, key.sign_digest(e)) is None
        # ... but not over another digest.
        assert verifies(public, bytes(32), bytes.fromhex(test["sig"])) is not None


@pytest.mark.parametrize("group,test", cases("sm2_sign.json", "Sm2Verify"))
def test_sm2_verify(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    public = sm2util.decompress(bytes.fromhex(group["publicKey"]))
    uid, msg, sig = (bytes.fromhex(test[k]) for k in ("id", "msg", "sig"))
    error = verifies(public, sm2util.digest(public, msg, uid), sig)
    if test["result"] == "valid":
        assert error is None, error
    else:
        assert error is not None
        expected = {"crypto.bad-signature": "crypto.signer"}.get(test["errorCode"], test["errorCode"])
        assert error.code_name == expected, error
    # The ID variants: valid with ZA of the empty ID, or over SM3(M) without ZA.
    variant = test.get("validWith")
    if variant == "acceptEmptyId":
        assert verifies(public, sm2util.digest(public, msg, b""), sig) is None
    elif variant == "acceptNoZa":
        assert verifies(public, sm2util.sm3(msg), sig) is None


# ----------------------------------------------------------------------- PKI

PKI = VECTORS / "pki"


@pytest.mark.parametrize("group,test", cases("pki/vectors.json", "CertificateParse"))
def test_certificate_parse(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    cert = Certificate.load_file(PKI / test["file"])
    assert Certificate.load_file(PKI / test["pemFile"]) == cert
    info = cert.info
    assert info.subject == test["subject"]
    assert info.issuer == test["issuer"]
    assert info.serial_number.lower().lstrip("0") == test["serial"].lstrip("0")
    assert info.not_before == utc(test["notBefore"])
    assert info.not_after == utc(test["notAfter"])
    assert info.is_ca == test["isCa"]
    assert info.path_len == test["pathLen"]
    assert list(info.key_usage) == test["keyUsage"]
    assert [u.split()[0] for u in info.extended_key_usage or ()] == test["extendedKeyUsage"]
    assert list(info.crl_distribution_points) == test["crlDistributionPoints"]
    assert info.public_key.hex() == test["publicKey"]
    assert (info.subject_key_id or "").lower() == (test["subjectKeyId"] or "")
    assert (info.authority_key_id or "").lower() == (test["authorityKeyId"] or "")
    with PrivateKey.load_file(PKI / test["privateKeyFile"]) as key:
        assert key.public_key == cert.public_key
    # The issuer's signature (default ID), through chain validation; a
    # self-signed certificate is a trust anchor, whose signature is not checked.
    if test["file"] != test["issuerFile"]:
        issuer = Certificate.load_file(PKI / test["issuerFile"])
        verdict = cert.verify([issuer], at=info.not_before)
        if test["signatureDefaultId"] == "valid":
            assert verdict.valid, verdict
        else:
            assert verdict.code == "pki.bad-signature", verdict


#: The vectors' revocation policies, as the C ABI names them.
REVOCATION = {"check-if-available": "if-available", "require": "require"}


@pytest.mark.parametrize("group,test", cases("pki/vectors.json", "ChainValidation"))
def test_chain_validation(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    cert = Certificate.load_file(PKI / test["endEntity"])
    verdict = cert.verify(
        [PKI / f for f in test["trustAnchors"]],
        [PKI / f for f in test["intermediates"]],
        at=unix(test["time"]),
        purpose=test["purpose"],
        crls=[PKI / f for f in test["crls"]],
        revocation=REVOCATION[test["revocationPolicy"]],
        accept_empty_id=test["acceptEmptyId"],
    )
    if test["result"] == "valid":
        assert verdict.valid, verdict
        if "chainLength" in test:
            assert len(verdict.chain) == test["chainLength"]
        assert verdict.chain[0] == cert.subject
    else:
        assert not verdict.valid
        assert verdict.code == test["errorCode"], verdict


# ----------------------------------------------------------------------- CMS

CMS = VECTORS / "cms"


ROOTS = [PKI / "gmseal/root.der"]
INTERMEDIATES = [PKI / "gmseal/ca.der"]


@pytest.mark.parametrize("group,test", cases("cms/vectors.json", "CmsDetachedVerify"))
def test_cms_detached(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    cms = (CMS / test["cms"]).read_bytes()
    content = (CMS / test["content"]).read_bytes()
    options = dict(accept_empty_id=test["acceptEmptyId"], accept_no_za=test["acceptNoZa"])
    if test["acceptEmptyId"] or test["acceptNoZa"]:
        # Without the option, the same signature does not verify.
        report = Cms.verify(cms, content, ROOTS, INTERMEDIATES)
        assert not report.valid and report.code == "cms.bad-signature"
    if test["result"] == "invalid":
        try:
            report = Cms.verify(cms, content, ROOTS, INTERMEDIATES, **options)
        except GmsealError as e:
            assert e.code_name == test["errorCode"]
            return
        assert not report.valid and not report.signature_valid
        assert report.code == test["errorCode"]
        return
    report = Cms.verify(cms, content, ROOTS, INTERMEDIATES, **options)
    assert report.valid and report.signature_valid and report.chain_validated, report
    assert report.signer == test["signerSubject"]
    assert report.signing_time == utc(test["signingTime"])
    assert report.oid_family == test["oidFamily"]
    assert report.signature is not None
    assert report.signature.variant == test["signatureVariant"]
    assert report.signature.format == test["signatureFormat"]
    # Through the file helper, and without roots.
    assert Cms.verify_file(CMS / test["cms"], CMS / test["content"], ROOTS, INTERMEDIATES, **options).valid
    assert Cms.verify(cms, content, **options).code == "chain.not-checked"


# ------------------------------------------------- seals and seal signatures

SEAL = VECTORS / "seal"


def trust(test: Dict[str, Any]) -> Dict[str, Any]:
    """The roots, intermediates, CRLs and options of a seal vector."""
    return dict(
        roots=[SEAL / f for f in test["trustAnchors"]],
        intermediates=[SEAL / f for f in test["intermediates"]],
        crls=[SEAL / f for f in test.get("crls", [])],
        accept_empty_id=bool(test.get("acceptEmptyId")),
    )


def statuses(checks: Iterator[Tuple[str, str]]) -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for check_id, status in checks:
        out.setdefault(check_id, []).append(status)
    return out


def assert_reason(reason: Optional[str], indication: str, codes: List[str]) -> None:
    """The library's ``reason``: null when valid, else one of the codes."""
    if indication == "valid":
        assert reason is None, reason
    else:
        assert reason in codes, (reason, codes)


def assert_checks(report_checks: Any, expected: Dict[str, Any], codes: List[str]) -> None:
    seen = statuses((c.id, c.status.value) for c in report_checks)
    for check_id, status in expected.items():
        want = status if isinstance(status, list) else [status]
        assert seen.get(check_id) == want, (check_id, seen.get(check_id), want)
    assert {c.code for c in report_checks if c.code} == set(codes)


@pytest.mark.parametrize("group,test", cases("seal/vectors.json", "SealVerify"))
def test_seal_verify(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    seal = Seal.load_file(SEAL / test["file"])
    report = seal.verify(at=unix(test["time"]), **trust(test))
    assert report.indication.value == test["indication"], report.checks
    assert_checks(report.checks, test["checks"], test["codes"])
    assert_reason(report.reason, test["indication"], test["codes"])
    if "sealVersion" in test:
        assert report.version == test["sealVersion"]
    if test["indication"] == "valid" and "makerSignature" in test:
        assert report.maker_signature is not None
        assert report.maker_signature.format == test["makerSignature"]["format"]
        assert report.maker_signature.variant == test["makerSignature"]["variant"]
    fields = test.get("seal")
    if fields:
        assert report.es_id == fields["esId"]
        assert report.name == fields["name"]
        assert report.seal_type == fields["sealType"]
        assert report.vendor == fields["vendor"]
        assert report.valid_start == utc(fields["validStart"])
        assert report.valid_end == utc(fields["validEnd"])
        assert report.create_date == utc(fields["createDate"])
        assert list(report.picture_mm) == list(fields["pictureMm"])


@pytest.mark.parametrize("group,test", cases("seal/vectors.json", "SignatureVerify"))
def test_seal_signature_verify(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    signature = SealSignature.load_file(SEAL / test["signature"])
    original = (SEAL / test["original"]).read_bytes() if test["original"] else None
    report = signature.verify(original, **trust(test))
    assert report.indication.value == test["indication"], report.checks
    assert_checks(report.checks, test["checks"], test["codes"])
    assert report.seal.indication.value == test["sealIndication"]
    assert_checks(report.seal.checks, test.get("sealChecks", {}), test["sealCodes"])
    assert_reason(report.seal.reason, test["sealIndication"], test["sealCodes"])
    if test["indication"] == "valid":
        assert report.reason is None
    else:
        # The deciding check's code, or the seal's when the seal decided.
        assert report.reason in set(test["codes"]) | set(test["sealCodes"]), report.reason
    signed = test.get("signed")
    if signed:
        assert report.time == utc(signed["timeInfo"])
        assert report.property_info == signed["propertyInfo"]
        assert report.data_hash.lower() == signed["dataHash"]
    if test["indication"] == "valid" and "signerSignature" in test:
        assert report.signature is not None
        assert report.signature.format == test["signerSignature"]["format"]


@pytest.mark.parametrize("group,test", cases("seal/vectors.json", "SealParse"))
def test_seal_parse_errors(group: Dict[str, Any], test: Dict[str, Any]) -> None:
    data = (SEAL / test["file"]).read_bytes()
    if test["structure"] == "SESeal":
        expect_failure(test, lambda: Seal(data))
    else:
        expect_failure(test, lambda: SealSignature(data).verify())
