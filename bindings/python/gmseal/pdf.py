"""Sealing PDFs (an incremental update with a visible or invisible seal and a
CMS or GB/T 38540 signature) and verifying every signature of a PDF."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
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
from .enums import DocMdp, Flavour, Revocation, Template
from .keys import PrivateKey
from .reports import PdfReport
from .seal import Seal

__all__ = [
    "Pdf",
    "Rect",
    "Invisible",
    "TemplatePosition",
    "Placement",
    "sign",
    "sign_file",
    "verify",
    "verify_file",
]


@dataclass(frozen=True)
class Rect:
    """A visible seal: a rectangle in millimetres from the page's top-left corner."""

    #: Left edge, mm from the left of the page.
    x_mm: float
    #: Top edge, mm from the top of the page.
    y_mm: float
    #: Width, mm.
    width_mm: float
    #: Height, mm.
    height_mm: float
    #: The page, from 1.
    page: int = 1

    def _options(self) -> Dict[str, Any]:
        return {
            "page": _page(self.page),
            "rect_mm": [float(self.x_mm), float(self.y_mm), float(self.width_mm), float(self.height_mm)],
        }


@dataclass(frozen=True)
class Invisible:
    """An invisible signature (a zero-size widget) on ``page``."""

    #: The page, from 1.
    page: int = 1

    def _options(self) -> Dict[str, Any]:
        return {"page": _page(self.page), "invisible": True}


@dataclass(frozen=True)
class TemplatePosition:
    """The seal position of an e-license template (on page 1)."""

    template: Union[Template, str] = Template.BUSINESS_LICENSE

    def _options(self) -> Dict[str, Any]:
        return {"template": _lib.name(self.template, "template")}


#: Where the seal goes.
Placement = Union[Rect, Invisible, TemplatePosition]


def _page(page: int) -> int:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise _lib.invalid("page numbers are ints starting at 1")
    return page


def _write(path: PathLike, data: bytes, what: str) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        from .errors import IoError

        raise IoError(f"cannot write {what} {os.fspath(path)!r}: {e}", 1800, "input.io") from e


