"""GB/T 38540 electronic seals (``SESeal``, the ``.esl`` file), seal
signatures (``SES_Signature``) and seal pictures."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, Optional, Union

from . import _lib
from ._lib import PathLike, TimeLike
from .certs import (
    CertificateLike,
    CertificatesLike,
    CrlsLike,
    _raw_certificate,
    pem_bundle,
    verify_options,
)
from .enums import Revocation, SealStyle
from .keys import PrivateKey
from .reports import SealReport, SealSignatureReport, parse_time

__all__ = ["Seal", "SealSignature", "seal_image"]


def _picture_params(
    org: str,
    name: str,
    code: Optional[str],
    style: Union[SealStyle, str],
    width_mm: Optional[int],
    height_mm: Optional[int],
    dpi: Optional[float],
) -> Dict[str, Any]:
    params: Dict[str, Any] = {
        "org": _lib.name(org, "org"),
        "name": _lib.name(name, "name"),
        "style": _lib.name(style, "style"),
    }
    if code is not None:
        params["code"] = _lib.name(code, "code")
    for key, value in (("width_mm", width_mm), ("height_mm", height_mm)):
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
                raise _lib.invalid(f"{key} must be a positive int (mm)")
            params[key] = value
    if dpi is not None:
        if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or dpi <= 0:
            raise _lib.invalid("dpi must be a positive number")
        params["dpi"] = float(dpi)
    return params


def seal_image(
    org: str,
    name: str,
    *,
    code: Optional[str] = None,
    style: Union[SealStyle, str] = SealStyle.ROUND,
    width_mm: Optional[int] = None,
    height_mm: Optional[int] = None,
    dpi: Optional[float] = None,
) -> bytes:
    """Draw a seal picture; returns PNG bytes.

    Args:
        org: the organization, drawn along the upper arc.
        name: the seal's name (印章名称), for example ``"合同专用章"``.
        code: a code, along the lower arc (round) or in the middle (oval).
        style: :class:`~gmseal.SealStyle` (round or oval).
        width_mm, height_mm: the size (default 42 × 42 round, 40 × 30 oval).
        dpi: the resolution (default 300).
    """
    params = _picture_params(org, name, code, style, width_mm, height_mm, dpi)
    return _lib.call_bytes("gmseal_seal_image_png", _lib.json_arg(params))


class Seal:
    """A GB/T 38540 electronic seal (``SESeal``), held as DER.

    ``Seal(der)`` reads one (v1, v4 or v5; raises
    :class:`~gmseal.DecodeError` when it does not decode); :meth:`make` makes
    one as the seal maker (制章者); :meth:`load_file` reads a ``.esl`` file.
    """

    __slots__ = ("_der", "_info")

    def __init__(self, der: Union[bytes, bytearray]) -> None:
        raw = _lib.to_bytes(der, "seal")
        self._info: Dict[str, Any] = _lib.call_json("gmseal_seal_to_json", raw, len(raw))
        self._der: bytes = raw

    @classmethod
    def load_file(cls, path: PathLike) -> "Seal":
        """Read a seal (``.esl``, DER) from a file."""
        return cls(_lib.read_file(path, "seal file"))

    @classmethod
    def make(
        cls,
        *,
        maker_certificate: CertificateLike,
        maker_key: PrivateKey,
        signers: CertificatesLike,
        org: str,
        name: str,
        seal_type: int,
        code: Optional[str] = None,
        style: Union[SealStyle, str] = SealStyle.ROUND,
        width_mm: Optional[int] = None,
        height_mm: Optional[int] = None,
        dpi: Optional[float] = None,
        es_id: Optional[str] = None,
        days: int = 365,
        vendor: Optional[str] = None,
        digests: bool = False,
        created: TimeLike = None,
    ) -> "Seal":
        """Make a seal (GB/T 38540 v4) as the seal maker, for ``signers``.

        Args:
            maker_certificate: the seal maker's certificate (profile ``seal-maker``).
            maker_key: the seal maker's key.
            signers: the certificates of the signers (签章者) who may use the
                seal (at least one).
            org, name, code, style, width_mm, height_mm, dpi: the picture, see
                :func:`seal_image`; ``name`` is also the seal's name.
            seal_type: the seal type (:class:`~gmseal.SealType`, or any int).
            es_id: the seal's ID (ASCII; default 32 random hex digits).
            days: the validity in days from ``created``.
            vendor: the header's vendor ID (default ``"gmseal"``).
            digests: list the signers by SM3 digest (certListType 2).
            created: the creation time (``None``: now).
        """
        if not isinstance(maker_key, PrivateKey):
            raise _lib.invalid("maker_key must be a PrivateKey")
        params = _picture_params(org, name, code, style, width_mm, height_mm, dpi)
        if isinstance(seal_type, bool) or not isinstance(seal_type, int):
            raise _lib.invalid("seal_type must be an int")
        params["seal_type"] = int(seal_type)
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days < 2**32:
            raise _lib.invalid("days must be an int from 0 to 4294967295")
        params["days"] = days
        if es_id is not None:
            params["es_id"] = _lib.name(es_id, "es_id")
        if vendor is not None:
            params["vendor"] = _lib.name(vendor, "vendor")
        params["digests"] = bool(digests)
        maker = _raw_certificate(maker_certificate, "maker_certificate")
        signer_pem = pem_bundle(signers, "signers")
        if signer_pem is None:
            raise _lib.invalid("signers must hold at least one certificate")
        der = _lib.call_bytes(
            "gmseal_seal_make",
            _lib.json_arg(params),
            maker,
            len(maker),
            maker_key.handle,
            signer_pem,
            len(signer_pem),
            _lib.unix_time(created, "created"),
        )
        return cls(der)

    @property
    def der(self) -> bytes:
        """The DER encoding (the ``.esl`` file)."""
        return self._der

    @property
    def info(self) -> Dict[str, Any]:
        """The seal's fields as the library's JSON (``gmseal_seal_to_json``):
        ``version``, ``header``, ``es_id``, ``property`` (with ``signers``),
        ``picture``, ``maker_certificate``, ...; a copy."""
        import copy

        return copy.deepcopy(self._info)

    @property
    def es_id(self) -> str:
        """``esID``."""
        return str(self._info.get("es_id", ""))

    @property
    def name(self) -> str:
        """The seal's name (印章名称)."""
        return str(self._info.get("property", {}).get("name", ""))

    @property
    def seal_type(self) -> int:
        """``property.type``."""
        return int(self._info.get("property", {}).get("seal_type", 0))

    @property
    def version(self) -> str:
        """``v1``, ``v4`` or ``v5``."""
        return str(self._info.get("version", ""))

    @property
    def valid_start(self) -> Optional[datetime]:
        """The start of the seal's validity."""
        return parse_time(self._info.get("property", {}).get("valid_start"))

    @property
    def valid_end(self) -> Optional[datetime]:
        """The end of the seal's validity."""
        return parse_time(self._info.get("property", {}).get("valid_end"))

    def verify(
        self,
        roots: Optional[CertificatesLike] = None,
        intermediates: Optional[CertificatesLike] = None,
        *,
        at: TimeLike = None,
        crls: Optional[CrlsLike] = None,
        revocation: Union[Revocation, str, None] = None,
        accept_empty_id: bool = False,
        accept_no_za: bool = False,
    ) -> SealReport:
        """Verify the seal (GB/T 38540 §6.3) at ``at`` (``None``: now): format,
        the maker's signature, the maker's chain to ``roots`` through
        ``intermediates`` at the creation time, the validity period. Without
        roots the result is at best ``indeterminate``.

        ``crls``, ``revocation``, ``accept_empty_id`` and ``accept_no_za`` are
        those of :meth:`Certificate.verify` (a revoked maker is a verdict:
        ``reason`` ``pki.revoked``); a malformed CRL or bad options raise."""
        roots_pem = pem_bundle(roots, "roots")
        inter = pem_bundle(intermediates, "intermediates")
        options = verify_options(
            crls=crls,
            revocation=revocation,
            accept_empty_id=accept_empty_id,
            accept_no_za=accept_no_za,
            at=at,
        )
        return SealReport.from_dict(
            _lib.call_json(
                "gmseal_seal_verify",
                self._der,
                len(self._der),
                roots_pem,
                len(roots_pem) if roots_pem else 0,
                inter,
                len(inter) if inter else 0,
                options,
            )
        )

    def sign(
        self,
        data: bytes,
        *,
        certificate: CertificateLike,
        key: PrivateKey,
        property_info: str,
        time: TimeLike = None,
    ) -> "SealSignature":
        """Seal ``data`` as a signer the seal lists (see :meth:`SealSignature.sign`)."""
        return SealSignature.sign(
            self, data, certificate=certificate, key=key, property_info=property_info, time=time
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Seal) and other._der == self._der

    def __hash__(self) -> int:
        return hash(self._der)

    def __bytes__(self) -> bytes:
        return self._der

    def __repr__(self) -> str:
        return f"<gmseal.Seal {self.version} es_id={self.es_id!r} name={self.name!r}>"


