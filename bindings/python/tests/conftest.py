"""Shared fixtures: the binding on sys.path, a small PKI, a seal, an issued license."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

BINDING = Path(__file__).resolve().parents[1]
REPO = BINDING.parents[1]
sys.path.insert(0, str(BINDING))

import gmseal  # noqa: E402
from gmseal import Certificate, PrivateKey, Profile, Seal, SealType  # noqa: E402

DAY = 86400
#: Like the C test: a PKI that started 30 days ago, documents signed 10 days in.
BASE = int(time.time()) - 30 * DAY
SIGN_TIME = BASE + 10 * DAY
#: 2026-01-05T02:00:00Z, the issue time of the license fixture.
ISSUED = 1767578400


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def vectors() -> Path:
    """The shared test vectors."""
    return REPO / "test-vectors"


@pytest.fixture(scope="session")
def metadata_path() -> Path:
    """The sample business-license metadata."""
    return REPO / "examples" / "data" / "business-license.json"


@pytest.fixture(scope="session")
def metadata(metadata_path: Path) -> dict:
    """The sample business-license metadata, parsed."""
    return gmseal.license.load_metadata(metadata_path)


@dataclass
class Pki:
    """A root, an issuing CA, a seal maker and a signer (with their keys)."""

    root_key: PrivateKey
    ca_key: PrivateKey
    maker_key: PrivateKey
    signer_key: PrivateKey
    root: Certificate
    ca: Certificate
    maker: Certificate
    signer: Certificate


@pytest.fixture(scope="session")
def pki() -> Iterator[Pki]:
    """root → maker and signer directly (as the C test), plus a CA under the root."""
    keys = [PrivateKey.generate() for _ in range(4)]
    root_key, ca_key, maker_key, signer_key = keys
    root = Certificate.issue(Profile.ROOT, "CN=测试根CA,O=gmseal,C=CN", root_key, not_before=BASE, days=3650)
    ca = Certificate.issue(
        Profile.CA, "CN=测试签发CA,O=gmseal,C=CN", ca_key, issuer=root, issuer_key=root_key,
        not_before=BASE, days=1000,
    )
    maker = Certificate.issue(
        Profile.SEAL_MAKER, "CN=某某市公安局制章中心,C=CN", maker_key, issuer=root,
        issuer_key=root_key, not_before=BASE, days=1000,
    )
    signer = Certificate.issue(
        Profile.SIGNER, "CN=某某科技有限公司,C=CN", signer_key, issuer=root, issuer_key=root_key,
        not_before=BASE, days=365,
    )
    yield Pki(root_key, ca_key, maker_key, signer_key, root, ca, maker, signer)
    for key in keys:
        key.close()


@pytest.fixture(scope="session")
def seal(pki: Pki) -> Seal:
    """A contract seal listing the signer, made a day after the PKI started."""
    return Seal.make(
        maker_certificate=pki.maker,
        maker_key=pki.maker_key,
        signers=[pki.signer],
        org="某某科技有限公司",
        name="合同专用章",
        code="3301060012345",
        seal_type=SealType.CONTRACT,
        es_id="ES-0001",
        dpi=72,
        created=BASE + DAY,
    )


@pytest.fixture(scope="session")
def license_pdf(metadata: dict) -> bytes:
    """The sample business license, issued as a PDF."""
    return gmseal.license.issue(metadata, "business-license", issued=ISSUED)
