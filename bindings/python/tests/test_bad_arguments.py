"""Bad arguments everywhere raise GmsealError subclasses; nothing crashes."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import gmseal
from conftest import SIGN_TIME, Pki
from gmseal import (
    Certificate,
    Cms,
    GmsealError,
    InvalidArgumentError,
    Invisible,
    License,
    Pdf,
    PrivateKey,
    Profile,
    Seal,
    SealSignature,
    seal_image,
)

#: Values that are wrong for almost every parameter.
JUNK: List[Any] = [None, 0, -1, 2**70, 3.5, "", "junk\0with NUL", b"", b"junk", object(), [], {}, Path("/nonexistent/x")]


def attempts(pki: Pki, seal: Seal, license_pdf: bytes, metadata: Dict[str, Any]) -> Dict[str, Callable[[Any], Any]]:
    """One call per public function, with one argument replaced by ``x``."""
    signer, key = pki.signer, pki.signer_key
    sig = SealSignature.sign(seal, b"doc", certificate=signer, key=key, property_info="d", time=SIGN_TIME)
    cms = Cms.sign(b"doc", certificate=signer, key=key)
    return {
        "key.load": lambda x: PrivateKey.load(x),
        "key.load.password": lambda x: PrivateKey.load(key.export_pem("pw"), x),
        "key.from_signer.spki": lambda x: PrivateKey.from_signer(x, lambda d: b""),
        "key.from_signer.sign": lambda x: PrivateKey.from_signer(key.public_key_der, x).sign_digest(bytes(32)),
        "key.sign_digest": lambda x: key.sign_digest(x),
        "key.export_pem": lambda x: key.export_pem(x) if x is not None else key.export_pem(object()),
        "cert.init": lambda x: Certificate(x),
        "cert.issue.profile": lambda x: Certificate.issue(x, "CN=x", key, issuer=pki.root, issuer_key=pki.root_key),
        "cert.issue.subject": lambda x: Certificate.issue(Profile.SIGNER, x, key, issuer=pki.root, issuer_key=pki.root_key),
        "cert.issue.key": lambda x: Certificate.issue(Profile.ROOT, "CN=x", x),
        "cert.issue.issuer": lambda x: Certificate.issue(Profile.SIGNER, "CN=x", key, issuer=x, issuer_key=pki.root_key),
        "cert.issue.issuer_key": lambda x: Certificate.issue(Profile.SIGNER, "CN=x", key, issuer=pki.root, issuer_key=x),
        "cert.issue.not_before": lambda x: Certificate.issue(Profile.ROOT, "CN=x", key, not_before=x if x is not None else -1),
        "cert.issue.days": lambda x: Certificate.issue(Profile.ROOT, "CN=x", key, days=x),
        "cert.verify.roots": lambda x: signer.verify(x if x is not None else []),
        "cert.verify.intermediates": lambda x: signer.verify(pki.root, x if x is not None else b"junk"),
        "cert.verify.at": lambda x: signer.verify(pki.root, at=x if x is not None else -1),
        "cert.verify.purpose": lambda x: signer.verify(pki.root, purpose=x),
        "cert.load_all": lambda x: Certificate.load_all(x) if x not in ("",) else Certificate.load_all(b"junk"),
        "seal_image.org": lambda x: seal_image(x, "y", dpi=72),
        "seal_image.style": lambda x: seal_image("x", "y", style=x, dpi=72),
        "seal_image.dpi": lambda x: seal_image("x", "y", dpi=x if x is not None else 0),
        "seal.init": lambda x: Seal(x),
        "seal.make.maker": lambda x: Seal.make(maker_certificate=x, maker_key=pki.maker_key, signers=[signer],
                                               org="o", name="n", seal_type=1, dpi=72),
        "seal.make.maker_key": lambda x: Seal.make(maker_certificate=pki.maker, maker_key=x, signers=[signer],
                                                   org="o", name="n", seal_type=1, dpi=72),
        "seal.make.signers": lambda x: Seal.make(maker_certificate=pki.maker, maker_key=pki.maker_key,
                                                 signers=x, org="o", name="n", seal_type=1, dpi=72),
        "seal.make.seal_type": lambda x: Seal.make(maker_certificate=pki.maker, maker_key=pki.maker_key,
                                                   signers=[signer], org="o", name="n", seal_type=x, dpi=72),
        "seal.make.es_id": lambda x: Seal.make(maker_certificate=pki.maker, maker_key=pki.maker_key,
                                               signers=[signer], org="o", name="n", seal_type=1, dpi=72,
                                               es_id=x if x is not None else "\0"),
        "seal.verify.roots": lambda x: seal.verify(x if x is not None else b"junk"),
        "seal.verify.at": lambda x: seal.verify(at=x if x is not None else -5),
        "seal.sign.data": lambda x: seal.sign(x, certificate=signer, key=key, property_info="p", time=SIGN_TIME),
        "seal.sign.certificate": lambda x: seal.sign(b"d", certificate=x, key=key, property_info="p", time=SIGN_TIME),
        "seal.sign.key": lambda x: seal.sign(b"d", certificate=signer, key=x, property_info="p", time=SIGN_TIME),
        "seal.sign.property_info": lambda x: seal.sign(b"d", certificate=signer, key=key, property_info=x, time=SIGN_TIME),
        "ses.init": lambda x: SealSignature(x).verify(),
        "ses.verify.data": lambda x: sig.verify(x if x is not None else "text"),
        "ses.verify.roots": lambda x: sig.verify(b"doc", x if x is not None else b"junk"),
        "ses.sign.seal": lambda x: SealSignature.sign(x, b"d", certificate=signer, key=key, property_info="p"),
        "license.validate": lambda x: License.validate(x),
        "license.validate.template": lambda x: License.validate(metadata, x if x is not None else "x"),
        "license.identifier": lambda x: License.identifier(x, "1133010600248917XL", "1"),
        "license.issue": lambda x: License.issue(x),
        "license.issue.template": lambda x: License.issue(metadata, x),
        "license.issue.issued": lambda x: License.issue(metadata, issued=x if x is not None else -7),
        "pdf.sign.pdf": lambda x: Pdf.sign(x, seal=seal, certificate=signer, key=key, placement=Invisible()),
        "pdf.sign.seal": lambda x: Pdf.sign(license_pdf, seal=x, certificate=signer, key=key, placement=Invisible()),
        "pdf.sign.certificate": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=x, key=key,
                                                   placement=Invisible()),
        "pdf.sign.key": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=x, placement=Invisible()),
        "pdf.sign.placement": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=key, placement=x),
        "pdf.sign.chain": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=key,
                                             placement=Invisible(), chain=x if x is not None else b"junk"),
        "pdf.sign.flavour": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=key,
                                               placement=Invisible(), flavour=x),
        "pdf.sign.certify": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=key,
                                               placement=Invisible(), certify=x if x is not None else 9),
        "pdf.sign.reason": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=key,
                                              placement=Invisible(), reason=x if x is not None else 1),
        "pdf.sign.time": lambda x: Pdf.sign(license_pdf, seal=seal, certificate=signer, key=key,
                                            placement=Invisible(), time=x if x is not None else -9),
        "pdf.verify.pdf": lambda x: Pdf.verify(x) if x is not None else Pdf.verify(object()),  # type: ignore[arg-type]
        "pdf.verify.roots": lambda x: Pdf.verify(license_pdf, x if x is not None else b"junk"),
        "pdf.verify_file": lambda x: Pdf.verify_file(x),
        "cms.sign.content": lambda x: Cms.sign(x, certificate=signer, key=key),
        "cms.sign.key": lambda x: Cms.sign(b"d", certificate=signer, key=x),
        "cms.verify.cms": lambda x: Cms.verify(x, b"doc"),
        "cms.verify.content": lambda x: Cms.verify(cms, x),
        "cms.verify.roots": lambda x: Cms.verify(cms, b"doc", x if x is not None else b"junk"),
        "cms.verify.intermediates": lambda x: Cms.verify(cms, b"doc", pki.root, x if x is not None else b"junk"),
        "cms.verify.crls": lambda x: Cms.verify(cms, b"doc", pki.root, crls=x if x is not None else b"junk"),
        "cms.verify.revocation": lambda x: Cms.verify(cms, b"doc", pki.root, revocation=x),
        "cms.verify.accept_empty_id": lambda x: Cms.verify(cms, b"doc", pki.root, accept_empty_id=x),
        "cms.verify.accept_no_za": lambda x: Cms.verify(cms, b"doc", pki.root, accept_no_za=x),
        "cms.sign.chain": lambda x: Cms.sign(b"d", certificate=signer, key=key, chain=x if x is not None else b"junk"),
        "cms.sign.time": lambda x: Cms.sign(b"d", certificate=signer, key=key, time=x if x is not None else -4),
        "cms.sign.signing_time": lambda x: Cms.sign(b"d", certificate=signer, key=key, signing_time=x),
        "cms.sign.oid_family": lambda x: Cms.sign(b"d", certificate=signer, key=key, oid_family=x),
        "cert.verify.crls": lambda x: signer.verify(pki.root, crls=x if x is not None else "junk"),
        "cert.verify.revocation": lambda x: signer.verify(pki.root, revocation=x if x is not None else "x"),
        "seal.verify.intermediates": lambda x: seal.verify(pki.root, x if x is not None else b"junk"),
        "seal.verify.crls": lambda x: seal.verify(pki.root, crls=x if x is not None else b"junk"),
        "seal.verify.accept_no_za": lambda x: seal.verify(pki.root, accept_no_za=x),
        "ses.verify.intermediates": lambda x: sig.verify(b"doc", pki.root, x if x is not None else b"junk"),
        "ses.verify.crls": lambda x: sig.verify(b"doc", pki.root, crls=x if x is not None else b"junk"),
        "ses.verify.revocation": lambda x: sig.verify(b"doc", pki.root, revocation=x),
        "pdf.verify.crls": lambda x: Pdf.verify(license_pdf, pki.root, crls=x if x is not None else b"junk"),
        "pdf.verify.accept_empty_id": lambda x: Pdf.verify(license_pdf, pki.root, accept_empty_id=x),
    }


def test_bad_arguments_raise_gmseal_errors(pki: Pki, seal: Seal, license_pdf: bytes, metadata: Dict[str, Any]) -> None:
    calls = attempts(pki, seal, license_pdf, metadata)
    unexpected = []
    for (name, call), value in itertools.product(calls.items(), JUNK):
        try:
            call(value)
        except GmsealError:
            continue
        except Exception as e:  # noqa: BLE001
            unexpected.append(f"{name}({value!r}): {type(e).__name__}: {e}")
            continue
        # A few junk values are legitimately accepted (for example b"" as
        # data to sign, or an empty intermediates list); they must not crash.
    assert not unexpected, "\n".join(unexpected)


def test_closed_keys_everywhere(pki: Pki, seal: Seal, license_pdf: bytes) -> None:
    key = PrivateKey.generate()
    key.close()
    calls = [
        lambda: Certificate.issue(Profile.ROOT, "CN=x", key),
        lambda: Certificate.issue(Profile.SIGNER, "CN=x", pki.signer_key, issuer=pki.root, issuer_key=key),
        lambda: seal.sign(b"d", certificate=pki.signer, key=key, property_info="p"),
        lambda: Pdf.sign(license_pdf, seal=seal, certificate=pki.signer, key=key, placement=Invisible()),
        lambda: Cms.sign(b"d", certificate=pki.signer, key=key),
        lambda: Seal.make(maker_certificate=pki.maker, maker_key=key, signers=[pki.signer], org="o",
                          name="n", seal_type=1),
        lambda: key.sign_digest(bytes(32)),
    ]
    for call in calls:
        with pytest.raises(InvalidArgumentError) as e:
            call()
        assert e.value.code_name == "ffi.invalid-argument" and "closed" in e.value.message


def test_library_not_found_is_a_gmseal_error(tmp_path: Path) -> None:
    with pytest.raises(gmseal.LibraryError) as e:
        gmseal._lib._Library(tmp_path / "missing.so")
    assert isinstance(e.value, GmsealError)
