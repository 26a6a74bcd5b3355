"""Signing through a Python function (an "HSM"): PrivateKey.from_signer."""

from __future__ import annotations

import gc
import threading
from typing import List

import pytest

import gmseal
from conftest import BASE, SIGN_TIME, Pki
from gmseal import (
    Certificate,
    CryptoError,
    DecodeError,
    Flavour,
    Indication,
    InvalidArgumentError,
    PrivateKey,
    Profile,
    Rect,
    Seal,
    SealType,
)

DIGEST = b"\xab" * 32


def der_to_raw(der: bytes) -> bytes:
    """A DER SM2 signature as raw r || s (32 bytes each)."""
    assert der[0] == 0x30
    pos = 2
    out = b""
    for _ in range(2):
        assert der[pos] == 0x02
        length = der[pos + 1]
        value = der[pos + 2 : pos + 2 + length]
        out += value.lstrip(b"\0").rjust(32, b"\0")
        pos += 2 + length
    return out


class Hsm:
    """A stand-in HSM: signs with a gmseal key it holds, counting calls."""

    def __init__(self) -> None:
        self.key = PrivateKey.generate()
        self.calls = 0
        self.raw = False

    def sign(self, digest: bytes) -> bytes:
        assert isinstance(digest, bytes) and len(digest) == 32
        self.calls += 1
        der = self.key.sign_digest(digest)  # calls gmseal from inside the callback
        return der_to_raw(der) if self.raw else der


@pytest.fixture(scope="module")
def hsm() -> Hsm:
    return Hsm()


def test_signer_key_signs(hsm: Hsm) -> None:
    with PrivateKey.from_signer(hsm.key.public_key_der, hsm.sign) as key:
        assert key.is_external and "external" in repr(key)
        assert key.public_key_der == hsm.key.public_key_der
        before = hsm.calls
        sig = key.sign_digest(DIGEST)
        assert hsm.calls == before + 1 and sig[0] == 0x30
        # Raw r || s is accepted too.
        hsm.raw = True
        try:
            assert key.sign_digest(DIGEST)[0] == 0x30
        finally:
            hsm.raw = False
        with pytest.raises(InvalidArgumentError) as e:
            key.export_pem()
        assert e.value.code_name == "ffi.invalid-argument"


def test_signer_key_everywhere(hsm: Hsm, pki: Pki, license_pdf: bytes) -> None:
    """Issue a certificate for the HSM, make a seal for it, seal a PDF, a
    document and a CMS with it."""
    with PrivateKey.from_signer(hsm.key.public_key_der, hsm.sign) as key:
        before = hsm.calls
        hsm_root = Certificate.issue(Profile.ROOT, "CN=HSM Root,C=CN", key, days=100)
        assert hsm.calls == before + 1 and hsm_root.public_key == hsm.key.public_key
        cert = Certificate.issue(Profile.SIGNER, "CN=UKey用户,C=CN", key, issuer=pki.root,
                                 issuer_key=pki.root_key, not_before=BASE)
        seal = Seal.make(maker_certificate=pki.maker, maker_key=pki.maker_key,
                         signers=[pki.signer, cert], org="某某科技有限公司", name="合同专用章",
                         seal_type=SealType.CONTRACT, dpi=72, created=SIGN_TIME - 86400)
        sealed = gmseal.pdf.sign(license_pdf, seal=seal, certificate=cert, key=key,
                                 placement=Rect(x_mm=20, y_mm=20, width_mm=40, height_mm=40),
                                 flavour=Flavour.SES, chain=[pki.root], time=SIGN_TIME)
        assert gmseal.pdf.verify(sealed, [pki.root]).indication is Indication.VALID
        sig = seal.sign(b"document", certificate=cert, key=key, property_info="doc.txt", time=SIGN_TIME)
        assert sig.verify(b"document", [pki.root]).valid
        cms = gmseal.cms.sign(b"document", certificate=cert, key=key)
        assert gmseal.cms.verify(cms, b"document", [pki.root]).valid
        assert hsm.calls == before + 4  # root, PDF, seal signature, CMS


