"""Electronic licenses (电子证照): validate metadata, build identifiers, issue
PDF/A-3b documents from the builtin templates.

Metadata is GB/T 36903 JSON (English ids or pinyin names), given as a
``dict``, as JSON text (``str`` or ``bytes``), or as a :class:`pathlib.Path`
(any ``os.PathLike``) of a JSON file.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Mapping, Optional, Union

from . import _lib
from ._lib import PathLike, TimeLike
from .enums import Template
from .errors import InvalidArgumentError
from .reports import LicenseValidation

__all__ = ["License", "Metadata", "validate", "identifier", "issue", "load_metadata"]

#: E-license metadata: a mapping, JSON text, or the path of a JSON file.
Metadata = Union[Mapping[str, Any], str, bytes, "os.PathLike[str]"]


def _metadata_json(metadata: Metadata) -> bytes:
    if isinstance(metadata, Mapping):
        try:
            return _lib.json_arg(dict(metadata))
        except (TypeError, ValueError) as e:
            raise _lib.invalid(f"metadata is not JSON-serializable: {e}") from e
    if isinstance(metadata, os.PathLike):
        return _lib.cstr(_lib.read_file(metadata, "metadata file"), "metadata")
    if isinstance(metadata, (str, bytes, bytearray)):
        return _lib.cstr(metadata, "metadata")
    raise _lib.invalid(
        f"metadata must be a dict, JSON text or a Path, not {type(metadata).__name__}"
    )


def _template(template: Union[Template, str, None], required: bool) -> Optional[bytes]:
    if template is None:
        if required:
            raise _lib.invalid("a template is required")
        return None
    return _lib.cstr(_lib.name(template, "template"), "template")


def load_metadata(path: PathLike) -> Dict[str, Any]:
    """Read e-license metadata from a JSON file into a ``dict``."""
    raw = _lib.read_file(path, "metadata file")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InvalidArgumentError(
            f"{os.fspath(path)!r} is not JSON: {e}", 1002, "ffi.invalid-json"
        ) from e
    if not isinstance(value, dict):
        raise InvalidArgumentError(
            f"{os.fspath(path)!r} does not hold a JSON object", 1002, "ffi.invalid-json"
        )
    return value


class License:
    """The e-license functions (static methods; also module-level functions of
    :mod:`gmseal.license`)."""

    @staticmethod
    def validate(
        metadata: Metadata, template: Union[Template, str, None] = Template.BUSINESS_LICENSE
    ) -> LicenseValidation:
        """Validate metadata against the rules of ``template`` (``None``: the
        core rules only). Returns every problem; ``valid`` when none is an
        error. Text that is not metadata JSON raises
        :class:`~gmseal.InvalidArgumentError` (``ffi.invalid-json``)."""
        return LicenseValidation.from_dict(
            _lib.call_json(
                "gmseal_license_validate", _metadata_json(metadata), _template(template, False)
            )
        )

    @staticmethod
    def identifier(type_code: str, issuer_code: str, serial: str) -> str:
        """A GB/T 36904 e-license identifier (证照标识, version ``001``) from the
        license type code (21 characters), the issuing authority's unified
        social credit code and a serial number.

        Raises :class:`~gmseal.LicenseError`
        (``license.invalid-identifier-part``)."""
        return _lib.call_bytes(
            "gmseal_license_identifier",
            _lib.cstr(type_code, "type_code"),
            _lib.cstr(issuer_code, "issuer_code"),
            _lib.cstr(serial, "serial"),
        ).decode("ascii")

    @staticmethod
    def issue(
        metadata: Metadata,
        template: Union[Template, str] = Template.BUSINESS_LICENSE,
        *,
        issued: TimeLike = None,
    ) -> bytes:
        """Issue an e-license as a PDF/A-3b document (the same inputs and
        ``issued`` time give the same bytes); the metadata is embedded as
        ``metadata.json``, ``metadata.xml`` and XMP, and the seal's place is
        left for :func:`gmseal.pdf.sign` with
        ``placement=TemplatePosition(template)``.

        Raises :class:`~gmseal.LicenseError` (``license.invalid-metadata``:
        the message names the first error; :meth:`validate` lists them all)
        or :class:`~gmseal.InvalidArgumentError` (``input.invalid``: a value
        too long for its box)."""
        return _lib.call_bytes(
            "gmseal_license_issue",
            _template(template, True),
            _metadata_json(metadata),
            _lib.unix_time(issued, "issued"),
        )


validate = License.validate
identifier = License.identifier
issue = License.issue
