"""The reports and verdicts the library returns as JSON, as frozen dataclasses.

Every report keeps the JSON it was read from in ``raw`` (a ``dict``; not
compared, not hashed), so fields this version does not model are still at
hand. Times are aware :class:`~datetime.datetime` objects in UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

from .enums import CheckStatus, Indication, Purpose

__all__ = [
    "Check",
    "SignatureInfo",
    "SealReport",
    "SealSignatureReport",
    "PdfSigner",
    "Change",
    "PdfSignatureReport",
    "MetadataReport",
    "PdfReport",
    "ChainVerdict",
    "CmsReport",
    "LicenseProblem",
    "LicenseValidation",
    "CertificateInfo",
    "parse_time",
]

Raw = Dict[str, Any]


def _raw() -> Any:
    return field(default_factory=dict, repr=False, compare=False, hash=False)


def parse_time(value: Optional[str]) -> Optional[datetime]:
    """An RFC 3339 time (``2026-06-01T08:00:00Z``) as an aware UTC datetime;
    ``None`` stays ``None``."""
    if value is None:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _checks(items: Optional[Iterable[Mapping[str, Any]]]) -> Tuple["Check", ...]:
    return tuple(Check.from_dict(c) for c in items or ())


def _deciding(checks: Iterable["Check"]) -> Optional["Check"]:
    checks = tuple(checks)
    for status in (CheckStatus.FAILED, CheckStatus.INDETERMINATE):
        for c in checks:
            if c.status == status:
                return c
    return None


def _deciding_with(checks: Iterable["Check"], reason: Optional[str]) -> Optional["Check"]:
    checks = tuple(checks)
    if reason is not None:
        for status in (CheckStatus.FAILED, CheckStatus.INDETERMINATE):
            for c in checks:
                if c.status == status and c.code == reason:
                    return c
    return _deciding(checks)


def _find(checks: Iterable["Check"], check_id: str) -> Optional["Check"]:
    return next((c for c in checks if c.id == check_id), None)


@dataclass(frozen=True)
class Check:
    """One check of a report."""

    #: What was checked, for example ``seal.maker-signature`` (stable).
    id: str
    #: The outcome.
    status: CheckStatus
    #: A stable reason code for anything but a pass (``seal.expired``, ``pki.revoked``).
    code: Optional[str]
    #: A human-readable explanation.
    message: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Check":
        """Read one check of a JSON report."""
        return cls(
            id=str(d["id"]),
            status=CheckStatus(d["status"]),
            code=d.get("code"),
            message=str(d.get("message", "")),
        )


@dataclass(frozen=True)
class SignatureInfo:
    """How an SM2 signature value was encoded and which ZA matched."""

    #: ``der`` or ``raw``.
    format: str
    #: ``user-id``, ``empty-id`` or ``no-za``.
    variant: str

    @classmethod
    def from_dict(cls, d: Optional[Mapping[str, Any]]) -> Optional["SignatureInfo"]:
        """Read it from JSON (``None`` stays ``None``)."""
        if d is None:
            return None
        return cls(format=str(d.get("format", "")), variant=str(d.get("variant", "")))


@dataclass(frozen=True)
class SealReport:
    """The result of verifying a seal (GB/T 38540 §6.3)."""

    indication: Indication
    #: The structure version (``v1``, ``v4``, ``v5``).
    version: str
    es_id: str
    #: The seal's name (印章名称).
    name: str
    seal_type: int
    #: ``header.Vid``.
    vendor: str
    create_date: Optional[datetime]
    valid_start: Optional[datetime]
    valid_end: Optional[datetime]
    #: When the validity was checked.
    checked_at: Optional[datetime]
    picture_type: str
    #: Picture width and height, mm.
    picture_mm: Tuple[int, int]
    #: The maker certificate's subject.
    maker: Optional[str]
    maker_signature: Optional[SignatureInfo]
    checks: Tuple[Check, ...]
    #: The deciding check's code, as the library reports it (``None`` when
    #: valid): ``pki.revoked``, ``seal.expired``, ``chain.untrusted``, ...
    reason: Optional[str] = None
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "SealReport":
        """Read the JSON of ``gmseal_seal_verify``."""
        mm = d.get("picture_mm") or (0, 0)
        return cls(
            indication=Indication(d["indication"]),
            version=str(d.get("version", "")),
            es_id=str(d.get("es_id", "")),
            name=str(d.get("name", "")),
            seal_type=int(d.get("seal_type", 0)),
            vendor=str(d.get("vendor", "")),
            create_date=parse_time(d.get("create_date")),
            valid_start=parse_time(d.get("valid_start")),
            valid_end=parse_time(d.get("valid_end")),
            checked_at=parse_time(d.get("checked_at")),
            picture_type=str(d.get("picture_type", "")),
            picture_mm=(int(mm[0]), int(mm[1])),
            maker=d.get("maker"),
            maker_signature=SignatureInfo.from_dict(d.get("maker_signature")),
            checks=_checks(d.get("checks")),
            reason=d.get("reason"),
            raw=dict(d),
        )

    @property
    def valid(self) -> bool:
        """Whether the indication is ``valid``."""
        return self.indication == Indication.VALID

    @property
    def deciding_check(self) -> Optional[Check]:
        """The check that decided a verdict other than ``valid`` (the first
        failed check, else the first indeterminate one, preferring one whose
        code is :attr:`reason`); ``None`` when valid."""
        return _deciding_with(self.checks, self.reason)

    def check(self, check_id: str) -> Optional[Check]:
        """The first check with ``check_id``, if it ran."""
        return _find(self.checks, check_id)


@dataclass(frozen=True)
class SealSignatureReport:
    """The result of verifying a seal signature (GB/T 38540 §7.3)."""

    #: The overall outcome (including the embedded seal's).
    indication: Indication
    version: str
    #: ``timeInfo``.
    time: Optional[datetime]
    #: ``propertyInfo``.
    property_info: str
    #: ``dataHash``, hex.
    data_hash: str
    #: The signer certificate's subject.
    signer: Optional[str]
    signature: Optional[SignatureInfo]
    has_timestamp: bool
    #: The embedded seal, verified at ``timeInfo``.
    seal: SealReport
    #: The signature's own checks (the seal's are in :attr:`seal`).
    checks: Tuple[Check, ...]
    #: The deciding check's code, or the embedded seal's when the seal
    #: decided, as the library reports it (``None`` when valid).
    reason: Optional[str] = None
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "SealSignatureReport":
        """Read the JSON of ``gmseal_ses_verify``."""
        return cls(
            indication=Indication(d["indication"]),
            version=str(d.get("version", "")),
            time=parse_time(d.get("time")),
            property_info=str(d.get("property_info", "")),
            data_hash=str(d.get("data_hash", "")),
            signer=d.get("signer"),
            signature=SignatureInfo.from_dict(d.get("signature")),
            has_timestamp=bool(d.get("has_timestamp", False)),
            seal=SealReport.from_dict(d["seal"]),
            checks=_checks(d.get("checks")),
            reason=d.get("reason"),
            raw=dict(d),
        )

    @property
    def valid(self) -> bool:
        """Whether the indication is ``valid``."""
        return self.indication == Indication.VALID

    @property
    def deciding_check(self) -> Optional[Check]:
        """The check that decided a verdict other than ``valid``: the
        signature's own, or, when the embedded seal decided
        (``signature.seal``), the seal's :attr:`SealReport.deciding_check`.
        ``None`` when valid."""
        own = _deciding_with(self.checks, self.reason)
        if own is not None and own.id == "signature.seal":
            return self.seal.deciding_check or own
        return own

    def check(self, check_id: str) -> Optional[Check]:
        """The first of the signature's own checks with ``check_id``."""
        return _find(self.checks, check_id)


