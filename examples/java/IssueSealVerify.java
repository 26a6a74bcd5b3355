// Issue the sample business license as a PDF, seal it and verify it, with the Java binding.
//
//   java -Dgmseal.library.path=target/debug/libgmseal_ffi.so \
//        -cp bindings/java/target/gmseal.jar:/usr/share/java/jna.jar examples/java/IssueSealVerify.java \
//        examples/data/business-license.json sealed.pdf
//
// (bindings/java/run_tests.sh compiles and runs it.) The PKI is made on the spot; a real
// issuer loads its keys with PrivateKey.load(...) or wraps its HSM with PrivateKey.fromSigner(...).

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.gmseal.*;

public class IssueSealVerify {
    public static void main(String[] args) throws Exception {
        try (PrivateKey rootKey = PrivateKey.generate(); PrivateKey makerKey = PrivateKey.generate();
                PrivateKey signerKey = PrivateKey.generate()) {
            Certificate root = Certificate.builder(Profile.ROOT).subject("CN=示例根CA,C=CN").key(rootKey).days(3650).issue();
            Certificate maker = Certificate.builder(Profile.SEAL_MAKER).subject("CN=示例制章中心,C=CN").key(makerKey).issuer(root, rootKey).issue();
            Certificate signer = Certificate.builder(Profile.SIGNER).subject("CN=杭州市西湖区市场监督管理局,C=CN").key(signerKey).issuer(root, rootKey).issue();
            Seal seal = Seal.builder().org("杭州市西湖区市场监督管理局").name("登记专用章").sealType(1).maker(maker, makerKey).signer(signer).build();

            byte[] license = License.issue(License.BUSINESS_LICENSE, Path.of(args[0]), Instant.now());
            byte[] sealed = PdfSigner.builder().seal(seal).certificate(signer).key(signerKey)
                    .template(License.BUSINESS_LICENSE).certify(DocMdp.NO_CHANGES).build().sign(license);
            Files.write(Path.of(args[1]), sealed);

            PdfReport report = PdfVerifier.builder().roots(root).build().verify(sealed);
            System.out.println(args[1] + ": " + report.indication().jsonName() + ", sealed by " + report.signatures().get(0).signer());
            if (report.indication() != Indication.VALID) {
                throw new IllegalStateException("not valid: " + report.reason());
            }
        }
    }
}
