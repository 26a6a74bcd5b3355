"""Detached CMS ``SignedData`` with SM3 and SM2."""

from __future__ import annotations

from typing import Optional, Union

from . import _lib
from ._lib import PathLike
from .certs import CertificateLike, CertificatesLike, _raw_certificate, pem_bundle
from .keys import PrivateKey
from .reports import CmsReport

__all__ = ["Cms", "sign", "verify", "verify_file"]


class Cms:
    """The CMS functions (static methods; also module-level functions of
    :mod:`gmseal.cms`)."""

    @staticmethod
    def sign(content: bytes, *, certificate: CertificateLike, key: PrivateKey) -> bytes:
        """Sign ``content`` as a detached CMS ``SignedData`` (RFC 5652 OIDs,
        SM3, SM2 with the signing-time and signing-certificate-v2 attributes,
        the signer's certificate embedded); returns the DER.

        The signing time is now (the C ABI takes no time), and only the
        signer's certificate is embedded (the C ABI takes no chain)."""
        if not isinstance(key, PrivateKey):
            raise _lib.invalid("key must be a PrivateKey")
        data = _lib.to_bytes(content, "content")
        cert = _raw_certificate(certificate, "certificate")
        return _lib.call_bytes("gmseal_cms_sign", data, len(data), cert, len(cert), key.handle)

    @staticmethod
    def verify(
        cms: Union[bytes, str], content: bytes, roots: Optional[CertificatesLike] = None
    ) -> CmsReport:
        """Verify a detached CMS ``SignedData`` (DER, or PEM labelled ``CMS`` or
        ``PKCS7``) over ``content``, then the signer's chain to ``roots`` at the
        signing time for document signing.

        A verification that ran returns a :class:`~gmseal.CmsReport` (``valid``
        needs the signature and the chain; without roots ``code`` is
        ``chain.not-checked``). Input that is not a CMS SignedData raises
        (:class:`~gmseal.DecodeError`, :class:`~gmseal.CmsError`).

        The chain is built from the certificates the CMS embeds: an
        intermediate CA that is not embedded must be given among ``roots``."""
        raw = cms.encode("ascii") if isinstance(cms, str) else _lib.to_bytes(cms, "cms")
        data = _lib.to_bytes(content, "content")
        roots_pem = pem_bundle(roots, "roots")
        return CmsReport.from_dict(
            _lib.call_json(
                "gmseal_cms_verify",
                raw,
                len(raw),
                data,
                len(data),
                roots_pem,
                len(roots_pem) if roots_pem else 0,
            )
        )

    @staticmethod
    def verify_file(
        cms_path: PathLike, content_path: PathLike, roots: Optional[CertificatesLike] = None
    ) -> CmsReport:
        """:meth:`verify` a CMS file over a content file."""
        return Cms.verify(
            _lib.read_file(cms_path, "CMS file"), _lib.read_file(content_path, "content file"), roots
        )


sign = Cms.sign
verify = Cms.verify
verify_file = Cms.verify_file
