#!/usr/bin/env python3
"""Issue a business license (营业执照) as a PDF, seal it, and verify it.

Run from anywhere: ``python3 examples/python/issue_seal_verify.py [OUT.pdf]``.
It finds the binding in ``bindings/python`` and the library as the binding
does (``$GMSEAL_LIBRARY``, or ``target/{release,debug}`` after
``cargo build -p gmseal-ffi``). The sealed PDF is written to OUT.pdf
(default: ``gmseal-business-license-sealed.pdf`` in the system's temporary
directory).
"""

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bindings" / "python"))

import gmseal  # noqa: E402
from gmseal import Certificate, PrivateKey, Profile, Seal, SealType, TemplatePosition  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else
               Path(tempfile.gettempdir()) / "gmseal-business-license-sealed.pdf")
    with PrivateKey.generate() as root_key, PrivateKey.generate() as maker_key, \
            PrivateKey.generate() as signer_key:
        # A small PKI: a root, the seal maker (制章者) and the signer (签章者).
        root = Certificate.issue(Profile.ROOT, "CN=示例根CA,O=示例,C=CN", root_key, days=3650)
        maker = Certificate.issue(Profile.SEAL_MAKER, "CN=示例制章者,O=示例,C=CN", maker_key,
                                  issuer=root, issuer_key=root_key)
        signer = Certificate.issue(Profile.SIGNER, "CN=杭州市西湖区市场监督管理局,O=示例,C=CN",
                                   signer_key, issuer=root, issuer_key=root_key)
        # The seal, listing the signer.
        seal = Seal.make(maker_certificate=maker, maker_key=maker_key, signers=[signer],
                         org="杭州市西湖区市场监督管理局", name="电子证照专用章",
                         seal_type=SealType.OFFICIAL)
        # Issue the license, seal it at the template's seal position, verify.
        metadata = gmseal.license.load_metadata(REPO / "examples/data/business-license.json")
        pdf = gmseal.license.issue(metadata, "business-license")
        sealed = gmseal.pdf.sign(pdf, seal=seal, certificate=signer, key=signer_key,
                                 placement=TemplatePosition("business-license"),
                                 reason="核发电子证照", location="杭州")
        report = gmseal.pdf.verify(sealed, roots=[root])

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(sealed)
    print(f"{out}: {len(sealed)} bytes, {report.indication}")
    for signature in report.signatures:
        print(f"  {signature.field}: {signature.indication} by {signature.signer.subject if signature.signer else '?'}"
              f" with seal {signature.seal.name if signature.seal else '-'}")
    return 0 if report.indication == gmseal.Indication.VALID else 1


if __name__ == "__main__":
    sys.exit(main())
