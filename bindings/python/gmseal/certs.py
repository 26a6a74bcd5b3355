"""X.509 certificates (SM2 with SM3): issue, read, validate chains."""

from __future__ import annotations

import base64
import os
import re
from datetime import datetime
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _lib
from ._lib import PathLike, TimeLike
from .enums import Profile, Purpose, Revocation
from .keys import PrivateKey
from .reports import CertificateInfo, ChainVerdict

__all__ = [
    "Certificate",
    "CertificateLike",
    "CertificatesLike",
    "CrlsLike",
    "pem_encode",
    "pem_bundle",
    "crl_bundle",
]

#: One certificate: a :class:`Certificate`, DER or PEM ``bytes``, PEM text,
#: or a :class:`pathlib.Path` (any ``os.PathLike``) of a PEM or DER file.
CertificateLike = Union["Certificate", bytes, bytearray, str, "os.PathLike[str]"]
#: Several certificates: an iterable of :data:`CertificateLike`, one of them
#: alone, or a PEM bundle (``bytes`` or ``str``).
CertificatesLike = Union[CertificateLike, Iterable[CertificateLike]]

#: One or more CRLs: PEM ``bytes`` or text (one ``X509 CRL`` block or a
#: bundle), DER ``bytes`` of one CRL, a path of a PEM or DER file, or an
#: iterable of these.
CrlsLike = Union[bytes, bytearray, str, "os.PathLike[str]", Iterable[Union[bytes, bytearray, str, "os.PathLike[str]"]]]

_PEM_CERT = re.compile(
    rb"-----BEGIN CERTIFICATE-----\s*(.*?)\s*-----END CERTIFICATE-----", re.DOTALL
)


def pem_encode(der: bytes, label: str = "CERTIFICATE") -> str:
    """DER bytes as PEM text (RFC 7468: 64-character lines)."""
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def _is_pem(data: bytes) -> bool:
    """PEM text (possibly with explanatory text around it), not DER."""
    looks_der = len(data) > 2 and data[0] == 0x30 and data[1] in (0x81, 0x82, 0x83)
    return not looks_der and b"-----BEGIN" in data


def _raw_certificate(value: CertificateLike, what: str) -> bytes:
    """The bytes (PEM or DER) of one certificate argument."""
    if isinstance(value, Certificate):
        return value.der
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, os.PathLike):
        return _lib.read_file(value, what)
    raise _lib.invalid(
        f"{what} must be a Certificate, PEM or DER bytes, PEM text or a Path, "
        f"not {type(value).__name__}"
    )


def pem_bundle(certificates: Optional[CertificatesLike], what: str = "certificates") -> Optional[bytes]:
    """Several certificates as one PEM bundle, the form the C ABI takes;
    ``None`` (or an empty list) is ``None``."""
    if certificates is None:
        return None
    if isinstance(certificates, (Certificate, str, bytes, bytearray, memoryview, os.PathLike)):
        items: List[CertificateLike] = [certificates]  # type: ignore[list-item]
    else:
        try:
            items = list(certificates)
        except TypeError:
            raise _lib.invalid(
                f"{what} must be certificates (a list, or one), not {type(certificates).__name__}"
            ) from None
    parts: List[bytes] = []
    for item in items:
        raw = _raw_certificate(item, what)
        if _is_pem(raw):
            parts.append(raw if raw.endswith(b"\n") else raw + b"\n")
        else:
            parts.append(pem_encode(raw).encode("ascii"))
    return b"".join(parts) or None


def crl_bundle(crls: Optional[CrlsLike]) -> Optional[str]:
    """CRLs (see :data:`CrlsLike`) as one PEM bundle of ``X509 CRL`` blocks,
    the form the C ABI takes (DER CRLs are PEM-encoded); ``None`` (or an
    empty list) is ``None``. The library decodes the CRLs: a malformed one
    raises when a verification uses it."""
    if crls is None:
        return None
    if isinstance(crls, (str, bytes, bytearray, memoryview, os.PathLike)):
        items: List[Any] = [crls]
    else:
        try:
            items = list(crls)
        except TypeError:
            raise _lib.invalid(
                f"crls must be PEM or DER CRLs (bytes, text, a path, or a list), not {type(crls).__name__}"
            ) from None
    parts: List[str] = []
    for item in items:
        if isinstance(item, str):
            if "-----BEGIN" not in item:
                raise _lib.invalid("a CRL given as text must be PEM (an X509 CRL block)")
            raw = item.encode("utf-8")
        elif isinstance(item, (bytes, bytearray, memoryview)):
            raw = bytes(item)
        elif isinstance(item, os.PathLike):
            raw = _lib.read_file(item, "CRL file")
        else:
            raise _lib.invalid(
                f"a CRL must be PEM or DER bytes, PEM text or a path, not {type(item).__name__}"
            )
        if b"-----BEGIN" in raw:
            try:
                text = raw.decode("ascii")
            except UnicodeDecodeError:
                raise _lib.invalid("PEM CRLs must be ASCII text") from None
            parts.append(text if text.endswith("\n") else text + "\n")
        elif raw:
            parts.append(pem_encode(raw, "X509 CRL"))
    return "".join(parts) or None


