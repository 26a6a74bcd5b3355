// Bouncy Castle as an independent verifier of gmseal's signed PDFs (tests/pdf_bouncycastle.rs).
//
// Run as a single-file program:
//   java -cp bcprov.jar:bcpkix.jar:bcutil.jar BcPdfVerify.java FILE.pdf
//
// It uses no PDF library: it scans the file's bytes for every "/ByteRange [a0 a b c]"
// (whitespace-tolerant), takes /Contents to be the hex string filling the gap [a, b), and
// verifies it as a detached CMS SignedData over bytes [0, a) + [b, b + c) with Bouncy
// Castle, as a Java user with only bcprov/bcpkix would. Bouncy Castle maps the digest OID
// 1.2.156.10197.1.401 (SM3) and the signature OID 1.2.156.10197.1.501 (SM2-with-SM3) to
// SM3withSM2 with the GM/T 0009 default user ID "1234567812345678".
//
// Output, one line per signature in file order (index from 0), then a final line:
//   SIG <index> <a> <b> <c> <RESULT> <detail>
//   COVERS_END <true|false>      whether the last signature's b + c is the file length
// RESULT is VALID (every SignerInfo verifies), INVALID (a signature or the message-digest
// attribute does not match), NOTCMS (/Contents is DER but not a CMS SignedData ContentInfo,
// e.g. a GB/T 38540 SES_Signature) or ERROR (anything else; detail is the exception).
// Every signature is checked independently; the program exits 0 whenever it could read
// the file.

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Store;

public class BcPdfVerify {
    static final byte[] KEY = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        byte[] pdf = Files.readAllBytes(Path.of(args[0]));
        List<long[]> ranges = findByteRanges(pdf);
        for (int i = 0; i < ranges.size(); i++) {
            long[] br = ranges.get(i);
            String result;
            try {
                result = verify(pdf, br);
            } catch (Throwable e) {
                result = "ERROR " + describe(e);
            }
            out.println("SIG " + i + " " + br[1] + " " + br[2] + " " + br[3] + " " + result);
        }
        boolean coversEnd = false;
        if (!ranges.isEmpty()) {
            long[] last = ranges.get(ranges.size() - 1);
            coversEnd = last[2] + last[3] == pdf.length;
        }
        out.println("COVERS_END " + coversEnd);
    }

    /** Every "/ByteRange [n n n n]" in the file, in file order. */
    static List<long[]> findByteRanges(byte[] pdf) {
        List<long[]> found = new ArrayList<>();
        for (int i = indexOf(pdf, KEY, 0); i >= 0; i = indexOf(pdf, KEY, i + 1)) {
            int p = skipWhitespace(pdf, i + KEY.length);
            if (p >= pdf.length || pdf[p] != '[') continue;
            p++;
            long[] br = new long[4];
            boolean ok = true;
            for (int k = 0; k < 4 && ok; k++) {
                p = skipWhitespace(pdf, p);
                int start = p;
                long v = 0;
                while (p < pdf.length && pdf[p] >= '0' && pdf[p] <= '9' && p - start < 18) {
                    v = v * 10 + (pdf[p] - '0');
                    p++;
                }
                ok = p > start;
                br[k] = v;
            }
            p = skipWhitespace(pdf, p);
            if (ok && p < pdf.length && pdf[p] == ']') found.add(br);
        }
        return found;
    }

    @SuppressWarnings("unchecked") // SignerId is a raw Selector
    static String verify(byte[] pdf, long[] br) throws Exception {
        long a = br[1], b = br[2], c = br[3];
        if (br[0] != 0 || a <= 0 || b <= a + 1 || c < 0 || b + c > pdf.length) {
            return "ERROR bad ByteRange for a file of " + pdf.length + " bytes";
        }
        int ia = (int) a, ib = (int) b, ic = (int) c;
        if (pdf[ia] != '<' || pdf[ib - 1] != '>') {
            return "ERROR the ByteRange gap is not a hex string <...>";
        }
        byte[] der = hexDecode(pdf, ia + 1, ib - 1);

        // The zero padding after the DER is ignored: only the first object is read.
        ASN1Primitive prim;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            prim = in.readObject();
        }
        if (prim == null) return "ERROR /Contents is empty";
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfo.getInstance(prim);
        } catch (RuntimeException e) {
            return "NOTCMS not a ContentInfo: " + describe(e);
        }
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            return "NOTCMS contentType=" + contentInfo.getContentType().getId();
        }

        ByteArrayOutputStream signed = new ByteArrayOutputStream(ia + ic);
        signed.write(pdf, 0, ia);
        signed.write(pdf, ib, ic);
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed.toByteArray()), contentInfo);
        Store<X509CertificateHolder> certs = cms.getCertificates();
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.isEmpty()) return "ERROR no SignerInfo";

        StringBuilder detail = new StringBuilder();
        boolean valid = true;
        for (SignerInformation si : signers) {
            Collection<X509CertificateHolder> matches = certs.getMatches(si.getSID());
            if (matches.isEmpty()) return "ERROR no certificate for the SignerInfo " + si.getSID();
            X509CertificateHolder cert = matches.iterator().next();
            if (detail.length() > 0) detail.append(' ');
            detail.append("digest=").append(si.getDigestAlgOID())
                .append(" subject=").append(cert.getSubject());
            try {
                valid &= si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert));
            } catch (CMSSignerDigestMismatchException e) {
                return "INVALID " + detail + " " + describe(e);
            }
        }
        return (valid ? "VALID " : "INVALID ") + detail;
    }

    /** Hex digits in [from, to), whitespace skipped; an odd final digit is followed by 0. */
    static byte[] hexDecode(byte[] s, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) / 2 + 1);
        int hi = -1;
        for (int i = from; i < to; i++) {
            if (isWhitespace(s[i])) continue;
            int d = Character.digit(s[i], 16);
            if (d < 0) throw new IllegalArgumentException("not a hex digit at offset " + i);
            if (hi < 0) {
                hi = d;
            } else {
                out.write(hi << 4 | d);
                hi = -1;
            }
        }
        if (hi >= 0) out.write(hi << 4);
        return out.toByteArray();
    }

    static String describe(Throwable e) {
        String msg = e.getMessage();
        String s = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return s.replaceAll("[\\r\\n]+", " ");
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }

    static int skipWhitespace(byte[] s, int p) {
        while (p < s.length && isWhitespace(s[p])) p++;
        return p;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
