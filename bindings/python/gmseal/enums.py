"""The names the C ABI takes and reports, as enums.

The string enums derive from ``str``, so ``Profile.ROOT == "root"`` and a plain
string is accepted wherever an enum is.
"""

from __future__ import annotations

import enum

__all__ = [
    "Profile",
    "Purpose",
    "Flavour",
    "DocMdp",
    "Indication",
    "CheckStatus",
    "SealStyle",
    "Template",
    "SealType",
    "Revocation",
]


class _StrEnum(str, enum.Enum):
    """A ``str`` enum whose ``str()`` is its value."""

    def __str__(self) -> str:
        return str(self.value)


class Profile(_StrEnum):
    """The profile of a certificate to issue (:meth:`gmseal.Certificate.issue`)."""

    #: A self-signed root CA.
    ROOT = "root"
    #: An issuing CA (path length 0).
    CA = "ca"
    #: A seal maker (制章者): signs seals.
    SEAL_MAKER = "seal-maker"
    #: A signer (签章者): signs documents with a seal.
    SIGNER = "signer"
    #: A time-stamping authority.
    TSA = "tsa"


class Purpose(_StrEnum):
    """What a certificate chain is validated for (:meth:`gmseal.Certificate.verify`)."""

    #: No particular usage.
    ANY = "any"
    #: Document signing (the signer profile).
    DOCUMENT_SIGNING = "document-signing"
    #: Making seals (the seal-maker profile).
    SEAL_MAKING = "seal-making"
    #: Time stamping.
    TIME_STAMPING = "time-stamping"
    #: Issuing certificates (a CA with ``keyCertSign``; ``"ca"`` is accepted too).
    CA = "certificate-authority"

    @classmethod
    def _missing_(cls, value: object) -> "Purpose | None":
        aliases = {"ca": "certificate-authority", "timestamping": "time-stamping"}
        if isinstance(value, str) and value in aliases:
            return cls(aliases[value])
        return None


class Flavour(_StrEnum):
    """What a PDF signature's ``/Contents`` holds (:func:`gmseal.pdf.sign`)."""

    #: CMS SignedData, ``/SubFilter /adbe.pkcs7.detached`` (the default).
    CMS = "cms"
    #: CMS SignedData, ``/SubFilter /ETSI.CAdES.detached`` (PAdES B-B).
    CADES = "cades"
    #: A GB/T 38540 ``SES_Signature``.
    SES = "ses"


class DocMdp(enum.IntEnum):
    """The permissions of a certification signature (ISO 32000-1 §12.8.2.2)."""

    #: ``/P 1``: no changes.
    NO_CHANGES = 1
    #: ``/P 2``: form filling and further signatures.
    FORM_FILLING = 2
    #: ``/P 3``: as 2, plus annotations.
    ANNOTATIONS = 3


class Indication(_StrEnum):
    """The outcome of a verification (seal, seal signature, PDF).

    Seals and seal signatures are ``valid``, ``invalid`` or ``indeterminate``;
    PDFs may also be ``valid-with-permitted-changes`` or ``modified``.
    ``indeterminate`` must never be read as valid.
    """

    #: Every check passed (for a PDF: the signature covers the whole file).
    VALID = "valid"
    #: PDF: the signed revision is intact and every later change is permitted.
    VALID_WITH_PERMITTED_CHANGES = "valid-with-permitted-changes"
    #: Something could not be established (an untrusted chain, no original).
    INDETERMINATE = "indeterminate"
    #: PDF: the signed revision is intact, but a later change is not permitted.
    MODIFIED = "modified"
    #: A cryptographic or structural check failed.
    INVALID = "invalid"

    @property
    def is_valid(self) -> bool:
        """``valid`` or ``valid-with-permitted-changes``."""
        return self in (Indication.VALID, Indication.VALID_WITH_PERMITTED_CHANGES)


class CheckStatus(_StrEnum):
    """The outcome of one check of a report."""

    PASSED = "passed"
    FAILED = "failed"
    INDETERMINATE = "indeterminate"
    #: A tolerated irregularity; it does not change the indication.
    WARNING = "warning"


class SealStyle(_StrEnum):
    """The shape of a seal's picture."""

    ROUND = "round"
    OVAL = "oval"


class Template(_StrEnum):
    """The builtin e-license templates."""

    BUSINESS_LICENSE = "business-license"
    QUALIFICATION = "qualification"


class SealType(enum.IntEnum):
    """Common seal types (``property.type`` of GB/T 38540); any ``int`` is accepted."""

    #: 法定名称章: the organization's official seal.
    OFFICIAL = 1
    #: 财务专用章: finance.
    FINANCE = 2
    #: 发票专用章: invoices.
    INVOICE = 3
    #: 合同专用章: contracts.
    CONTRACT = 4


class Revocation(_StrEnum):
    """The revocation policy of a verification (the ``revocation=`` argument
    of every ``verify``)."""

    #: Consult the CRLs given; a certificate without a CRL is not an error (the default).
    IF_AVAILABLE = "if-available"
    #: Every certificate below a root needs a current CRL.
    REQUIRE = "require"
