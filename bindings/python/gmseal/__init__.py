"""gmseal: Chinese electronic seals (电子印章) and electronic licenses (电子证照)
with SM2/SM3, from Python.

A pure-``ctypes`` binding of the gmseal C ABI (``libgmseal_ffi``): no compile
step. The library is found through ``$GMSEAL_LIBRARY``, next to this package,
or in the cargo ``target/`` directory (see :func:`load_library`).

Quick start::

    import gmseal
    from gmseal import Certificate, PrivateKey, Profile, Seal, TemplatePosition

    with PrivateKey.generate() as root_key, PrivateKey.generate() as maker_key, \\
            PrivateKey.generate() as signer_key:
        root = Certificate.issue(Profile.ROOT, "CN=Root,C=CN", root_key, days=3650)
        maker = Certificate.issue(Profile.SEAL_MAKER, "CN=Maker,C=CN", maker_key,
                                  issuer=root, issuer_key=root_key)
        signer = Certificate.issue(Profile.SIGNER, "CN=Signer,C=CN", signer_key,
                                   issuer=root, issuer_key=root_key)
        seal = Seal.make(maker_certificate=maker, maker_key=maker_key, signers=[signer],
                         org="某某市示例单位", name="电子证照专用章", seal_type=1)
        pdf = gmseal.license.issue(gmseal.license.load_metadata("business-license.json"))
        sealed = gmseal.pdf.sign(pdf, seal=seal, certificate=signer, key=signer_key,
                                 placement=TemplatePosition("business-license"))
        report = gmseal.pdf.verify(sealed, roots=[root])
        assert report.indication == gmseal.Indication.VALID
"""

from __future__ import annotations

from pathlib import Path

from . import cms, license, pdf
from ._lib import ABI_VERSION, TIME_MAX, TIME_NOW, candidate_paths
from ._lib import abi_version as _abi_version
from ._lib import lib as _loaded
from ._lib import load_library as _load_library
from ._lib import version as _library_version
from ._version import __version__
from .certs import Certificate, crl_bundle, pem_bundle, pem_encode
from .cms import Cms
from .enums import (
    CheckStatus,
    DocMdp,
    Flavour,
    Indication,
    Profile,
    Purpose,
    SealStyle,
    SealType,
    Template,
    Revocation,
)
from .errors import (
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
from .keys import PrivateKey
from .license import License
from .pdf import Invisible, Pdf, Rect, TemplatePosition
from .reports import (
    CertificateInfo,
    ChainVerdict,
    Change,
    Check,
    CmsReport,
    LicenseProblem,
    LicenseValidation,
    MetadataReport,
    PdfReport,
    PdfSignatureReport,
    PdfSigner,
    SealReport,
    SealSignatureReport,
    SignatureInfo,
)
from .seal import Seal, SealSignature, seal_image


def load_library(path: "str | Path | None" = None) -> Path:
    """Load the gmseal library now and check its ABI version; returns its path.

    Without ``path`` the first that exists of ``$GMSEAL_LIBRARY`` (a file or a
    directory), ``libgmseal_ffi.so`` next to this package, and the cargo
    target directory (``target/release`` or ``target/debug``, the newer first,
    walking up from the package; also ``$CARGO_TARGET_DIR``). Without a call,
    the library is loaded on first use. Call it before any key is made: keys
    belong to the library that made them.

    Raises:
        LibraryError: not found, not loadable, or an ABI version other than
            :data:`ABI_VERSION`.
    """
    return _load_library(path)


def library_path() -> Path:
    """The path of the loaded library (loading it if needed)."""
    return _loaded().path


def library_version() -> str:
    """The version of the loaded library, ``MAJOR.MINOR.PATCH``."""
    return _library_version()


def abi_version() -> int:
    """The ABI version of the loaded library (equal to :data:`ABI_VERSION`)."""
    return _abi_version()


__all__ = [
    "__version__",
    "ABI_VERSION",
    "TIME_NOW",
    "TIME_MAX",
    "load_library",
    "library_path",
    "library_version",
    "abi_version",
    "candidate_paths",
    # classes
    "PrivateKey",
    "Certificate",
    "Seal",
    "SealSignature",
    "seal_image",
    "License",
    "Pdf",
    "Cms",
    "Rect",
    "Invisible",
    "TemplatePosition",
    "pem_encode",
    "pem_bundle",
    "crl_bundle",
    # modules
    "pdf",
    "cms",
    "license",
    # enums
    "Profile",
    "Purpose",
    "Flavour",
    "DocMdp",
    "Indication",
    "CheckStatus",
    "SealStyle",
    "SealType",
    "Template",
    "Revocation",
    # reports
    "Check",
    "SignatureInfo",
    "SealReport",
    "SealSignatureReport",
    "PdfReport",
    "PdfSignatureReport",
    "PdfSigner",
    "Change",
    "MetadataReport",
    "ChainVerdict",
    "CmsReport",
    "LicenseProblem",
    "LicenseValidation",
    "CertificateInfo",
    # errors
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
