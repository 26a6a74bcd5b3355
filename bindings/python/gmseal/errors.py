"""Exceptions raised by the gmseal binding.

Every failure of the C library becomes a :class:`GmsealError` (or one of its
subclasses, one per band of result codes) carrying the numeric result
(:attr:`GmsealError.code`), the stable string code (:attr:`GmsealError.code_name`,
for example ``"pki.expired"``) and the library's message.

======  ==========================  =========================================
band    class                       what
======  ==========================  =========================================
1000    :class:`InvalidArgumentError`  invalid argument or usage (``ffi.*``, ``input.invalid``)
1100    :class:`DecodeError`           malformed DER / PEM / structure
1200    :class:`CryptoError`           SM2, SM3, SM4, key files, passwords, signers
1300    :class:`PkiError`              X.509 certificates and chains
1400    :class:`CmsError`              CMS SignedData and time stamps
1500    :class:`SealError`             GB/T 38540 seals and seal signatures
1600    :class:`LicenseError`          e-licenses
1700    :class:`PdfError`              PDF
1800    :class:`IoError`               reading input
1900    :class:`InternalError`         a bug in gmseal (a caught panic)
======  ==========================  =========================================

Arguments the binding itself rejects before calling the library (a wrong
type, a closed key, a NUL inside a string) raise :class:`InvalidArgumentError`
with the code ``ffi.invalid-argument`` (1004).
"""

from __future__ import annotations

from typing import Dict, Optional, Type

__all__ = [
    "GmsealError",
    "LibraryError",
    "InvalidArgumentError",
    "DecodeError",
    "CryptoError",
    "PkiError",
    "CmsError",
    "SealError",
    "LicenseError",
    "PdfError",
    "IoError",
    "InternalError",
    "error_class_for",
    "error_from_code",
]


class GmsealError(Exception):
    """A gmseal failure.

    Attributes:
        code: the numeric result code of the C ABI (``GMSEAL_PKI_EXPIRED`` is
            1304); 0 for errors of the binding that have no number.
        code_name: the stable string code, for example ``"pki.expired"`` or
            ``"ffi.null-argument"``.
        message: the library's message (lower-case English).
    """

    code: int
    code_name: str
    message: str

    def __init__(self, message: str, code: int = 0, code_name: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.code_name = code_name

    def __str__(self) -> str:
        if self.code_name:
            return f"{self.message} [{self.code_name}]"
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, code={self.code}, "
            f"code_name={self.code_name!r})"
        )

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Keep the code and its name when pickled (multiprocessing).
        return (type(self), (self.message, self.code, self.code_name))


class LibraryError(GmsealError):
    """The shared library could not be found or loaded, or its ABI version is
    not the one this package was written for (``code_name`` is
    ``"python.library-not-found"``, ``"python.library-load"`` or
    ``"python.abi-mismatch"``; ``code`` is 0)."""


class InvalidArgumentError(GmsealError, ValueError):
    """Band 1000: an invalid argument or usage (a NULL or missing value, text
    that is not UTF-8, bad JSON, an unknown name, a value out of range, input
    the library rejects)."""


class DecodeError(GmsealError):
    """Band 1100: malformed input (DER, PEM or another structure that does not
    decode)."""


class CryptoError(GmsealError):
    """Band 1200: SM2/SM3/SM4 and key files (a wrong password, an invalid key,
    a bad signature, a failing signer callback)."""


class PkiError(GmsealError):
    """Band 1300: X.509 certificates (invalid names, expired or untrusted
    certificates, key usage)."""


class CmsError(GmsealError):
    """Band 1400: CMS SignedData and RFC 3161 time-stamp tokens."""


class SealError(GmsealError):
    """Band 1500: GB/T 38540 seals and seal signatures (a signer the seal does
    not list, a seal not valid at the signing time)."""


class LicenseError(GmsealError):
    """Band 1600: e-licenses (identifiers, dates, metadata)."""


class PdfError(GmsealError):
    """Band 1700: PDF documents."""


class IoError(GmsealError):
    """Band 1800: reading input failed (also raised by the binding when a file
    it was asked to read cannot be read; the :class:`OSError` is the
    ``__cause__``)."""


class InternalError(GmsealError):
    """Band 1900: an internal error of gmseal (a caught panic); please report it."""


_BANDS: Dict[int, Type[GmsealError]] = {
    10: InvalidArgumentError,
    11: DecodeError,
    12: CryptoError,
    13: PkiError,
    14: CmsError,
    15: SealError,
    16: LicenseError,
    17: PdfError,
    18: IoError,
    19: InternalError,
}


def error_class_for(code: int) -> Type[GmsealError]:
    """The exception class of a numeric result code: by its band of 100
    (``1304`` → :class:`PkiError`); :class:`GmsealError` for a number outside
    every band."""
    return _BANDS.get(code // 100, GmsealError) if code > 0 else GmsealError


def error_from_code(code: int, code_name: Optional[str], message: Optional[str]) -> GmsealError:
    """Build the exception for a failed call: the class of ``code``'s band,
    with the string code and the message (defaults are filled in when the
    library gave none)."""
    cls = error_class_for(code)
    return cls(message or f"gmseal error {code}", code, code_name or "")
