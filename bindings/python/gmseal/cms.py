"""Detached CMS ``SignedData`` with SM3 and SM2."""

from __future__ import annotations

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
from .enums import Revocation
from .keys import PrivateKey
from .reports import CmsReport

__all__ = ["Cms", "sign", "verify", "verify_file"]

class Cms:
    """The CMS functions (static methods; also module-level functions of
    :mod:`gmseal.cms`)."""

    @staticmethod
    def sign(
        content: bytes,
        *,
        certificate: CertificateLike,
        key: PrivateKey,
        chain: Optional[CertificatesLike] = None,
        time: TimeLike = None,
        signing_time: bool = True,
        oid_family: str = "rfc5652",
    ) -> bytes:
        """Sign ``content`` as a detached CMS ``SignedData`` (SM3, SM2 with the
        signing-certificate-v2 attribute, the signer's certificate embedded);
        returns the DER.

        Args:
            content: the data signed (not embedded).
            certificate: the signer's certificate.
            key: its key (also a :meth:`PrivateKey.from_signer` key).
            chain: CA certificates to embed as well (issuing CA first).
            time: the ``signingTime`` attribute (``None``: now).
            signing_time: ``False`` omits the ``signingTime`` attribute
                (``time`` must then be ``None``).
            oid_family: ``"rfc5652"`` (the default) or ``"gmt0010"`` (the
                GM/T 0010-2012 content-type OIDs).

        Raises:
            CryptoError: ``crypto.key-mismatch`` (``key`` is not the certificate's).
            InvalidArgumentError: bad options (``ffi.unknown-name`` for an
                unknown ``oid_family``, ``ffi.invalid-argument`` for a time out
                of range or a time without ``signing_time``).
        """
        if not isinstance(key, PrivateKey):
            raise _lib.invalid("key must be a PrivateKey")
        if not isinstance(signing_time, bool):
            raise _lib.invalid("signing_time must be a bool")
        data = _lib.to_bytes(content, "content")
        cert = _raw_certificate(certificate, "certificate")
        chain_pem = pem_bundle(chain, "chain")
        options: Dict[str, Any] = {"oid_family": _lib.name(oid_family, "oid_family")}
        if signing_time:
            options["time_unix"] = _lib.unix_time(time, "time")
        else:
            options["signing_time"] = False
            if time is not None:
                # The library refuses it too; say why here.
                raise _lib.invalid("time needs signing_time=True (the signingTime attribute)")
        return _lib.call_bytes(
            "gmseal_cms_sign",
            data,
            len(data),
            cert,
            len(cert),
            key.handle,
            chain_pem,
            len(chain_pem) if chain_pem else 0,
            _lib.json_arg(options),
        )

    @staticmethod
    def verify(
        cms: Union[bytes, str],
        content: bytes,
        roots: Optional[CertificatesLike] = None,
        intermediates: Optional[CertificatesLike] = None,
        *,
        crls: Optional[CrlsLike] = None,
        revocation: Union[Revocation, str, None] = None,
        accept_empty_id: bool = False,
        accept_no_za: bool = False,
    ) -> CmsReport:
        """Verify a detached CMS ``SignedData`` (DER, or PEM labelled ``CMS`` or
        ``PKCS7``) over ``content``, then the signer's chain to ``roots``
        through the embedded certificates and ``intermediates`` at the signing
        time (now when it has none) for document signing.

        Args:
            crls, revocation: as for :meth:`Certificate.verify`.
            accept_empty_id: also accept SM2 signatures with the empty user ID
                (OpenSSL-made CMS); applies to the CMS signature and the chain.
            accept_no_za: also accept SM2 signatures without ZA (GmSSL's).

        A verification that ran returns a :class:`~gmseal.CmsReport` (``valid``
        needs the signature and the chain; without roots ``code`` is
        ``chain.not-checked``; a revoked signer is ``pki.revoked``). Input that
        is not a CMS SignedData raises (:class:`~gmseal.DecodeError`,
        :class:`~gmseal.CmsError`), as do a malformed CRL and bad options."""
        raw = cms.encode("ascii") if isinstance(cms, str) else _lib.to_bytes(cms, "cms")
        data = _lib.to_bytes(content, "content")
        roots_pem = pem_bundle(roots, "roots")
        inter = pem_bundle(intermediates, "intermediates")
        options = verify_options(
            crls=crls, revocation=revocation, accept_empty_id=accept_empty_id, accept_no_za=accept_no_za
        )
        return CmsReport.from_dict(
            _lib.call_json(
                "gmseal_cms_verify",
                raw,
                len(raw),
                data,
                len(data),
                roots_pem,
                len(roots_pem) if roots_pem else 0,
                inter,
                len(inter) if inter else 0,
                options,
            )
        )

    @staticmethod
    def verify_file(
        cms_path: PathLike,
        content_path: PathLike,
        roots: Optional[CertificatesLike] = None,
        intermediates: Optional[CertificatesLike] = None,
        **options: Any,
    ) -> CmsReport:
        """:meth:`verify` a CMS file over a content file (same keyword
        arguments as :meth:`verify`)."""
        return Cms.verify(
            _lib.read_file(cms_path, "CMS file"),
            _lib.read_file(content_path, "content file"),
            roots,
            intermediates,
            **options,
        )


sign = Cms.sign
verify = Cms.verify
verify_file = Cms.verify_file