class Pdf:
    """The PDF functions (static methods; also module-level functions of
    :mod:`gmseal.pdf`)."""

    @staticmethod
    def sign(
        pdf: bytes,
        *,
        seal: Union[Seal, bytes],
        certificate: CertificateLike,
        key: PrivateKey,
        placement: Placement,
        chain: Optional[CertificatesLike] = None,
        flavour: Union[Flavour, str] = Flavour.CMS,
        certify: Optional[Union[DocMdp, int]] = None,
        reason: Optional[str] = None,
        location: Optional[str] = None,
        field_name: Optional[str] = None,
        time: TimeLike = None,
    ) -> bytes:
        """Seal a PDF: one incremental update (the input's bytes are kept) with
        a signature field showing the seal's picture and a signature over the
        whole file; returns the sealed PDF.

        Args:
            pdf: the document.
            seal: the seal; ``certificate`` must be among its signers.
            certificate: the signer's certificate.
            key: the signer's key (also a :meth:`PrivateKey.from_signer` key).
            placement: :class:`Rect`, :class:`Invisible` or :class:`TemplatePosition`.
            chain: CA certificates to embed in the CMS (issuing CA first).
            flavour: :class:`~gmseal.Flavour` (CMS ``adbe.pkcs7.detached``,
                CAdES, or a GB/T 38540 ``SES_Signature``).
            certify: ``None`` for an approval signature, or a
                :class:`~gmseal.DocMdp` level for a certification signature
                (it must be the document's first).
            reason, location: ``/Reason``, ``/Location``.
            field_name: the signature field's name (default ``Seal1``, ...): a
                PDF partial name, not empty and without ``.``.
            time: the signing time (``None``: now).

        Raises:
            InvalidArgumentError: bad options.
            DecodeError: a PDF that does not parse strictly.
            CryptoError: ``crypto.key-mismatch`` (``key`` is not the certificate's).
            SealError: a signer the seal does not list, a seal not valid at ``time``.
        """
        if not isinstance(key, PrivateKey):
            raise _lib.invalid("key must be a PrivateKey")
        if not isinstance(placement, (Rect, Invisible, TemplatePosition)):
            raise _lib.invalid("placement must be a Rect, Invisible or TemplatePosition")
        options: Dict[str, Any] = placement._options()
        options["flavour"] = _lib.name(flavour, "flavour")
        if certify is not None:
            if isinstance(certify, bool) or not isinstance(certify, int):
                raise _lib.invalid("certify must be a DocMdp level or None")
            if not 1 <= int(certify) <= 3:
                raise _lib.invalid("certify must be DocMdp 1, 2 or 3 (or None)")
            options["certify"] = int(certify)
        for name, value in (("reason", reason), ("location", location), ("field_name", field_name)):
            if value is not None:
                if not isinstance(value, str):
                    raise _lib.invalid(f"{name} must be a string")
                options[name] = value
        options["time_unix"] = _lib.unix_time(time, "time")
        document = _lib.to_bytes(pdf, "pdf")
        seal_der = seal.der if isinstance(seal, Seal) else _lib.to_bytes(seal, "seal")
        cert = _raw_certificate(certificate, "certificate")
        chain_pem = pem_bundle(chain, "chain")
        return _lib.call_bytes(
            "gmseal_pdf_sign",
            document,
            len(document),
            seal_der,
            len(seal_der),
            cert,
            len(cert),
            key.handle,
            chain_pem,
            len(chain_pem) if chain_pem else 0,
            _lib.json_arg(options),
        )

    @staticmethod
    def sign_file(path: PathLike, output: PathLike, **kwargs: Any) -> None:
        """Seal the PDF file ``path`` into ``output`` (same keyword arguments
        as :meth:`sign`)."""
        sealed = Pdf.sign(_lib.read_file(path, "PDF file"), **kwargs)
        _write(output, sealed, "PDF file")

    @staticmethod
    def verify(
        pdf: bytes,
        roots: Optional[CertificatesLike] = None,
        intermediates: Optional[CertificatesLike] = None,
        *,
        crls: Optional[CrlsLike] = None,
        revocation: Union[Revocation, str, None] = None,
        accept_empty_id: bool = False,
        accept_no_za: bool = False,
    ) -> PdfReport:
        """Verify every signature of a PDF and judge every change made after
        each: the ByteRange, the CMS or SES cryptography, the seal, the chains
        to ``roots`` through ``intermediates`` (without roots the result is at
        best ``indeterminate``), and the embedded e-license metadata.

        ``crls``, ``revocation``, ``accept_empty_id`` and ``accept_no_za`` are
        those of :meth:`Certificate.verify`.

        Always returns a report (even for bytes that are not a PDF:
        ``invalid``); read ``indication`` and ``reason``. Only unusable
        arguments (a malformed root certificate or CRL, bad options) raise."""
        document = _lib.to_bytes(pdf, "pdf")
        roots_pem = pem_bundle(roots, "roots")
        inter = pem_bundle(intermediates, "intermediates")
        options = verify_options(
            crls=crls, revocation=revocation, accept_empty_id=accept_empty_id, accept_no_za=accept_no_za
        )
        return PdfReport.from_dict(
            _lib.call_json(
                "gmseal_pdf_verify",
                document,
                len(document),
                roots_pem,
                len(roots_pem) if roots_pem else 0,
                inter,
                len(inter) if inter else 0,
                options,
            )
        )

    @staticmethod
    def verify_file(
        path: PathLike,
        roots: Optional[CertificatesLike] = None,
        intermediates: Optional[CertificatesLike] = None,
        **options: Any,
    ) -> PdfReport:
        """:meth:`verify` the PDF file at ``path`` (same keyword arguments as
        :meth:`verify`)."""
        return Pdf.verify(_lib.read_file(path, "PDF file"), roots, intermediates, **options)


sign = Pdf.sign
sign_file = Pdf.sign_file
verify = Pdf.verify
verify_file = Pdf.verify_file
