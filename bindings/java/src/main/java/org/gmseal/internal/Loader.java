package org.gmseal.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads {@code libgmseal_ffi} once and checks its ABI version. Not public API.
 *
 * <p>Where it looks: the system property {@code gmseal.library.path} (the library file itself,
 * or a directory holding {@code libgmseal_ffi.so} / {@code gmseal_ffi.dll} /
 * {@code libgmseal_ffi.dylib}); otherwise JNA's search for {@code gmseal_ffi}, which reads the
 * system property {@code jna.library.path} first and then the system's default places
 * ({@code LD_LIBRARY_PATH}, the linker cache...).
 *
 * <p>A failure (not found, or an ABI version other than {@link Native#GMSEAL_ABI_VERSION}) is
 * remembered and thrown again, as a fresh {@link UnsatisfiedLinkError} with the same message, by
 * every later call, instead of the {@code NoClassDefFoundError} a failed static initializer would
 * leave behind.
 */
public final class Loader {
    /** The system property naming the library file or its directory. */
    public static final String LIBRARY_PATH_PROPERTY = "gmseal.library.path";
    /** The library's base name, for JNA's search. */
    public static final String LIBRARY_NAME = "gmseal_ffi";

    private static volatile Native lib;
    private static String loadedName;
    private static String failure;
    private static Throwable failureCause;

    private Loader() {}

    /** The loaded library; throws {@link UnsatisfiedLinkError} when it cannot be used. */
    public static Native lib() {
        Native l = lib;
        if (l != null) {
            return l;
        }
        return load();
    }

    private static synchronized Native load() {
        if (lib != null) {
            return lib;
        }
        if (failure != null) {
            throw linkError(failure, failureCause);
        }
        String where = null;
        try {
            Map<String, Object> options = new HashMap<>();
            options.put(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name());
            String configured = System.getProperty(LIBRARY_PATH_PROPERTY);
            Native loaded;
            if (configured != null && !configured.isEmpty()) {
                File f = new File(configured);
                if (f.isDirectory()) {
                    f = new File(f, System.mapLibraryName(LIBRARY_NAME));
                }
                where = f.getAbsolutePath();
                if (!f.isFile()) {
                    throw new UnsatisfiedLinkError("no such file");
                }
                loaded = com.sun.jna.Native.load(where, Native.class, options);
                loadedName = where;
            } else {
                where = LIBRARY_NAME + " (jna.library.path="
                        + System.getProperty("jna.library.path", "unset") + ", then the system's search path)";
                loaded = com.sun.jna.Native.load(LIBRARY_NAME, Native.class, options);
                loadedName = LIBRARY_NAME;
            }
            int abi = loaded.gmseal_abi_version();
            if (abi != Native.GMSEAL_ABI_VERSION) {
                Pointer v = loaded.gmseal_version();
                String version = v == null ? "?" : v.getString(0, StandardCharsets.UTF_8.name());
                failure = "gmseal: the library " + where + " (version " + version + ") has C ABI version "
                        + abi + ", but this Java binding was written for ABI version " + Native.GMSEAL_ABI_VERSION
                        + ": use the library and the binding of the same gmseal release";
                throw linkError(failure, null);
            }
            lib = loaded;
            return loaded;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            if (failure == null) {
                failure = "gmseal: cannot load the native library " + where + ": " + e.getMessage()
                        + " (set -D" + LIBRARY_PATH_PROPERTY + "=/path/to/" + System.mapLibraryName(LIBRARY_NAME)
                        + " or -Djna.library.path=DIR)";
                failureCause = e;
            }
            throw linkError(failure, failureCause);
        }
    }

    /**
     * The name or path the library was loaded by, for {@link com.sun.jna.NativeLibrary#getInstance(String)}
     * (tests call functions with other argument mappings through it).
     */
    public static String loadedName() {
        lib();
        return loadedName;
    }

    private static UnsatisfiedLinkError linkError(String message, Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError(message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
