"""Loading ``libgmseal_ffi`` and calling it: the only module that touches ctypes
prototypes, ``gmseal_bytes`` and the thread's last error.

Not public: use the classes of :mod:`gmseal`.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import threading
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from .errors import InvalidArgumentError, IoError, LibraryError, error_from_code

#: The C ABI version this package was written for (``GMSEAL_ABI_VERSION``).
ABI_VERSION = 1

#: ``GMSEAL_TIME_NOW``: a time argument meaning "now, by the system clock".
TIME_NOW = -1

#: ``GMSEAL_TIME_MAX``: the latest time argument the C ABI accepts,
#: 9999-12-31T23:59:59Z (the last second X.509 can express).
TIME_MAX = 253402300799

#: What a path argument may be.
PathLike = Union[str, "os.PathLike[str]"]
#: A point in time: an aware :class:`datetime` (a naive one is taken as UTC),
#: Unix seconds, or ``None`` for now.
TimeLike = Union[datetime, int, float, None]


class _Bytes(ctypes.Structure):
    """``gmseal_bytes``: a buffer gmseal filled in, freed with ``gmseal_bytes_free``."""

    _fields_ = [("data", ctypes.POINTER(ctypes.c_uint8)), ("len", ctypes.c_size_t)]


#: ``gmseal_sign_callback``.
SIGN_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int32,
    ctypes.c_void_p,
    ctypes.POINTER(ctypes.c_uint8),
    ctypes.POINTER(ctypes.c_uint8),
    ctypes.c_size_t,
    ctypes.POINTER(ctypes.c_size_t),
)

_u8p = ctypes.c_char_p  # const uint8_t * (bytes or None)
_size = ctypes.c_size_t
_str = ctypes.c_char_p  # const char * (NUL-terminated UTF-8)
_key = ctypes.c_void_p  # const gmseal_key *
_i64 = ctypes.c_int64
_u32 = ctypes.c_uint32
_res = ctypes.c_uint32  # gmseal_result
_out = ctypes.POINTER(_Bytes)
_outkey = ctypes.POINTER(ctypes.c_void_p)

#: name -> (restype, argtypes) of every function the binding calls.
_PROTOTYPES: Dict[str, Tuple[Any, List[Any]]] = {
    "gmseal_abi_version": (_u32, []),
    "gmseal_version": (ctypes.c_char_p, []),
    "gmseal_last_error_message": (ctypes.c_char_p, []),
    "gmseal_last_error_code_name": (ctypes.c_char_p, []),
    "gmseal_bytes_free": (None, [_out]),
    # keys
    "gmseal_key_generate": (_res, [_outkey]),
    "gmseal_key_load": (_res, [_u8p, _size, _u8p, _size, _outkey]),
    "gmseal_key_export": (_res, [_key, _u8p, _size, _out]),
    "gmseal_key_public_key": (_res, [_key, _out]),
    "gmseal_key_sign_digest": (_res, [_key, _u8p, _out]),
    "gmseal_key_from_callback": (_res, [_u8p, _size, SIGN_CALLBACK, ctypes.c_void_p, _outkey]),
    "gmseal_key_free": (None, [_key]),
    # certificates
    "gmseal_cert_issue": (_res, [_str, _str, _key, _u8p, _size, _key, _i64, _u32, _out]),
    "gmseal_cert_to_json": (_res, [_u8p, _size, _out]),
    # cert, len, purpose, roots, len, intermediates, len, options_json, out
    "gmseal_cert_verify": (_res, [_u8p, _size, _str, _u8p, _size, _u8p, _size, _str, _out]),
    # seals and seal signatures
    "gmseal_seal_image_png": (_res, [_str, _out]),
    "gmseal_seal_make": (_res, [_str, _u8p, _size, _key, _u8p, _size, _i64, _out]),
    "gmseal_seal_to_json": (_res, [_u8p, _size, _out]),
    "gmseal_seal_verify": (_res, [_u8p, _size, _u8p, _size, _u8p, _size, _str, _out]),
    "gmseal_ses_sign": (
        _res,
        [_u8p, _size, _u8p, _size, _u8p, _size, _key, _str, _i64, _out],
    ),
    "gmseal_ses_verify": (_res, [_u8p, _size, _u8p, _size, _u8p, _size, _u8p, _size, _str, _out]),
    # e-licenses
    "gmseal_license_validate": (_res, [_str, _str, _out]),
    "gmseal_license_identifier": (_res, [_str, _str, _str, _out]),
    "gmseal_license_issue": (_res, [_str, _str, _i64, _out]),
    # PDF
    "gmseal_pdf_sign": (
        _res,
        [_u8p, _size, _u8p, _size, _u8p, _size, _key, _u8p, _size, _str, _out],
    ),
    "gmseal_pdf_verify": (_res, [_u8p, _size, _u8p, _size, _u8p, _size, _str, _out]),
    # CMS
    "gmseal_cms_sign": (_res, [_u8p, _size, _u8p, _size, _key, _u8p, _size, _str, _out]),
    "gmseal_cms_verify": (_res, [_u8p, _size, _u8p, _size, _u8p, _size, _u8p, _size, _str, _out]),
}


def _library_names() -> List[str]:
    if sys.platform == "win32":
        return ["gmseal_ffi.dll"]
    if sys.platform == "darwin":
        return ["libgmseal_ffi.dylib"]
    return ["libgmseal_ffi.so"]


def candidate_paths() -> List[Path]:
    """Where the library is looked for, in order: ``$GMSEAL_LIBRARY`` (a file,
    or a directory holding it), the package directory, then the cargo target
    directory (``$CARGO_TARGET_DIR``, else every ``target/`` found walking up
    from the package), ``release`` before ``debug`` unless ``debug`` is newer."""
    names = _library_names()
    out: List[Path] = []
    env = os.environ.get("GMSEAL_LIBRARY")
    if env:
        p = Path(env)
        if p.is_dir():
            out.extend(p / n for n in names)
        else:
            out.append(p)
    here = Path(__file__).resolve().parent
    out.extend(here / n for n in names)
    targets: List[Path] = []
    if os.environ.get("CARGO_TARGET_DIR"):
        targets.append(Path(os.environ["CARGO_TARGET_DIR"]))
    for parent in here.parents:
        if (parent / "target").is_dir():
            targets.append(parent / "target")
    for target in targets:
        builds = [target / profile / n for profile in ("release", "debug") for n in names]
        existing = [b for b in builds if b.is_file()]
        # The most recently built first: a stale release build must not
        # shadow a fresh debug build.
        existing.sort(key=lambda b: b.stat().st_mtime, reverse=True)
        out.extend(existing)
    return out


class _Library:
    """The loaded library with its prototypes set."""

    def __init__(self, path: Path) -> None:
        try:
            self.cdll = ctypes.CDLL(str(path))
        except OSError as e:
            raise LibraryError(
                f"cannot load the gmseal library {path}: {e}", 0, "python.library-load"
            ) from e
        self.path = path
        self.functions: Dict[str, Any] = {}
        missing = []
        for name, (restype, argtypes) in _PROTOTYPES.items():
            try:
                f = getattr(self.cdll, name)
            except AttributeError:
                missing.append(name)
                continue
            f.restype = restype
            f.argtypes = argtypes
            self.functions[name] = f
        if "gmseal_abi_version" in missing:
            raise LibraryError(
                f"{path} is not the gmseal library (it has no gmseal_abi_version)",
                0,
                "python.library-load",
            )
        abi = int(self.functions["gmseal_abi_version"]())
        if abi != ABI_VERSION:
            raise LibraryError(
                f"the gmseal library {path} has ABI version {abi}, but this Python "
                f"package was written for ABI version {ABI_VERSION}: install the "
                "matching versions of the package and the library",
                0,
                "python.abi-mismatch",
            )
        self.missing = missing

    def function(self, name: str) -> Any:
        f = self.functions.get(name)
        if f is None:
            raise LibraryError(
                f"the gmseal library {self.path} has no function {name}", 0, "python.abi-mismatch"
            )
        return f


_lock = threading.Lock()
_library: Optional[_Library] = None


def load_library(path: Optional[PathLike] = None) -> Path:
    """Load the gmseal library now (``path``, else the first of
    :func:`candidate_paths` that exists) and check its ABI version; returns the
    path loaded. Without a call, the library is loaded on first use. Raises
    :class:`~gmseal.errors.LibraryError` when it cannot be found or loaded or
    its ABI version differs from :data:`ABI_VERSION`."""
    global _library
    with _lock:
        if path is not None:
            _library = _Library(Path(path))
            return _library.path
        if _library is not None:
            return _library.path
        tried = candidate_paths()
        for candidate in tried:
            if candidate.is_file():
                _library = _Library(candidate)
                return _library.path
        places = ", ".join(str(p) for p in tried) or "(nowhere)"
        raise LibraryError(
            "cannot find the gmseal library "
            f"({' or '.join(_library_names())}): set GMSEAL_LIBRARY to its path, "
            "copy it next to the gmseal package, or build it with "
            f"`cargo build -p gmseal-ffi`; looked at: {places}",
            0,
            "python.library-not-found",
        )


def lib() -> _Library:
    """The loaded library (loading it on first use)."""
    if _library is None:
        load_library()
    assert _library is not None
    return _library


# --- calling --------------------------------------------------------------

# A Python exception raised inside a signing callback on this thread, kept to
# become the ``__cause__`` of the error the library then returns.
_pending = threading.local()


def set_callback_exception(exc: BaseException) -> None:
    """Remember an exception a signing callback raised (called by the callback
    trampoline, on the thread of the gmseal call)."""
    _pending.exc = exc


def _take_callback_exception() -> Optional[BaseException]:
    exc = getattr(_pending, "exc", None)
    _pending.exc = None
    return exc


def _last_error(library: _Library) -> Tuple[Optional[str], Optional[str]]:
    name = library.function("gmseal_last_error_code_name")()
    message = library.function("gmseal_last_error_message")()
    return (
        name.decode("utf-8", "replace") if name is not None else None,
        message.decode("utf-8", "replace") if message is not None else None,
    )


def call(name: str, *args: Any) -> None:
    """Call a fallible function; raise the error of its band when it fails."""
    library = lib()
    f = library.function(name)
    _pending.exc = None
    rc = int(f(*args))
    if rc == 0:
        _pending.exc = None
        return
    code_name, message = _last_error(library)
    cause = _take_callback_exception()
    if cause is not None and not isinstance(cause, Exception):
        raise cause  # KeyboardInterrupt, SystemExit from a callback
    error = error_from_code(rc, code_name, message)
    if cause is not None:
        raise error from cause
    raise error


def call_bytes(name: str, *args: Any) -> bytes:
    """Call a fallible function whose last argument is a ``gmseal_bytes *``
    output; return a copy of the bytes (the library's buffer is freed)."""
    out = _Bytes()
    try:
        call(name, *args, ctypes.byref(out))
        if not out.data or out.len == 0:
            return b""
        return ctypes.string_at(out.data, out.len)
    finally:
        lib().function("gmseal_bytes_free")(ctypes.byref(out))


def call_json(name: str, *args: Any) -> Any:
    """As :func:`call_bytes`, for an output that is JSON: return it parsed."""
    return json.loads(call_bytes(name, *args).decode("utf-8"))


def version() -> str:
    """The library's version, ``MAJOR.MINOR.PATCH``."""
    raw = lib().function("gmseal_version")()
    return raw.decode("ascii") if raw else ""


def abi_version() -> int:
    """The loaded library's ABI version."""
    return int(lib().function("gmseal_abi_version")())


# --- argument conversion ---------------------------------------------------


def invalid(message: str) -> InvalidArgumentError:
    """An argument the binding rejects before calling the library."""
    return InvalidArgumentError(message, 1004, "ffi.invalid-argument")


def to_bytes(value: Any, what: str) -> bytes:
    """``bytes``-like input (``bytes``, ``bytearray``, ``memoryview``) as bytes."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise invalid(f"{what} must be bytes, not {type(value).__name__}")


def bytes_arg(value: Any, what: str) -> Tuple[bytes, int]:
    """A required ``(pointer, length)`` pair."""
    b = to_bytes(value, what)
    return b, len(b)


def opt_bytes_arg(value: Any, what: str) -> Tuple[Optional[bytes], int]:
    """An optional ``(pointer, length)`` pair: ``None`` is ``NULL, 0``."""
    if value is None:
        return None, 0
    b = to_bytes(value, what)
    return b, len(b)


def text_bytes(value: Any, what: str) -> bytes:
    """Text or bytes as bytes (text encoded as UTF-8), for passwords."""
    if isinstance(value, str):
        return value.encode("utf-8")
    return to_bytes(value, what)


def cstr(value: Any, what: str) -> bytes:
    """A required NUL-terminated UTF-8 string."""
    if isinstance(value, str):
        raw = value.encode("utf-8", "surrogatepass")
    elif isinstance(value, (bytes, bytearray)):
        raw = bytes(value)
    else:
        raise invalid(f"{what} must be a string, not {type(value).__name__}")
    if b"\0" in raw:
        raise invalid(f"{what} must not contain a NUL character")
    return raw


def opt_cstr(value: Any, what: str) -> Optional[bytes]:
    """An optional string: ``None`` is ``NULL``."""
    return None if value is None else cstr(value, what)


def unix_time(value: TimeLike, what: str) -> int:
    """A time argument as Unix seconds; ``None`` is ``GMSEAL_TIME_NOW``."""
    if value is None:
        return TIME_NOW
    if isinstance(value, bool):
        raise invalid(f"{what} must be a datetime or Unix seconds, not a bool")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        seconds = value.timestamp()
    elif isinstance(value, date):
        seconds = datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp()
    elif isinstance(value, (int, float)):
        seconds = value
    else:
        raise invalid(f"{what} must be a datetime or Unix seconds, not {type(value).__name__}")
    seconds = int(seconds)
    if seconds < 0:
        raise invalid(f"{what} is before 1970: a time must be Unix seconds >= 0")
    if seconds > TIME_MAX:
        raise invalid(f"{what} is after 9999-12-31T23:59:59Z (GMSEAL_TIME_MAX)")
    return seconds


def read_file(path: Any, what: str) -> bytes:
    """The bytes of a file; an unreadable file is an :class:`IoError`."""
    if not isinstance(path, (str, os.PathLike)):
        raise invalid(f"{what} must be a path (str or os.PathLike), not {type(path).__name__}")
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise IoError(f"cannot read {what} {os.fspath(path)!r}: {e}", 1800, "input.io") from e
    except ValueError as e:  # a NUL in the path
        raise invalid(f"{what} {os.fspath(path)!r} is not a valid path: {e}") from e


def name(value: Any, what: str) -> str:
    """A name or other text option (an enum member counts as its value)."""
    value = getattr(value, "value", value)
    if not isinstance(value, str):
        raise invalid(f"{what} must be a string, not {type(value).__name__}")
    return value


def json_arg(value: Dict[str, Any]) -> bytes:
    """Options as compact JSON text."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as e:
        raise invalid(f"an option cannot be written as JSON: {e}") from e
    return cstr(text, "options")

