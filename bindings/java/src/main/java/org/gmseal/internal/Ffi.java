package org.gmseal.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gmseal.GmsealException;
import org.gmseal.internal.Native.GmsealBytes;
import org.gmseal.internal.Native.SizeT;

/**
 * Calling the C ABI: native copies of Java inputs, the {@code gmseal_bytes} outputs, and the
 * translation of results into {@link GmsealException}s. Not public API.
 */
public final class Ffi {
    private Ffi() {}

    /** The loaded library. */
    public static Native lib() {
        return Loader.lib();
    }

    /** A C call that fills in one {@code gmseal_bytes}. */
    @FunctionalInterface
    public interface BytesCall {
        int call(GmsealBytes.ByReference out);
    }

    /**
     * Run {@code call} with a fresh {@code gmseal_bytes} out-parameter and return a copy of what
     * it holds; the native buffer is always freed (and wiped by the library), also on failure.
     */
    public static byte[] bytes(BytesCall call) {
        Native lib = lib();
        GmsealBytes.ByReference out = new GmsealBytes.ByReference();
        try {
            int rc = call.call(out);
            check(rc);
            out.read();
            long len = out.len.longValue();
            if (out.data == null || len == 0) {
                return new byte[0];
            }
            if (len > Integer.MAX_VALUE - 8) {
                throw new GmsealException(1901, "internal.error",
                        "the library returned " + len + " bytes, more than a Java array can hold", null);
            }
            return out.data.getByteArray(0, (int) len);
        } finally {
            PENDING_CAUSE.remove();
            lib.gmseal_bytes_free(out);
        }
    }

    /** As {@link #bytes}, decoded as UTF-8 text (JSON, PEM, identifiers). */
    public static String text(BytesCall call) {
        return new String(bytes(call), StandardCharsets.UTF_8);
    }

    /** The exception a Java-side cause (a signing callback's) is attached to, per thread. */
    private static final ThreadLocal<Throwable> PENDING_CAUSE = new ThreadLocal<>();

    /** Remember why a callback failed, for the exception of the call that invoked it. */
    public static void setPendingCause(Throwable t) {
        Throwable previous = PENDING_CAUSE.get();
        if (previous != null && previous != t) {
            t.addSuppressed(previous);
        }
        PENDING_CAUSE.set(t);
    }

    /** Throw the {@link GmsealException} of a non-zero result, with this thread's last error. */
    public static void check(int rc) {
        Throwable cause = PENDING_CAUSE.get();
        PENDING_CAUSE.remove();
        if (rc == Native.GMSEAL_OK) {
            return;
        }
        Native lib = lib();
        String name = string(lib.gmseal_last_error_code_name());
        String message = string(lib.gmseal_last_error_message());
        if (name == null) {
            name = "internal.other";
            message = "the call returned " + rc + " but the library reported no error";
        }
        throw GmsealException.of(rc, name, message == null ? "" : message, cause);
    }

    /** A NUL-terminated UTF-8 string the library owns, or null. */
    public static String string(Pointer p) {
        return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /**
     * Check a string argument before JNA passes it as NUL-terminated UTF-8: an embedded NUL
     * would silently cut it short, and an unpaired surrogate would silently become '?'. Returns
     * {@code s} (null stays null).
     *
     * @throws IllegalArgumentException for such a string
     */
    public static String cstr(String s, String name) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character");
        }
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + " is not valid Unicode (an unpaired surrogate)", e);
        }
        return s;
    }

    /** {@code size_t} of a Java length. */
    public static SizeT size(long n) {
        return new SizeT(n);
    }

    /** The length of an optional array as {@code size_t} (0 for null). */
    public static SizeT len(byte[] b) {
        return new SizeT(b == null ? 0 : b.length);
    }

    /**
     * Unix seconds of an instant; null means {@code GMSEAL_TIME_NOW}.
     *
     * @throws org.gmseal.UsageException {@code ffi.invalid-argument} (as the library would) for an
     *     instant outside [1970-01-01T00:00:00Z, 9999-12-31T23:59:59Z]; checked here so that
     *     1969-12-31T23:59:59Z never passes as -1, "now"
     */
    public static long unix(Instant t) {
        if (t == null) {
            return Native.GMSEAL_TIME_NOW;
        }
        long s = t.getEpochSecond();
        if (s < 0 || s > Native.GMSEAL_TIME_MAX) {
            throw GmsealException.of(1004, "ffi.invalid-argument",
                    "the time " + t + " is outside 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z", null);
        }
        return s;
    }

    /**
     * Native copies of Java byte arrays for the duration of one call. A null array is passed as
     * NULL; an empty one as a valid pointer with length 0 (the ABI treats NULL as "absent" and
     * rejects it for required inputs even with length 0). Secrets are wiped on close.
     */
    public static final class Arena implements AutoCloseable {
        private final List<Memory> owned = new ArrayList<>();
        private final List<Memory> secrets = new ArrayList<>();

        /** A native copy of {@code b}, or NULL for null. */
        public Pointer in(byte[] b) {
            if (b == null) {
                return null;
            }
            Memory m = new Memory(Math.max(1, b.length));
            if (b.length > 0) {
                m.write(0, b, 0, b.length);
            }
            owned.add(m);
            return m;
        }

        /** As {@link #in}, wiped when the arena closes. */
        public Pointer secret(byte[] b) {
            Pointer p = in(b);
            if (p != null) {
                secrets.add((Memory) p);
            }
            return p;
        }

        @Override
        public void close() {
            for (Memory m : secrets) {
                m.clear();
            }
            for (Memory m : owned) {
                m.close();
            }
            owned.clear();
            secrets.clear();
        }
    }
}
