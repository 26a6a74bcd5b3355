package org.gmseal;

import java.util.Arrays;

/** Just enough DER to find a certificate's SubjectPublicKeyInfo. */
final class Der {
    private Der() {}

    /** {@code [tagStart, contentStart, end)} of the TLV at {@code p}. */
    private static int[] tlv(byte[] d, int p, int limit) {
        if (p + 2 > limit) {
            throw bad();
        }
        int q = p + 1;
        int len = d[q++] & 0xff;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 4 || q + n > limit) {
                throw bad();
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (d[q++] & 0xff);
            }
            if (len < 0) {
                throw bad();
            }
        }
        if (q + len > limit || q + len < q) {
            throw bad();
        }
        return new int[] {p, q, q + len};
    }

    private static DecodeException bad() {
        return new DecodeException(1100, "decode.malformed", "the certificate's DER is malformed", null);
    }

    /** The SubjectPublicKeyInfo of a certificate, DER. */
    static byte[] subjectPublicKeyInfo(byte[] cert) {
        int[] c = tlv(cert, 0, cert.length);
        int[] tbs = tlv(cert, c[1], c[2]);
        int p = tbs[1];
        int[] f = tlv(cert, p, tbs[2]);
        if ((cert[p] & 0xff) == 0xa0) {
            p = f[2];
        }
        // serialNumber, signature, issuer, validity, subject, then subjectPublicKeyInfo
        for (int i = 0; i < 5; i++) {
            p = tlv(cert, p, tbs[2])[2];
        }
        int[] spki = tlv(cert, p, tbs[2]);
        if ((cert[p] & 0xff) != 0x30) {
            throw bad();
        }
        return Arrays.copyOfRange(cert, spki[0], spki[2]);
    }
}