@dataclass(frozen=True)
class PdfSigner:
    """The signer of a PDF signature, from its certificate."""

    subject: str
    issuer: str
    serial_number: str


@dataclass(frozen=True)
class Change:
    """What a later revision changed, object by object."""

    #: The revision (0-based) that made the change.
    revision: int
    #: The object, ``"num gen"``.
    object: str
    #: ``added``, ``changed``, ``rewritten-identically`` or ``freed``.
    kind: str
    #: What the object is (``catalog``, ``page``, ``signature``, ``widget``...).
    role: str
    #: Whether a rule permits it.
    permitted: bool
    #: For a change no rule permits: its reason code (``pdf.modified.page``...).
    code: Optional[str]
    #: For an annotation or widget: ``(x0, y0, x1, y1)`` in points.
    area: Optional[Tuple[float, float, float, float]]
    explanation: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Change":
        """Read one entry of ``later_changes``."""
        area = d.get("area")
        return cls(
            revision=int(d.get("revision", 0)),
            object=str(d.get("object", "")),
            kind=str(d.get("kind", "")),
            role=str(d.get("role", "")),
            permitted=bool(d.get("permitted", False)),
            code=d.get("code"),
            area=tuple(float(x) for x in area) if area is not None else None,  # type: ignore[arg-type]
            explanation=str(d.get("explanation", "")),
        )


