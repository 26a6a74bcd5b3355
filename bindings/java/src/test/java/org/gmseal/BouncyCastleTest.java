package org.gmseal;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.gmseal.TestSupport.Pki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with an independent implementation: a license issued and sealed through gmseal, its
 * PDF signature verified by Bouncy Castle alone (no PDF library: the /ByteRange is found by
 * scanning, as tests/java/BcPdfVerify.java does), and CMS both ways.
 */
class BouncyCastleTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private final Pki pki = TestSupport.pki();

    @BeforeAll
    static void provider() {
        Security.addProvider(BC);
    }

    /** Every "/ByteRange [a b c d]" of the file. */
    static List<long[]> byteRanges(byte[] pdf) {
        byte[] key = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
        List<long[]> found = new ArrayList<>();
        outer:
        for (int i = 0; i + key.length <= pdf.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (pdf[i + j] != key[j]) {
                    continue outer;
                }
            }
            int p = i + key.length;
            while (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r') {
                p++;
            }
            if (pdf[p] != '[') {
                continue;
            }
            p++;
            long[] br = new long[4];
            for (int k = 0; k < 4; k++) {
                while (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r') {
                    p++;
                }
                long v = 0;
                int start = p;
                while (pdf[p] >= '0' && pdf[p] <= '9') {
                    v = v * 10 + (pdf[p++] - '0');
                }
                if (p == start) {
                    continue outer;
                }
                br[k] = v;
            }
            found.add(br);
        }
        return found;
    }

    /** The signed bytes and the CMS of a ByteRange. */
    static byte[][] split(byte[] pdf, long[] br) throws Exception {
        int a = (int) br[1];
        int b = (int) br[2];
        int c = (int) br[3];
        assertEquals(0, br[0]);
        assertEquals('<', pdf[a]);
        assertEquals('>', pdf[b - 1]);
        String hex = new String(pdf, a + 1, b - a - 2, StandardCharsets.US_ASCII);
        byte[] padded = TestSupport.unhex(hex.length() % 2 == 0 ? hex : hex + "0");
        byte[] der;
        try (ASN1InputStream in = new ASN1InputStream(padded)) {
            der = in.readObject().getEncoded(); // the zero padding after the DER is ignored
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(pdf, 0, a);
        signed.write(pdf, b, c);
        return new byte[][] {signed.toByteArray(), der};
    }

    /** Verify a detached CMS over {@code content} with Bouncy Castle; returns the signer's certificate. */
    @SuppressWarnings("unchecked")
    static X509CertificateHolder bcVerify(byte[] der, byte[] content) throws Exception {
        ASN1Primitive prim = ASN1Primitive.fromByteArray(der);
        ContentInfo ci = ContentInfo.getInstance(prim);
        assertEquals(CMSObjectIdentifiers.signedData, ci.getContentType());
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), ci);
        Store<X509CertificateHolder> certs = cms.getCertificates();
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        assertEquals(1, signers.size());
        SignerInformation si = signers.iterator().next();
        assertEquals("1.2.156.10197.1.401", si.getDigestAlgOID(), "SM3");
        X509CertificateHolder cert = (X509CertificateHolder) certs.getMatches(si.getSID()).iterator().next();
        assertTrue(si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert)),
                "Bouncy Castle verifies the SM2 signature");
        return cert;
    }

    @Test
    void aSealedLicenseVerifiesWithBouncyCastle() throws Exception {
        byte[] license = License.issue(License.BUSINESS_LICENSE, TestSupport.metadata(), LicenseTest.ISSUED);
        for (Flavour flavour : new Flavour[] {Flavour.CMS, Flavour.CADES}) {
            byte[] sealed = PdfSigner.builder().seal(pki.seal).certificate(pki.signer).key(pki.signerKey)
                    .chain(pki.ca).flavour(flavour).template(License.BUSINESS_LICENSE).certify(DocMdp.NO_CHANGES)
                    .time(pki.signTime).build().sign(license);
            assertEquals(Indication.VALID,
                    PdfVerifier.builder().roots(pki.root).build().verify(sealed).indication());

            List<long[]> ranges = byteRanges(sealed);
            assertEquals(1, ranges.size());
            long[] br = ranges.get(0);
            assertEquals(sealed.length, br[2] + br[3], "covers the whole file");
            byte[][] parts = split(sealed, br);
            X509CertificateHolder signer = bcVerify(parts[1], parts[0]);
            assertArrayEquals(pki.signer.der(), signer.getEncoded(), flavour + ": the signer's certificate");

            // BC's own SM3 of the ranges is what the CMS signed (its message-digest attribute).
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(parts[0]), parts[1]);
            SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
            byte[] sm3 = MessageDigest.getInstance("SM3", BC).digest(parts[0]);
            byte[] signedDigest = ASN1OctetString.getInstance(si.getSignedAttributes()
                    .get(CMSAttributes.messageDigest).getAttrValues().getObjectAt(0)).getOctets();
            assertArrayEquals(sm3, signedDigest);

            // The embedded chain holds the CA too.
            assertEquals(2, cms.getCertificates().getMatches(null).size());

            // A byte changed in the signed range: Bouncy Castle refuses too.
            byte[] tampered = sealed.clone();
            tampered[license.length / 2] ^= 1;
            byte[][] t = split(tampered, br);
            boolean ok;
            try {
                ok = bcVerify(t[1], t[0]) != null;
            } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException | AssertionError e) {
                ok = false;
            }
            assertFalse(ok, "Bouncy Castle must reject the tampered file");
        }
    }

    @Test
    void gmsealCmsVerifiesWithBouncyCastleAndBack() throws Exception {
        byte[] content = "合同正文 contract".getBytes(StandardCharsets.UTF_8);
        // gmseal signs, Bouncy Castle verifies.
        byte[] cms = Cms.sign(content, pki.signer2, pki.signer2Key);
        X509CertificateHolder who = bcVerify(cms, content);
        assertArrayEquals(pki.signer2.der(), who.getEncoded());

        // Bouncy Castle signs with the key gmseal exported (PKCS#8), gmseal verifies.
        java.security.PrivateKey bcKey;
        try (PEMParser parser = new PEMParser(new StringReader(pki.signer2Key.exportPem()))) {
            bcKey = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        X509Certificate x509 = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(new X509CertificateHolder(pki.signer2.der()));
        ContentSigner signer = new JcaContentSignerBuilder("SM3withSM2").setProvider(BC).build(bcKey);
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).build(signer, x509));
        gen.addCertificates(new JcaCertStore(List.of(x509)));
        // DER: Bouncy Castle's default encoding is BER (indefinite lengths), which gmseal refuses.
        byte[] bcCms = gen.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        CmsReport report = Cms.verify(bcCms, content, List.of(pki.root));
        assertTrue(report.isValid(), report.rawJson());
        assertEquals("user-id", report.signatureVariant());
        assertFalse(Cms.verify(bcCms, "other".getBytes(StandardCharsets.UTF_8), List.of(pki.root)).isValid());

        // gmseal certificates read by Bouncy Castle, and their signatures check out.
        X509Certificate root = new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(new X509CertificateHolder(pki.root.der()));
        x509.verify(root.getPublicKey(), BC);
        assertEquals(pki.root.info().subject(), "CN=gmseal Java 测试根CA,O=gmseal,C=CN");
    }
}
