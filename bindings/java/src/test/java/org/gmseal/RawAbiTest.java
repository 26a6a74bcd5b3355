package org.gmseal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.gmseal.internal.Ffi;
import org.gmseal.internal.Loader;
import org.gmseal.internal.Native;
import org.gmseal.internal.Native.GmsealBytes;
import org.gmseal.internal.Native.SizeT;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C ABI itself through the JNA interface: NULL and out-of-range arguments give error codes
 * (never a crash), out-parameters are reset, the last error is per thread, freeing is idempotent.
 */
class RawAbiTest {
    private final Native lib = Ffi.lib();
    private static final SizeT ZERO = new SizeT(0);

    private void expect(int rc, int code, String name) {
        assertEquals(code, rc, Ffi.string(lib.gmseal_last_error_message()));
        assertEquals(name, Ffi.string(lib.gmseal_last_error_code_name()));
        assertTrue(Ffi.string(lib.gmseal_last_error_message()).length() > 0);
    }

    private static Memory mem(byte[] b) {
        Memory m = new Memory(Math.max(1, b.length));
        m.write(0, b, 0, b.length);
        return m;
    }

    @Test
    void nullArguments() {
        GmsealBytes.ByReference out = new GmsealBytes.ByReference();
        PointerByReference key = new PointerByReference();
        expect(lib.gmseal_key_generate(null), 1000, "ffi.null-argument");
        expect(lib.gmseal_key_load(null, ZERO, null, ZERO, key), 1000, "ffi.null-argument");
        Memory junk = mem("junk".getBytes(StandardCharsets.US_ASCII));
        expect(lib.gmseal_key_load(junk, new SizeT(4), null, new SizeT(3), key), 1000, "ffi.null-argument");
        expect(lib.gmseal_key_load(junk, new SizeT(-1), null, ZERO, key), 1004, "ffi.invalid-argument");
        expect(lib.gmseal_key_public_key(null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_key_export(null, null, ZERO, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_key_sign_digest(null, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_key_from_callback(junk, new SizeT(4), null, null, key), 1000, "ffi.null-argument");
        expect(lib.gmseal_cert_issue(null, "CN=x", null, null, ZERO, null, -1, 1, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_cert_to_json(null, ZERO, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_cert_to_json(junk, new SizeT(4), null), 1000, "ffi.null-argument");
        expect(lib.gmseal_cert_verify(null, ZERO, null, null, ZERO, null, ZERO, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_cms_sign(null, ZERO, null, ZERO, null, null, ZERO, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_cms_verify(null, ZERO, null, ZERO, null, ZERO, null, ZERO, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_license_validate(null, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_license_identifier(null, null, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_license_issue(null, null, -1, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_pdf_sign(null, ZERO, null, ZERO, null, ZERO, null, null, ZERO, null, out), 1000,
                "ffi.null-argument");
        expect(lib.gmseal_pdf_verify(null, ZERO, null, ZERO, null, ZERO, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_seal_image_png(null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_seal_make(null, null, ZERO, null, null, ZERO, -1, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_seal_to_json(null, ZERO, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_seal_verify(null, ZERO, null, ZERO, null, ZERO, null, out), 1000, "ffi.null-argument");
        expect(lib.gmseal_ses_sign(null, ZERO, null, ZERO, null, ZERO, null, null, -1, out), 1000,
                "ffi.null-argument");
        expect(lib.gmseal_ses_verify(null, ZERO, null, ZERO, null, ZERO, null, ZERO, null, out), 1000, "ffi.null-argument");
        out.read();
        assertNull(out.data);
        assertEquals(0, out.len.longValue());
        // Freeing nothing, twice.
        lib.gmseal_bytes_free(null);
        lib.gmseal_bytes_free(out);
        lib.gmseal_bytes_free(out);
        lib.gmseal_key_free(null);
        // Freeing does not clear the last error.
        assertEquals("ffi.null-argument", Ffi.string(lib.gmseal_last_error_code_name()));
    }

    @Test
    void outParametersAreResetAndErrorsCleared() {
        PointerByReference key = new PointerByReference(new Memory(8)); // garbage that must be reset
        Memory junk = mem("junk".getBytes(StandardCharsets.US_ASCII));
        expect(lib.gmseal_key_load(junk, new SizeT(4), null, ZERO, key), 1100, "decode.malformed");
        assertNull(key.getValue());

        assertEquals(0, lib.gmseal_key_generate(key));
        Pointer k = key.getValue();
        assertNull(lib.gmseal_last_error_code_name());
        assertNull(lib.gmseal_last_error_message());

        GmsealBytes.ByReference out = new GmsealBytes.ByReference();
        assertEquals(0, lib.gmseal_key_public_key(k, out));
        out.read();
        assertEquals(91, out.len.longValue());
        lib.gmseal_bytes_free(out);
        out.read();
        assertNull(out.data);
        assertEquals(0, out.len.longValue());
        lib.gmseal_key_free(k);

        // Invalid UTF-8 in a string argument (passed as raw bytes through a second mapping).
        assertEquals(0, lib.gmseal_key_generate(key));
        Pointer k2 = key.getValue();
        Memory badUtf8 = new Memory(8);
        badUtf8.write(0, new byte[] {'C', 'N', '=', (byte) 0xff, (byte) 0xfe, 0}, 0, 6);
        com.sun.jna.Function issue = com.sun.jna.NativeLibrary.getInstance(Loader.loadedName())
                .getFunction("gmseal_cert_issue");
        int rc = issue.invokeInt(new Object[] {mem("root\0".getBytes(StandardCharsets.US_ASCII)), badUtf8, k2, null,
            ZERO, null, -1L, 10, out});
        expect(rc, 1001, "ffi.invalid-utf8");
        lib.gmseal_key_free(k2);
    }

    @Test
    void lastErrorIsPerThread() throws Exception {
        expect(lib.gmseal_key_generate(null), 1000, "ffi.null-argument");
        AtomicReference<String> other = new AtomicReference<>("unset");
        Thread t = new Thread(() -> other.set(Ffi.string(lib.gmseal_last_error_code_name())));
        t.start();
        t.join();
        assertNull(other.get());
        assertEquals("ffi.null-argument", Ffi.string(lib.gmseal_last_error_code_name()));
    }

    @Test
    void threadsUseTheBindingConcurrently() throws Exception {
        TestSupport.Pki pki = TestSupport.pki();
        Thread[] threads = new Thread[8];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < threads.length; i++) {
            final int n = i;
            threads[i] = new Thread(() -> {
                try {
                    for (int j = 0; j < 5; j++) {
                        byte[] data = ("thread " + n + " " + j).getBytes(StandardCharsets.UTF_8);
                        byte[] cms = Cms.sign(data, pki.signer2, pki.signer2Key);
                        assertTrue(Cms.verify(cms, data, java.util.List.of(pki.root)).isValid());
                        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                                () -> License.validate("{", null));
                        assertEquals("ffi.invalid-json", e.getCodeName());
                    }
                } catch (Throwable x) {
                    failure.compareAndSet(null, x);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
