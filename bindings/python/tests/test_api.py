"""The public API: documented, typed, exported."""

from __future__ import annotations

import inspect
from pathlib import Path

import gmseal


def public_members(obj: object):  # type: ignore[no-untyped-def]
    for name, member in vars(obj).items():
        if name.startswith("_"):
            continue
        yield name, member


def test_every_public_item_has_a_docstring() -> None:
    missing = []
    for name in gmseal.__all__:
        item = getattr(gmseal, name)
        if name.startswith("__") or not (inspect.isclass(item) or inspect.isfunction(item) or inspect.ismodule(item)):
            continue
        if not (item.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(item) and not issubclass(item, BaseException):
            for attr, member in public_members(item):
                target = member.fget if isinstance(member, property) else member
                if isinstance(target, (staticmethod, classmethod)):
                    target = target.__func__
                if inspect.isfunction(target) and not (target.__doc__ or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, missing


def test_py_typed_and_annotations() -> None:
    package = Path(gmseal.__file__).parent
    assert (package / "py.typed").is_file()
    for cls in (gmseal.PrivateKey, gmseal.Certificate, gmseal.Seal, gmseal.SealSignature, gmseal.Pdf,
                gmseal.Cms, gmseal.License):
        for attr, member in public_members(cls):
            target = member.fget if isinstance(member, property) else member
            if isinstance(target, (staticmethod, classmethod)):
                target = target.__func__
            if inspect.isfunction(target):
                assert "return" in target.__annotations__, f"{cls.__name__}.{attr}"


def test_enums_are_strings() -> None:
    assert gmseal.Indication.VALID == "valid" and str(gmseal.Flavour.SES) == "ses"
    assert gmseal.Profile("seal-maker") is gmseal.Profile.SEAL_MAKER
    assert gmseal.Purpose("ca") is gmseal.Purpose.CA is gmseal.Purpose("certificate-authority")
    assert gmseal.Purpose("timestamping") is gmseal.Purpose.TIME_STAMPING
    assert gmseal.DocMdp.NO_CHANGES == 1
    assert gmseal.Indication.VALID_WITH_PERMITTED_CHANGES.is_valid
    assert not gmseal.Indication.INDETERMINATE.is_valid