class SealSignature:
    """A GB/T 38540 seal signature (``SES_Signature``), held as DER.

    ``SealSignature(der)`` wraps bytes without parsing them (the C ABI has no
    parser for signatures apart from :meth:`verify`, which raises
    :class:`~gmseal.DecodeError` for bytes that do not decode)."""

    __slots__ = ("_der",)

    def __init__(self, der: Union[bytes, bytearray]) -> None:
        self._der: bytes = _lib.to_bytes(der, "signature")

    @classmethod
    def load_file(cls, path: PathLike) -> "SealSignature":
        """Read a seal signature (DER) from a file."""
        return cls(_lib.read_file(path, "signature file"))

    @classmethod
    def sign(
        cls,
        seal: Union[Seal, bytes],
        data: bytes,
        *,
        certificate: CertificateLike,
        key: PrivateKey,
        property_info: str,
        time: TimeLike = None,
    ) -> "SealSignature":
        """Seal ``data``: an ``SES_Signature`` with ``dataHash`` = SM3(data).

        Args:
            seal: the seal (v4), listing ``certificate`` among its signers.
            data: the original.
            certificate: the signer's certificate.
            key: the signer's key.
            property_info: what the signature protects (ASCII, e.g. a file name).
            time: ``timeInfo`` (``None``: now).

        Raises:
            SealError: ``seal.signer-not-in-list``,
                ``seal.not-valid-at-signing-time``, ``seal.invalid-params``
                (also for a seal whose maker signature does not verify).
        """
        if not isinstance(key, PrivateKey):
            raise _lib.invalid("key must be a PrivateKey")
        seal_der = seal.der if isinstance(seal, Seal) else _lib.to_bytes(seal, "seal")
        raw = _lib.to_bytes(data, "data")
        cert = _raw_certificate(certificate, "certificate")
        der = _lib.call_bytes(
            "gmseal_ses_sign",
            seal_der,
            len(seal_der),
            raw,
            len(raw),
            cert,
            len(cert),
            key.handle,
            _lib.cstr(property_info, "property_info"),
            _lib.unix_time(time, "time"),
        )
        return cls(der)

    @property
    def der(self) -> bytes:
        """The DER encoding."""
        return self._der

    def verify(
        self,
        data: Optional[bytes] = None,
        roots: Optional[CertificatesLike] = None,
        intermediates: Optional[CertificatesLike] = None,
        *,
        crls: Optional[CrlsLike] = None,
        revocation: Union[Revocation, str, None] = None,
        accept_empty_id: bool = False,
        accept_no_za: bool = False,
    ) -> SealSignatureReport:
        """Verify the signature (GB/T 38540 §7.3): the signer's signature, the
        signer in the seal's list, the embedded seal at the signing time, both
        chains to ``roots`` through ``intermediates``, and ``dataHash`` against
        ``data``. Without the original or without roots the result is at best
        ``indeterminate``.

        ``crls``, ``revocation``, ``accept_empty_id`` and ``accept_no_za`` are
        those of :meth:`Certificate.verify`; a malformed CRL or bad options
        raise."""
        raw = None if data is None else _lib.to_bytes(data, "data")
        roots_pem = pem_bundle(roots, "roots")
        inter = pem_bundle(intermediates, "intermediates")
        options = verify_options(
            crls=crls, revocation=revocation, accept_empty_id=accept_empty_id, accept_no_za=accept_no_za
        )
        return SealSignatureReport.from_dict(
            _lib.call_json(
                "gmseal_ses_verify",
                self._der,
                len(self._der),
                raw,
                len(raw) if raw is not None else 0,
                roots_pem,
                len(roots_pem) if roots_pem else 0,
                inter,
                len(inter) if inter else 0,
                options,
            )
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SealSignature) and other._der == self._der

    def __hash__(self) -> int:
        return hash(self._der)

    def __bytes__(self) -> bytes:
        return self._der

    def __repr__(self) -> str:
        return f"<gmseal.SealSignature {len(self._der)} bytes>"