_NO_TIME = object()


def verify_options(
    *,
    crls: Optional[CrlsLike] = None,
    revocation: Union[Revocation, str, None] = None,
    accept_empty_id: bool = False,
    accept_no_za: bool = False,
    at: Any = _NO_TIME,
) -> Optional[bytes]:
    """The ``options_json`` of the verify functions (``None``: the
    defaults). ``at`` is given only for the functions that take ``at_unix``."""
    options: Dict[str, Any] = {}
    crls_pem = crl_bundle(crls)
    if crls_pem is not None:
        options["crls_pem"] = crls_pem
    if revocation is not None:
        options["revocation"] = _lib.name(revocation, "revocation")
    for key, value in (("accept_empty_id", accept_empty_id), ("accept_no_za", accept_no_za)):
        if not isinstance(value, bool):
            raise _lib.invalid(f"{key} must be a bool, not {type(value).__name__}")
        if value:
            options[key] = True
    if at is not _NO_TIME and at is not None:
        options["at_unix"] = _lib.unix_time(at, "at")
    return _lib.json_arg(options) if options else None


class Certificate:
    """An X.509 certificate, held as DER.

    ``Certificate(data)`` reads one certificate, PEM (``str`` or ``bytes``) or
    DER; :meth:`issue` makes one; :meth:`load_file` and :meth:`load_all` read
    files and bundles. Certificates compare equal when their DER is equal.
    """

    __slots__ = ("_der", "_info")

    _der: bytes
    _info: CertificateInfo

    def __init__(self, data: Union[bytes, bytearray, str]) -> None:
        if isinstance(data, Certificate):
            self._der, self._info = data._der, data._info
            return
        if isinstance(data, str):
            raw = data.encode("utf-8")
        else:
            raw = _lib.to_bytes(data, "certificate")
        # The library checks that it is exactly one well-formed certificate.
        info = _lib.call_json("gmseal_cert_to_json", raw, len(raw))
        if _is_pem(raw):
            blocks = _PEM_CERT.findall(raw)
            if len(blocks) != 1:
                raise _lib.invalid("the PEM text must hold exactly one certificate")
            der = base64.b64decode(b"".join(blocks[0].split()))
        else:
            der = raw
        self._der = der
        self._info = CertificateInfo.from_dict(info)

    # --- construction -----------------------------------------------------

    @classmethod
    def load_file(cls, path: PathLike) -> "Certificate":
        """Read one certificate from a PEM or DER file."""
        return cls(_lib.read_file(path, "certificate file"))

    @classmethod
    def load_all(cls, data: Union[bytes, str]) -> List["Certificate"]:
        """Every certificate of a PEM bundle (or the one DER certificate)."""
        raw = data.encode("utf-8") if isinstance(data, str) else _lib.to_bytes(data, "data")
        if not _is_pem(raw):
            return [cls(raw)]
        return [
            cls(pem_encode(base64.b64decode(b"".join(block.split()))))
            for block in _PEM_CERT.findall(raw)
        ]

    @classmethod
    def issue(
        cls,
        profile: Union[Profile, str],
        subject: str,
        key: PrivateKey,
        *,
        issuer: Optional[CertificateLike] = None,
        issuer_key: Optional[PrivateKey] = None,
        not_before: TimeLike = None,
        days: int = 365,
    ) -> "Certificate":
        """Issue an SM2-with-SM3 certificate for ``key``'s public key.

        Args:
            profile: :class:`~gmseal.Profile` (``root`` is self-signed by ``key``).
            subject: an RFC 4514 name, for example ``"CN=张三,O=示例单位,C=CN"``.
            key: the subject's key (only its public key is used, except for a root).
            issuer: the issuing CA's certificate (``None`` for a root).
            issuer_key: the issuing CA's key (``None`` for a root).
            not_before: the start of validity (``None``: now).
            days: the validity in days.

        Raises:
            InvalidArgumentError: an unknown profile (``ffi.unknown-name``), a
                missing or superfluous issuer.
            PkiError: ``pki.invalid-name``, ``pki.invalid-params`` (an issuer
                that cannot issue it, a key not matching the issuer).
        """
        if not isinstance(key, PrivateKey):
            raise _lib.invalid("key must be a PrivateKey")
        if issuer_key is not None and not isinstance(issuer_key, PrivateKey):
            raise _lib.invalid("issuer_key must be a PrivateKey")
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days < 2**32:
            raise _lib.invalid("days must be an int from 0 to 4294967295")
        issuer_raw = None if issuer is None else _raw_certificate(issuer, "issuer")
        der = _lib.call_bytes(
            "gmseal_cert_issue",
            _lib.cstr(_lib.name(profile, "profile"), "profile"),
            _lib.cstr(subject, "subject"),
            key.handle,
            issuer_raw,
            len(issuer_raw) if issuer_raw is not None else 0,
            issuer_key.handle if issuer_key is not None else None,
            _lib.unix_time(not_before, "not_before"),
            days,
        )
        return cls(der)

    # --- fields -----------------------------------------------------------

    @property
    def der(self) -> bytes:
        """The DER encoding."""
        return self._der

    @property
    def pem(self) -> str:
        """The PEM encoding."""
        return pem_encode(self._der)

    @property
    def info(self) -> CertificateInfo:
        """Every field, parsed by the library."""
        return self._info

    def to_dict(self) -> Dict[str, Any]:
        """The fields as the library's JSON (``gmseal_cert_to_json``)."""
        return dict(self._info.raw)

    @property
    def subject(self) -> str:
        """The subject, RFC 4514."""
        return self._info.subject

    @property
    def issuer(self) -> str:
        """The issuer, RFC 4514."""
        return self._info.issuer

    @property
    def serial_number(self) -> str:
        """The serial number, hex."""
        return self._info.serial_number

    @property
    def not_before(self) -> datetime:
        """The start of validity (UTC)."""
        return self._info.not_before

    @property
    def not_after(self) -> datetime:
        """The end of validity (UTC)."""
        return self._info.not_after

    @property
    def public_key(self) -> bytes:
        """The SM2 public key, uncompressed point ``04 || x || y``."""
        return self._info.public_key

    @property
    def fingerprint_sm3(self) -> str:
        """SM3 of the DER, hex."""
        return self._info.fingerprint_sm3

    # --- validation -------------------------------------------------------

    def verify(
        self,
        roots: CertificatesLike,
        intermediates: Optional[CertificatesLike] = None,
        *,
        at: TimeLike = None,
        purpose: Union[Purpose, str] = Purpose.ANY,
        crls: Optional[CrlsLike] = None,
        revocation: Union[Revocation, str, None] = None,
        accept_empty_id: bool = False,
        accept_no_za: bool = False,
    ) -> ChainVerdict:
        """Validate this certificate's chain to one of ``roots`` through
        ``intermediates`` at ``at`` (``None``: now) for ``purpose``.

        Args:
            roots: the trust anchors (at least one).
            intermediates: CA certificates to build the chain with.
            at: the validation time (``None``: now).
            purpose: :class:`~gmseal.Purpose`.
            crls: CRLs to consult (:data:`CrlsLike`).
            revocation: :class:`~gmseal.Revocation` (default ``if-available``;
                ``require``: every certificate below the root needs a current CRL).
            accept_empty_id: also accept SM2 signatures made with the empty
                user ID (OpenSSL).
            accept_no_za: also accept SM2 signatures over SM3(M) without ZA (GmSSL).

        A validation that ran returns a :class:`~gmseal.ChainVerdict`, valid or
        not (``code`` is then ``pki.expired``, ``pki.unknown-issuer``,
        ``pki.revoked``, ...); only unusable input (no roots, a malformed
        certificate or CRL, an unknown purpose or revocation policy) raises."""
        roots_pem = pem_bundle(roots, "roots")
        if roots_pem is None:
            raise _lib.invalid("roots must hold at least one certificate")
        inter = pem_bundle(intermediates, "intermediates")
        options = verify_options(
            crls=crls,
            revocation=revocation,
            accept_empty_id=accept_empty_id,
            accept_no_za=accept_no_za,
            at=at,
        )
        return ChainVerdict.from_dict(
            _lib.call_json(
                "gmseal_cert_verify",
                self._der,
                len(self._der),
                _lib.cstr(_lib.name(purpose, "purpose"), "purpose"),
                roots_pem,
                len(roots_pem),
                inter,
                len(inter) if inter else 0,
                options,
            )
        )

    # --- dunder -----------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Certificate) and other._der == self._der

    def __hash__(self) -> int:
        return hash(self._der)

    def __bytes__(self) -> bytes:
        return self._der

    def __repr__(self) -> str:
        return f"<gmseal.Certificate subject={self.subject!r} serial={self.serial_number}>"