@dataclass(frozen=True)
class PdfSignatureReport:
    """The result for one signature of a PDF."""

    #: The field's fully qualified name.
    field: str
    sub_filter: str
    #: ``cms``, ``ses``, ``timestamp`` or ``unknown``.
    flavour: str
    indication: Indication
    #: The reason code of the deciding check (``None`` when valid).
    reason: Optional[str]
    byte_range: Optional[Tuple[int, int, int, int]]
    #: The revision (0-based) whose end the signature covers.
    revision: Optional[int]
    covers_whole_file: bool
    #: For a certification signature, its DocMDP ``/P``.
    certification: Optional[int]
    signer: Optional[PdfSigner]
    #: ``/M``, the CMS signingTime or the SES timeInfo (claimed by the signer).
    signing_time: Optional[datetime]
    #: ``/Reason``.
    reason_text: Optional[str]
    #: ``/Location``.
    location: Optional[str]
    signature: Optional[SignatureInfo]
    #: The seal, verified at the signing time.
    seal: Optional[SealReport]
    checks: Tuple[Check, ...]
    later_changes: Tuple[Change, ...]
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "PdfSignatureReport":
        """Read one entry of the report's ``signatures``."""
        br = d.get("byte_range")
        signer = d.get("signer")
        seal = d.get("seal")
        return cls(
            field=str(d.get("field", "")),
            sub_filter=str(d.get("sub_filter", "")),
            flavour=str(d.get("flavour", "")),
            indication=Indication(d["indication"]),
            reason=d.get("reason"),
            byte_range=tuple(int(x) for x in br) if br is not None else None,  # type: ignore[arg-type]
            revision=d.get("revision"),
            covers_whole_file=bool(d.get("covers_whole_file", False)),
            certification=d.get("certification"),
            signer=PdfSigner(
                subject=str(signer.get("subject", "")),
                issuer=str(signer.get("issuer", "")),
                serial_number=str(signer.get("serial_number", "")),
            )
            if signer
            else None,
            signing_time=parse_time(d.get("signing_time")),
            reason_text=d.get("reason_text"),
            location=d.get("location"),
            signature=SignatureInfo.from_dict(d.get("signature")),
            seal=SealReport.from_dict(seal) if seal else None,
            checks=_checks(d.get("checks")),
            later_changes=tuple(Change.from_dict(c) for c in d.get("later_changes") or ()),
            raw=dict(d),
        )

    @property
    def valid(self) -> bool:
        """``valid`` or ``valid-with-permitted-changes``."""
        return self.indication.is_valid

    def check(self, check_id: str) -> Optional[Check]:
        """The first check with ``check_id``."""
        return _find(self.checks, check_id)


