package org.gmseal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.gmseal.internal.Ffi;

/**
 * A GB/T 38540 seal signature ({@code SES_Signature}), held as its DER bytes. Immutable. Made
 * by {@link Seal#sign}.
 */
public final class SealSignature {
    private final byte[] der;

    private SealSignature(byte[] der) {
        this.der = der;
    }

    static SealSignature wrap(byte[] der) {
        return new SealSignature(der);
    }

    /** A seal signature of its DER bytes (copied; parsed when used). */
    public static SealSignature fromDer(byte[] der) {
        return new SealSignature(Objects.requireNonNull(der, "der").clone());
    }

    /** A seal signature file (DER). */
    public static SealSignature load(Path file) throws IOException {
        return new SealSignature(Files.readAllBytes(file));
    }

    /** The DER bytes (a copy). */
    public byte[] der() {
        return der.clone();
    }

    /** Write it to a file. */
    public void save(Path file) throws IOException {
        Files.write(file, der);
    }

    /**
     * Verify the signature (GB/T 38540 §7.3) over {@code data}, the original (null when not at
     * hand: the result is then at best indeterminate), with the signer's and the seal maker's
     * chains to {@code roots} (null or empty: not checked) through the options' intermediates,
     * with its CRLs and user-ID variants ({@code options} null: the defaults).
     *
     * @throws DecodeException when the bytes are not a seal signature
     */
    public SealSignatureReport verify(byte[] data, Collection<Certificate> roots, VerifyOptions options) {
        VerifyOptions o = VerifyOptions.orDefault(options);
        byte[] anchors = Certificate.bundle(roots);
        byte[] inter = o.intermediatesPem();
        String json = o.json(null);
        try (Ffi.Arena a = new Ffi.Arena()) {
            return new SealSignatureReport(Ffi.text(out -> Ffi.lib().gmseal_ses_verify(a.in(der), Ffi.len(der),
                    a.in(data), Ffi.len(data), a.in(anchors), Ffi.len(anchors), a.in(inter), Ffi.len(inter), json,
                    out)));
        }
    }

    /** Verify with the default options. */
    public SealSignatureReport verify(byte[] data, Collection<Certificate> roots) {
        return verify(data, roots, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealSignature && Arrays.equals(der, ((SealSignature) o).der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "SealSignature[" + der.length + " bytes DER]";
    }
}
