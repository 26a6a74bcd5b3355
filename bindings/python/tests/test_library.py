"""Loading the library, versions, the header's prototypes, the error classes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gmseal
from gmseal import _lib
from gmseal.errors import (
    CmsError,
    CryptoError,
    DecodeError,
    GmsealError,
    InternalError,
    InvalidArgumentError,
    IoError,
    LibraryError,
    LicenseError,
    PdfError,
    PkiError,
    SealError,
    error_class_for,
    error_from_code,
)


def test_versions(repo: Path) -> None:
    assert gmseal.abi_version() == gmseal.ABI_VERSION == 1
    assert gmseal.library_path().is_file()
    # The package's version is the crate's.
    manifest = (repo / "Cargo.toml").read_text(encoding="utf-8")
    section = manifest.split("[workspace.package]", 1)[1]
    crate_version = re.search(r'^version\s*=\s*"([^"]+)"', section, re.M).group(1)  # type: ignore[union-attr]
    assert gmseal.__version__ == crate_version == gmseal.library_version()
    pyproject = (repo / "bindings/python/pyproject.toml").read_text(encoding="utf-8")
    assert "gmseal._version.__version__" in pyproject


def test_candidate_paths_start_with_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GMSEAL_LIBRARY", str(tmp_path / "custom.so"))
    paths = _lib.candidate_paths()
    assert paths[0] == tmp_path / "custom.so"
    assert Path(gmseal.__file__).resolve().parent / "libgmseal_ffi.so" in paths
    # A directory in GMSEAL_LIBRARY means the library inside it.
    monkeypatch.setenv("GMSEAL_LIBRARY", str(tmp_path))
    assert _lib.candidate_paths()[0] == tmp_path / "libgmseal_ffi.so"


def test_missing_and_foreign_libraries(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as e:
        _lib._Library(tmp_path / "nothing.so")
    assert e.value.code_name == "python.library-load"
    not_a_library = tmp_path / "libgmseal_ffi.so"
    not_a_library.write_bytes(b"not an ELF file")
    with pytest.raises(LibraryError):
        _lib._Library(not_a_library)


def test_abi_mismatch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_lib, "ABI_VERSION", 999)
    with pytest.raises(LibraryError) as e:
        _lib._Library(gmseal.library_path())
    assert e.value.code_name == "python.abi-mismatch"
    assert "ABI version 1" in str(e.value) and "999" in str(e.value)
    assert isinstance(e.value, GmsealError)


def test_every_header_function_has_a_prototype(repo: Path) -> None:
    header = repo / "ffi" / "include" / "gmseal.h"
    text = re.sub(r"/\*.*?\*/", "", header.read_text(encoding="utf-8"), flags=re.S)
    declared = {}
    for m in re.finditer(r"^[\w ]+?\**\s*\b(gmseal_\w+)\(([^)]*)\);", text, flags=re.M):
        args = [a for a in (x.strip() for x in m.group(2).split(",")) if a and a != "void"]
        declared[m.group(1)] = len(args)
    assert declared, "no function found in the header"
    assert set(declared) == set(_lib._PROTOTYPES), "the header and the binding disagree"
    for name, count in declared.items():
        assert len(_lib._PROTOTYPES[name][1]) == count, name
    # Every parameter's ctypes type fits its C type, in order.
    import ctypes

    expected = {
        "const uint8_t *": ctypes.c_char_p,
        "const char *": ctypes.c_char_p,
        "size_t": ctypes.c_size_t,
        "int64_t": ctypes.c_int64,
        "uint32_t": ctypes.c_uint32,
        "const struct gmseal_key *": ctypes.c_void_p,
        "struct gmseal_key *": ctypes.c_void_p,
        "struct gmseal_key **": ctypes.POINTER(ctypes.c_void_p),
        "struct gmseal_bytes *": _lib._out,
        "uint8_t *": ctypes.POINTER(ctypes.c_uint8),
        "void *": ctypes.c_void_p,
        "gmseal_sign_callback": _lib.SIGN_CALLBACK,
    }
    mismatched = []
    for m in re.finditer(r"^[\w ]+?\**\s*\b(gmseal_\w+)\(([^)]*)\);", text, flags=re.M):
        params = [a for a in (x.strip() for x in m.group(2).split(",")) if a and a != "void"]
        for i, param in enumerate(params):
            ctype = re.sub(r"\s*\b\w+$", "", " ".join(param.split()))
            ctype = re.sub(r"\s*(\*+)$", r" \1", ctype)
            assert ctype in expected, (m.group(1), param)
            if _lib._PROTOTYPES[m.group(1)][1][i] is not expected[ctype]:
                mismatched.append(f"{m.group(1)} parameter {i + 1} ({param})")
    assert not mismatched, mismatched
    assert not _lib.lib().missing
    assert f"#define GMSEAL_ABI_VERSION {gmseal.ABI_VERSION}" in text


def test_error_classes_by_band() -> None:
    expected = {
        1000: InvalidArgumentError,
        1005: InvalidArgumentError,
        1100: DecodeError,
        1206: CryptoError,
        1304: PkiError,
        1453: CmsError,
        1501: SealError,
        1603: LicenseError,
        1799: PdfError,
        1800: IoError,
        1900: InternalError,
        0: GmsealError,
        2500: GmsealError,
    }
    for code, cls in expected.items():
        assert error_class_for(code) is cls, code
    e = error_from_code(1304, "pki.expired", "the certificate expired")
    assert isinstance(e, PkiError) and isinstance(e, GmsealError)
    assert (e.code, e.code_name, e.message) == (1304, "pki.expired", "the certificate expired")
    assert "pki.expired" in str(e)
    assert issubclass(InvalidArgumentError, ValueError)
    import pickle

    again = pickle.loads(pickle.dumps(e))
    assert type(again) is PkiError and again.code_name == "pki.expired" and again.code == 1304


def test_errors_carry_code_and_name_from_the_library() -> None:
    with pytest.raises(DecodeError) as e:
        gmseal.PrivateKey.load(b"this is not DER")
    assert e.value.code == 1100
    assert e.value.code_name == "decode.malformed"
    assert e.value.message