@dataclass(frozen=True)
class MetadataReport:
    """The e-license metadata of the latest signed revision."""

    #: The revision (0-based) it was read from.
    revision: int
    #: The embedded ``metadata.json``, parsed.
    metadata: Optional[Dict[str, Any]] = field(compare=False, hash=False)
    checks: Tuple[Check, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "MetadataReport":
        """Read the report's ``metadata``."""
        return cls(
            revision=int(d.get("revision", 0)),
            metadata=d.get("metadata"),
            checks=_checks(d.get("checks")),
        )


@dataclass(frozen=True)
class PdfReport:
    """The verification report of a PDF (``docs/verification-report.md``)."""

    #: The worst of the signatures' and the document checks'.
    indication: Indication
    #: The reason code of the deciding check (``None`` when valid).
    reason: Optional[str]
    file_size: int
    #: The number of revisions (the original and its updates).
    revisions: int
    #: Document-level checks (structure, removed signatures, metadata).
    checks: Tuple[Check, ...]
    #: One per signature, in revision order.
    signatures: Tuple[PdfSignatureReport, ...]
    #: The e-license metadata, when present.
    metadata: Optional[MetadataReport]
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "PdfReport":
        """Read the JSON of ``gmseal_pdf_verify``."""
        md = d.get("metadata")
        return cls(
            indication=Indication(d["indication"]),
            reason=d.get("reason"),
            file_size=int(d.get("file_size", 0)),
            revisions=int(d.get("revisions", 0)),
            checks=_checks(d.get("checks")),
            signatures=tuple(PdfSignatureReport.from_dict(s) for s in d.get("signatures") or ()),
            metadata=MetadataReport.from_dict(md) if md else None,
            raw=dict(d),
        )

    @property
    def valid(self) -> bool:
        """``valid`` or ``valid-with-permitted-changes``."""
        return self.indication.is_valid

    def check(self, check_id: str) -> Optional[Check]:
        """The first document-level check with ``check_id``."""
        return _find(self.checks, check_id)

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as JSON text (as the library wrote it)."""
        return json.dumps(self.raw, ensure_ascii=False, indent=indent)


@dataclass(frozen=True)
class ChainVerdict:
    """The result of validating a certificate chain."""

    valid: bool
    #: The reason code when not valid (``pki.expired``, ``pki.unknown-issuer``...).
    code: Optional[str]
    message: Optional[str]
    #: The validation time.
    time: Optional[datetime]
    purpose: Purpose
    #: Subjects from the end entity to the root (empty when not valid).
    chain: Tuple[str, ...]
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "ChainVerdict":
        """Read the JSON of ``gmseal_cert_verify``."""
        return cls(
            valid=bool(d["valid"]),
            code=d.get("code"),
            message=d.get("message"),
            time=parse_time(d.get("time")),
            purpose=Purpose(d.get("purpose", "any")),
            chain=tuple(d.get("chain") or ()),
            raw=dict(d),
        )

    def __bool__(self) -> bool:
        return self.valid


@dataclass(frozen=True)
class CmsReport:
    """The result of verifying a detached CMS SignedData."""

    #: The signature verifies and the signer's chain is valid.
    valid: bool
    #: The signature over the content verifies.
    signature_valid: bool
    chain_validated: bool
    #: The reason code when not valid (``cms.digest-mismatch``,
    #: ``chain.not-checked``, ``pki.expired``...).
    code: Optional[str]
    message: Optional[str]
    #: The signer's subject.
    signer: Optional[str]
    signing_time: Optional[datetime]
    chain: Tuple[str, ...]
    #: The value's encoding and user-ID variant.
    signature: Optional[SignatureInfo]
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "CmsReport":
        """Read the JSON of ``gmseal_cms_verify``."""
        details = d.get("signature") or {}
        return cls(
            valid=bool(d["valid"]),
            signature_valid=bool(d.get("signature_valid", False)),
            chain_validated=bool(d.get("chain_validated", False)),
            code=d.get("code"),
            message=d.get("message"),
            signer=d.get("signer"),
            signing_time=parse_time(d.get("signing_time")),
            chain=tuple(d.get("chain") or ()),
            signature=SignatureInfo.from_dict(details.get("signature")),
            raw=dict(d),
        )

    @property
    def oid_family(self) -> Optional[str]:
        """``rfc5652`` or ``gmt-0010`` (when the signature was read)."""
        return (self.raw.get("signature") or {}).get("oid_family")

    def __bool__(self) -> bool:
        return self.valid


@dataclass(frozen=True)
class LicenseProblem:
    """One problem of e-license metadata."""

    field: str
    code: str
    #: ``error`` or ``warning``.
    severity: str
    message: str


@dataclass(frozen=True)
class LicenseValidation:
    """The result of validating e-license metadata."""

    #: No errors (warnings allowed).
    valid: bool
    errors: int
    warnings: int
    problems: Tuple[LicenseProblem, ...]
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "LicenseValidation":
        """Read the JSON of ``gmseal_license_validate``."""
        return cls(
            valid=bool(d["valid"]),
            errors=int(d.get("errors", 0)),
            warnings=int(d.get("warnings", 0)),
            problems=tuple(
                LicenseProblem(
                    field=str(p.get("field", "")),
                    code=str(p.get("code", "")),
                    severity=str(p.get("severity", "")),
                    message=str(p.get("message", "")),
                )
                for p in d.get("problems") or ()
            ),
            raw=dict(d),
        )

    def __bool__(self) -> bool:
        return self.valid


@dataclass(frozen=True)
class CertificateInfo:
    """A certificate's fields (``gmseal_cert_to_json``)."""

    version: int
    #: Hex, upper case.
    serial_number: str
    #: RFC 4514.
    subject: str
    issuer: str
    not_before: datetime
    not_after: datetime
    #: The uncompressed point ``04 || x || y``.
    public_key: bytes
    signature_algorithm: str
    is_ca: bool
    path_len: Optional[int]
    key_usage: Tuple[str, ...]
    #: ``None`` when the extension is absent.
    extended_key_usage: Optional[Tuple[str, ...]]
    subject_key_id: Optional[str]
    authority_key_id: Optional[str]
    crl_distribution_points: Tuple[str, ...]
    #: SM3 of the DER, hex upper case.
    fingerprint_sm3: str
    raw: Raw = _raw()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "CertificateInfo":
        """Read the JSON of ``gmseal_cert_to_json``."""
        bc = d.get("basic_constraints") or {}
        eku = d.get("extended_key_usage")
        nb = parse_time(d.get("not_before"))
        na = parse_time(d.get("not_after"))
        assert nb is not None and na is not None
        return cls(
            version=int(d.get("version", 3)),
            serial_number=str(d.get("serial_number", "")),
            subject=str(d.get("subject", "")),
            issuer=str(d.get("issuer", "")),
            not_before=nb,
            not_after=na,
            public_key=bytes.fromhex(d.get("public_key") or ""),
            signature_algorithm=str(d.get("signature_algorithm", "")),
            is_ca=bool(bc.get("ca", False)),
            path_len=bc.get("path_len"),
            key_usage=tuple(d.get("key_usage") or ()),
            extended_key_usage=tuple(eku) if eku is not None else None,
            subject_key_id=d.get("subject_key_id"),
            authority_key_id=d.get("authority_key_id"),
            crl_distribution_points=tuple(
                p if isinstance(p, str) else json.dumps(p) for p in d.get("crl_distribution_points") or ()
            ),
            fingerprint_sm3=str(d.get("fingerprint_sm3", "")),
            raw=dict(d),
        )
