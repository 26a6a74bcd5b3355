// Bouncy Castle as an independent SM2 oracle for gmseal's tests (tests/bouncycastle.rs).
//
// Run as a single-file program: java -cp bcprov.jar:bcpkix.jar:bcutil.jar BcOracle.java SCRIPT
// SCRIPT holds one command per line (paths relative to the script's directory); for each
// line the program prints "<line number> OK", "<line number> FAIL <reason>" or, for
// commands that produce a file, writes it and prints OK. Bouncy Castle's SM2 signer uses
// the GM/T 0009 default user ID "1234567812345678" when none is given.
//
// Commands:
//   verify-sig SPKI_DER MSG SIG_DER          SM3withSM2 signature over MSG
//   sign PKCS8_DER MSG OUT_SIG               SM3withSM2 signature by BC
//   verify-cert CERT_DER ISSUER_CERT_DER     certificate signature with the issuer's key
//   verify-cms CMS_DER CONTENT               detached CMS SignedData (digest, signature)
//   sign-cms CERT_DER PKCS8_DER CONTENT OUT  detached CMS SignedData by BC (SM3, SM2)
//   issue-cert CA_CERT CA_PKCS8 SUBJECT_SPKI SUBJECT_DN OUT   an end-entity certificate by BC
//   verify-tst TOKEN_DER IMPRINT_HEX         RFC 3161 token: TimeStampToken.validate() with the
//                                            embedded TSA certificate (ESS signing-certificate,
//                                            critical timeStamping EKU, signature) and the imprint;
//                                            prints "OK <imprint alg> <policy> <serial hex> <genTime ms>"
//   sign-tst CERT_DER PKCS8_DER IMPRINT_HEX GEN_TIME_MS OUT   RFC 3161 token by BC's
//                                            TimeStampTokenGenerator (SM3withSM2, ESSCertIDv2 with
//                                            SM3, SM3 imprint, millisecond genTime, nonce 0x1234)

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.util.Store;
import org.bouncycastle.util.encoders.Hex;

public class BcOracle {
    static Path dir;

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Path script = Path.of(args[0]);
        dir = script.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(script);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] a = line.split("\\s+", -1);
            String result;
            try {
                result = run(a);
            } catch (Exception e) {
                result = "FAIL " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            System.out.println((i + 1) + " " + result);
        }
    }

    static byte[] read(String name) throws Exception {
        return Files.readAllBytes(dir.resolve(name));
    }

    static void write(String name, byte[] data) throws Exception {
        Files.write(dir.resolve(name), data);
    }

    static PublicKey publicKey(byte[] spki) throws Exception {
        return KeyFactory.getInstance("EC", "BC").generatePublic(new X509EncodedKeySpec(spki));
    }

    static PrivateKey privateKey(byte[] pkcs8) throws Exception {
        return KeyFactory.getInstance("EC", "BC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static X509Certificate cert(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509", "BC")
            .generateCertificate(new ByteArrayInputStream(der));
    }

    static String ok(boolean b) {
        return b ? "OK" : "FAIL does not verify";
    }

    static String run(String[] a) throws Exception {
        switch (a[0]) {
            case "verify-sig": {
                Signature s = Signature.getInstance("SM3withSM2", "BC");
                s.initVerify(publicKey(read(a[1])));
                s.update(read(a[2]));
                return ok(s.verify(read(a[3])));
            }
            case "sign": {
                Signature s = Signature.getInstance("SM3withSM2", "BC");
                s.initSign(privateKey(read(a[1])));
                s.update(read(a[2]));
                write(a[3], s.sign());
                return "OK";
            }
            case "verify-cert": {
                X509Certificate c = cert(read(a[1]));
                X509Certificate issuer = cert(read(a[2]));
                c.verify(issuer.getPublicKey(), "BC");
                return "OK " + c.getSigAlgName() + " " + c.getSubjectX500Principal().getName();
            }
            case "verify-cms": {
                CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(read(a[2])), read(a[1]));
                Store<X509CertificateHolder> certs = cms.getCertificates();
                for (SignerInformation si : cms.getSignerInfos().getSigners()) {
                    @SuppressWarnings("unchecked")
                    X509CertificateHolder holder = (X509CertificateHolder) certs.getMatches(si.getSID()).iterator().next();
                    boolean valid = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(holder));
                    if (!valid) return "FAIL does not verify";
                }
                return "OK";
            }
            case "sign-cms": {
                X509Certificate c = cert(read(a[1]));
                ContentSigner signer = new JcaContentSignerBuilder("SM3withSM2").setProvider("BC").build(privateKey(read(a[2])));
                CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
                gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider("BC").build()).build(signer, c));
                gen.addCertificates(new JcaCertStore(List.of(c)));
                CMSSignedData cms = gen.generate(new CMSProcessableByteArray(read(a[3])), false);
                write(a[4], cms.getEncoded("DER"));
                return "OK";
            }
            case "issue-cert": {
                X509Certificate ca = cert(read(a[1]));
                PrivateKey caKey = privateKey(read(a[2]));
                PublicKey subjectKey = publicKey(read(a[3]));
                String dn = new String(read(a[4]), java.nio.charset.StandardCharsets.UTF_8).trim();
                long now = System.currentTimeMillis();
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    ca, BigInteger.valueOf(now), new Date(now - 3600_000L), new Date(now + 30L * 86400_000L),
                    new X500Name(dn), subjectKey);
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                ContentSigner signer = new JcaContentSignerBuilder("SM3withSM2").setProvider("BC").build(caKey);
                write(a[5], b.build(signer).getEncoded());
                return "OK";
            }
            case "verify-tst": {
                TimeStampToken token = new TimeStampToken(new CMSSignedData(read(a[1])));
                @SuppressWarnings("unchecked")
                X509CertificateHolder tsa = (X509CertificateHolder) token.getCertificates()
                    .getMatches(token.getSID()).iterator().next();
                // Throws TSPValidationException when a check fails.
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(tsa));
                TimeStampTokenInfo info = token.getTimeStampInfo();
                if (!Arrays.equals(info.getMessageImprintDigest(), Hex.decode(a[2]))) {
                    return "FAIL message imprint mismatch";
                }
                return "OK " + info.getMessageImprintAlgOID() + " " + info.getPolicy() + " "
                    + info.getSerialNumber().toString(16) + " " + info.getGenTime().getTime();
            }
            case "sign-tst": {
                X509Certificate c = cert(read(a[1]));
                SignerInfoGenerator signer = new JcaSimpleSignerInfoGeneratorBuilder().setProvider("BC")
                    .build("SM3withSM2", privateKey(read(a[2])), c);
                DigestCalculator sm3 = new JcaDigestCalculatorProviderBuilder().setProvider("BC").build()
                    .get(new AlgorithmIdentifier(GMObjectIdentifiers.sm3));
                TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
                    signer, sm3, new ASN1ObjectIdentifier("1.3.6.1.5.5.7.13.1"));
                gen.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
                gen.addCertificates(new JcaCertStore(List.of(c)));
                TimeStampRequestGenerator reqGen = new TimeStampRequestGenerator();
                reqGen.setCertReq(true);
                TimeStampRequest req = reqGen.generate(GMObjectIdentifiers.sm3, Hex.decode(a[3]), BigInteger.valueOf(0x1234));
                TimeStampToken token = gen.generate(req, new BigInteger("0ABCDEF0", 16), new Date(Long.parseLong(a[4])));
                write(a[5], token.getEncoded());
                return "OK";
            }
            default:
                return "FAIL unknown command " + a[0];
        }
    }
}
