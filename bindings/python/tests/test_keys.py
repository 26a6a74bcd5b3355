"""SM2 keys: generate, export, load (encrypted too), sign digests, lifetime."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from gmseal import CryptoError, DecodeError, InvalidArgumentError, PrivateKey


def test_generate_export_load_roundtrip() -> None:
    with PrivateKey.generate() as key:
        spki = key.public_key_der
        assert len(spki) == 91 and spki[0] == 0x30
        assert key.public_key == spki[-65:] and key.public_key[0] == 0x04
        pem = key.export_pem()
        assert pem.startswith("-----BEGIN PRIVATE KEY-----")
        with PrivateKey.load(pem) as loaded:
            assert loaded.public_key_der == spki
        with PrivateKey.load(pem.encode()) as loaded:
            assert loaded.public_key_der == spki
        with PrivateKey.generate() as other:
            assert other.public_key_der != spki


def test_encrypted_export_and_passwords(tmp_path: Path) -> None:
    password = "口令 secret"
    with PrivateKey.generate() as key:
        pem = key.export_pem(password)
        assert pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        path = tmp_path / "key.pem"
        path.write_text(pem)
        with PrivateKey.load_file(path, password) as loaded:
            assert loaded.public_key_der == key.public_key_der
        with PrivateKey.load_file(str(path), password.encode("utf-8")) as loaded:
            assert loaded.public_key_der == key.public_key_der
        with pytest.raises(CryptoError) as e:
            PrivateKey.load(pem)
        assert (e.value.code, e.value.code_name) == (1205, "crypto.password-required")
        with pytest.raises(CryptoError) as e:
            PrivateKey.load(pem, "wrong")
        assert (e.value.code, e.value.code_name) == (1206, "crypto.wrong-password")


def test_encrypted_vector_key(vectors: Path) -> None:
    """A GmSSL-style encrypted key of the shared vectors (2048 iterations)."""
    data = json.loads((vectors / "pkcs8_encrypted.json").read_text())
    test = data["testGroups"][0]["tests"][0]
    assert test["result"] == "valid"
    der = bytes.fromhex(test["der"])
    with PrivateKey.load(der, bytes.fromhex(test["password"])) as key:
        assert key.public_key.hex() == test["publicKey"]
    with pytest.raises(CryptoError) as e:
        PrivateKey.load(der, b"not the password")
    assert e.value.code_name == "crypto.wrong-password"


def test_bad_key_inputs(tmp_path: Path) -> None:
    with pytest.raises(DecodeError) as e:
        PrivateKey.load(b"this is not DER")
    assert e.value.code_name == "decode.malformed"
    with pytest.raises(CryptoError) as e:
        PrivateKey.load("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")
    assert e.value.code_name == "crypto.pem"
    with pytest.raises(InvalidArgumentError) as e:
        PrivateKey.load(12345)  # type: ignore[arg-type]
    assert e.value.code_name == "ffi.invalid-argument"
    from gmseal import IoError

    with pytest.raises(IoError) as e:
        PrivateKey.load_file(tmp_path / "missing.pem")
    assert e.value.code_name == "input.io" and isinstance(e.value.__cause__, OSError)
    with pytest.raises(TypeError):
        PrivateKey()  # instances come from the class methods


def test_sign_digest() -> None:
    with PrivateKey.generate() as key:
        sig = key.sign_digest(b"\xab" * 32)
        assert 8 <= len(sig) <= 72 and sig[0] == 0x30
        with pytest.raises(InvalidArgumentError):
            key.sign_digest(b"short")


def test_closed_keys_are_refused_not_crashing() -> None:
    key = PrivateKey.generate()
    assert not key.closed and "SM2" in repr(key)
    key.close()
    key.close()  # twice is fine
    assert key.closed and "closed" in repr(key)
    with pytest.raises(InvalidArgumentError) as e:
        key.public_key_der
    assert "closed" in e.value.message
    with pytest.raises(InvalidArgumentError):
        key.export_pem()
    with pytest.raises(InvalidArgumentError):
        with key:
            pass


def test_garbage_collection_frees_handles() -> None:
    # The __del__ safety net: many keys dropped without close().
    for _ in range(50):
        PrivateKey.generate().public_key_der
    gc.collect()