def test_failing_signers(hsm: Hsm) -> None:
    spki = hsm.key.public_key_der

    def offline(_: bytes) -> bytes:
        raise RuntimeError("HSM offline")

    with PrivateKey.from_signer(spki, offline) as key:
        with pytest.raises(CryptoError) as e:
            key.sign_digest(DIGEST)
        assert (e.value.code, e.value.code_name) == (1214, "crypto.signer")
        assert isinstance(e.value.__cause__, RuntimeError)
        assert "HSM offline" in str(e.value.__cause__)
        # The next call is clean again.
        with pytest.raises(CryptoError) as again:
            key.sign_digest(DIGEST)
        assert isinstance(again.value.__cause__, RuntimeError)

    with PrivateKey.from_signer(spki, lambda d: b"0" * 10) as key:
        with pytest.raises(CryptoError) as e:
            key.sign_digest(DIGEST)
        assert e.value.code_name == "crypto.malformed-signature"
        assert e.value.__cause__ is None

    for bad_return, cause in ((b"\x30" * 500, ValueError), (None, TypeError), ("text", TypeError)):
        with PrivateKey.from_signer(spki, lambda d, r=bad_return: r) as key:  # type: ignore[misc]
            with pytest.raises(CryptoError) as e:
                key.sign_digest(DIGEST)
            assert e.value.code_name == "crypto.signer"
            assert isinstance(e.value.__cause__, cause)

    # A signature by another key than the public key given.
    with PrivateKey.generate() as other, PrivateKey.from_signer(spki, other.sign_digest) as key:
        with pytest.raises(CryptoError) as e:
            key.sign_digest(DIGEST)
        assert e.value.code_name == "crypto.signer"


def test_keyboard_interrupt_passes_through(hsm: Hsm) -> None:
    def interrupted(_: bytes) -> bytes:
        raise KeyboardInterrupt

    with PrivateKey.from_signer(hsm.key.public_key_der, interrupted) as key:
        with pytest.raises(KeyboardInterrupt):
            key.sign_digest(DIGEST)


def test_bad_signer_arguments(hsm: Hsm) -> None:
    with pytest.raises(InvalidArgumentError):
        PrivateKey.from_signer(hsm.key.public_key_der, "not callable")  # type: ignore[arg-type]
    with pytest.raises(DecodeError) as e:
        PrivateKey.from_signer(b"this is not DER", hsm.sign)
    assert e.value.code_name == "decode.malformed"
    with pytest.raises(InvalidArgumentError):
        PrivateKey.from_signer(None, hsm.sign)  # type: ignore[arg-type]


def test_callback_outlives_its_creator(hsm: Hsm) -> None:
    """The key keeps the Python function and the ctypes trampoline alive."""

    def make() -> PrivateKey:
        backing = PrivateKey.load(hsm.key.export_pem())
        return PrivateKey.from_signer(backing.public_key_der, lambda d: backing.sign_digest(d))

    key = make()
    gc.collect()
    assert key.sign_digest(DIGEST)[0] == 0x30
    key.close()
    gc.collect()


def test_threads_have_their_own_errors(hsm: Hsm) -> None:
    results: List[str] = []

    def work(i: int) -> None:
        with PrivateKey.from_signer(hsm.key.public_key_der, hsm.key.sign_digest) as key:
            for _ in range(20):
                key.sign_digest(bytes([i]) * 32)
        try:
            PrivateKey.load(b"junk")
        except DecodeError as e:
            results.append(e.code_name)
        try:
            Certificate.issue("bogus", "CN=x", hsm.key)
        except InvalidArgumentError as e:
            results.append(e.code_name)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["decode.malformed"] * 4 + ["ffi.unknown-name"] * 4
