package org.gmseal;

import org.gmseal.internal.Ffi;
import org.gmseal.internal.Native;

/**
 * The native library: its version and ABI. Every class of {@code org.gmseal} loads it on first
 * use from the system property {@code gmseal.library.path} (the file, or its directory), else
 * through JNA's search ({@code jna.library.path}, then the system's), and checks that its C ABI
 * version is {@link #BINDING_ABI_VERSION}; otherwise the first call throws {@link
 * UnsatisfiedLinkError} saying what was found.
 */
public final class Gmseal {
    /** The C ABI version this binding was written for. */
    public static final int BINDING_ABI_VERSION = Native.GMSEAL_ABI_VERSION;

    private Gmseal() {}

    /** The native library's version, for example {@code 0.1.0}. */
    public static String version() {
        return Ffi.string(Ffi.lib().gmseal_version());
    }

    /** The native library's C ABI version (equal to {@link #BINDING_ABI_VERSION} once loaded). */
    public static int abiVersion() {
        return Ffi.lib().gmseal_abi_version();
    }
}
