package org.gmseal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.gmseal.internal.Ffi;
import org.gmseal.internal.Native;

/**
 * An SM2 signing key held by the native library ({@code gmseal_key}): a private key in native
 * memory, or a public key whose signatures an {@link HsmSigner} makes.
 *
 * <p>Close it when done ({@code try (PrivateKey key = PrivateKey.generate()) {...}}): the
 * native key is wiped and freed. A key that is never closed is freed by a {@link Cleaner} once
 * it is unreachable, as a safety net only. Using a key after {@link #close()} throws {@link
 * IllegalStateException}. Keys are thread-safe; {@code close()} waits for calls in progress.
 */
public final class PrivateKey implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** What the cleaner frees: the handle, and the callback that must outlive it. */
    private static final class State implements Runnable {
        private Pointer handle;
        @SuppressWarnings("unused") // kept strongly reachable until the handle is freed
        private final Native.SignCallback callback;

        State(Pointer handle, Native.SignCallback callback) {
            this.handle = handle;
            this.callback = callback;
        }

        @Override
        public synchronized void run() {
            if (handle != null) {
                Ffi.lib().gmseal_key_free(handle);
                handle = null;
            }
        }
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final boolean external;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private PrivateKey(Pointer handle, Native.SignCallback callback) {
        this.state = new State(handle, callback);
        this.external = callback != null;
        this.cleanable = CLEANER.register(this, state);
    }

    private static PrivateKey fromOut(PointerByReference out, Native.SignCallback callback) {
        Pointer p = out.getValue();
        if (p == null) {
            throw new GmsealException(1901, "internal.error", "the library returned no key handle", null);
        }
        return new PrivateKey(p, callback);
    }

    /** Generate a fresh SM2 key pair with the operating system's random generator. */
    public static PrivateKey generate() {
        PointerByReference out = new PointerByReference();
        Ffi.check(Ffi.lib().gmseal_key_generate(out));
        return fromOut(out, null);
    }

    /**
     * Load an unencrypted private key: PEM or DER, PKCS#8 or SEC1 ({@code EC PRIVATE KEY},
     * OpenSSL's {@code SM2 PRIVATE KEY}). An encrypted key fails with {@code
     * crypto.password-required}.
     */
    public static PrivateKey load(byte[] data) {
        return load(data, (byte[]) null);
    }

    /**
     * Load a private key, decrypting an {@code ENCRYPTED PRIVATE KEY} (PBES2 with SM4-CBC) with
     * {@code password} (UTF-8); null for an unencrypted key.
     *
     * @throws CryptoException {@code crypto.wrong-password}, {@code crypto.password-required},
     *     {@code crypto.pem}...
     * @throws DecodeException {@code decode.malformed}
     */
    public static PrivateKey load(byte[] data, String password) {
        byte[] pw = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        try {
            return load(data, pw);
        } finally {
            if (pw != null) {
                Arrays.fill(pw, (byte) 0);
            }
        }
    }

    /** As {@link #load(byte[], String)}, the password given as characters (encoded as UTF-8). */
    public static PrivateKey load(byte[] data, char[] password) {
        byte[] pw = password == null ? null : utf8(password);
        try {
            return load(data, pw);
        } finally {
            if (pw != null) {
                Arrays.fill(pw, (byte) 0);
            }
        }
    }

    /** As {@link #load(byte[], String)}, the password given as raw bytes. */
    public static PrivateKey load(byte[] data, byte[] password) {
        Objects.requireNonNull(data, "data");
        PointerByReference out = new PointerByReference();
        try (Ffi.Arena a = new Ffi.Arena()) {
            Ffi.check(Ffi.lib().gmseal_key_load(a.secret(data), Ffi.len(data), a.secret(password),
                    Ffi.len(password), out));
        }
        return fromOut(out, null);
    }

    /** Load a key file (PEM or DER); {@code password} null for an unencrypted key. */
    public static PrivateKey load(Path file, String password) throws IOException {
        byte[] data = Files.readAllBytes(file);
        try {
            return load(data, password);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * A key whose signatures {@code signer} makes, for the public key {@code spkiDer} (DER
     * {@code SubjectPublicKeyInfo}, for example {@link Certificate#publicKeyDer()} of the key's
     * certificate). The signer is kept strongly referenced until the key is closed or cleaned.
     *
     * @throws CryptoException when {@code spkiDer} is not an SM2 public key
     */
    public static PrivateKey fromSigner(byte[] spkiDer, HsmSigner signer) {
        Objects.requireNonNull(spkiDer, "spkiDer");
        Objects.requireNonNull(signer, "signer");
        Native.SignCallback callback = new Trampoline(signer);
        PointerByReference out = new PointerByReference();
        try (Ffi.Arena a = new Ffi.Arena()) {
            Ffi.check(Ffi.lib().gmseal_key_from_callback(a.in(spkiDer), Ffi.len(spkiDer), callback, null, out));
        }
        return fromOut(out, callback);
    }

    /** The C callback around an {@link HsmSigner}: never lets an exception reach native code. */
    private static final class Trampoline implements Native.SignCallback {
        private final HsmSigner signer;

        Trampoline(HsmSigner signer) {
            this.signer = signer;
        }

        @Override
        public int invoke(Pointer userdata, Pointer digest, Pointer signatureOut, Native.SizeT capacity,
                Pointer signatureLen) {
            try {
                if (digest == null || signatureOut == null || signatureLen == null) {
                    throw new IllegalStateException("the library passed a NULL pointer to the signing callback");
                }
                byte[] sig = signer.sign(digest.getByteArray(0, 32));
                if (sig == null || sig.length == 0) {
                    throw new IllegalStateException("the HsmSigner returned no signature");
                }
                if (sig.length > capacity.longValue()) {
                    throw new IllegalStateException("the HsmSigner returned " + sig.length
                            + " bytes, more than the " + capacity.longValue() + " allowed");
                }
                signatureOut.write(0, sig, 0, sig.length);
                if (com.sun.jna.Native.SIZE_T_SIZE == 8) {
                    signatureLen.setLong(0, sig.length);
                } else {
                    signatureLen.setInt(0, sig.length);
                }
                return 0;
            } catch (Throwable t) {
                try {
                    Ffi.setPendingCause(t);
                } catch (Throwable ignored) {
                    // never let anything escape into native code
                }
                return 1;
            }
        }
    }

    /**
     * Run {@code f} with the native handle, keeping the key open and reachable during the call.
     * For the classes of this package.
     */
    <T> T use(Function<Pointer, T> f) {
        ReentrantReadWriteLock.ReadLock r = lock.readLock();
        r.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the key is closed");
            }
            return f.apply(state.handle);
        } finally {
            r.unlock();
            Reference.reachabilityFence(this);
        }
    }

    /** Whether the key's signatures are made by an {@link HsmSigner}. */
    public boolean isExternal() {
        return external;
    }

    /** The public key as DER {@code SubjectPublicKeyInfo}. */
    public byte[] publicKeyDer() {
        return use(h -> Ffi.bytes(out -> Ffi.lib().gmseal_key_public_key(h, out)));
    }

    /**
     * The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}).
     *
     * @throws UsageException {@code ffi.invalid-argument} for a key held by an {@link HsmSigner}
     */
    public String exportPem() {
        return exportPem((byte[]) null);
    }

    /**
     * The private key as {@code ENCRYPTED PRIVATE KEY} PEM (PBES2: PBKDF2-HMAC-SM3, SM4-CBC, as
     * GmSSL writes it), encrypted with {@code password} (UTF-8); null for unencrypted PKCS#8.
     */
    public String exportPem(String password) {
        byte[] pw = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        try {
            return exportPem(pw);
        } finally {
            if (pw != null) {
                Arrays.fill(pw, (byte) 0);
            }
        }
    }

    /** As {@link #exportPem(String)}, the password given as raw bytes. */
    public String exportPem(byte[] password) {
        byte[] pem = use(h -> {
            try (Ffi.Arena a = new Ffi.Arena()) {
                Pointer pw = a.secret(password);
                return Ffi.bytes(out -> Ffi.lib().gmseal_key_export(h, pw, Ffi.len(password), out));
            }
        });
        try {
            return new String(pem, StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }

    /**
     * Sign a 32-byte digest {@code e = SM3(ZA || M)}; returns the DER SM2 signature. With an
     * external key this calls its {@link HsmSigner}.
     */
    public byte[] signDigest(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != 32) {
            throw new IllegalArgumentException("an SM2 digest e is 32 bytes, not " + digest.length);
        }
        return use(h -> {
            try (Ffi.Arena a = new Ffi.Arena()) {
                Pointer d = a.in(digest);
                return Ffi.bytes(out -> Ffi.lib().gmseal_key_sign_digest(h, d, out));
            }
        });
    }

    /** Wipe and free the native key. Idempotent; waits for calls in progress on other threads. */
    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock w = lock.writeLock();
        w.lock();
        try {
            if (!closed) {
                closed = true;
                cleanable.clean();
            }
        } finally {
            w.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private static byte[] utf8(char[] chars) {
        java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    @Override
    public String toString() {
        return "PrivateKey[" + (closed ? "closed" : external ? "external" : "SM2") + "]";
    }
}
