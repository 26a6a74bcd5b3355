"""The example examples/python/issue_seal_verify.py runs and verifies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gmseal
from conftest import REPO


def test_issue_seal_verify_example(tmp_path: Path) -> None:
    out = tmp_path / "sealed.pdf"
    env = dict(os.environ, GMSEAL_LIBRARY=str(gmseal.library_path()), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, str(REPO / "examples/python/issue_seal_verify.py"), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout
    sealed = out.read_bytes()
    assert sealed.startswith(b"%PDF")
    # Its output verifies here too (it made its own root, so: indeterminate
    # without it, and the seal and the metadata are there).
    report = gmseal.pdf.verify(sealed)
    assert report.indication is gmseal.Indication.INDETERMINATE
    assert report.signatures[0].seal is not None
    assert report.signatures[0].seal.name == "电子证照专用章"
    assert report.metadata is not None


def test_readme_quick_start(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The README's quick start runs as written (from the repository root)."""
    import re

    text = (REPO / "bindings/python/README.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.S)[0]
    monkeypatch.chdir(REPO)
    printed = []
    exec(compile(code, "README.md", "exec"), {"print": lambda *a: printed.append(a)})
    assert printed[0] == (gmseal.Indication.VALID,)
