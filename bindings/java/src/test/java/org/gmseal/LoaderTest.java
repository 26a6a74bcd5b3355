package org.gmseal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading the library: by file, by directory, through jna.library.path, and the failures. */
class LoaderTest {
    private static List<String> probe(String... properties) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p : properties) {
            cmd.add("-D" + p);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoadProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return List.of(out.strip().split("\n"));
    }

    private static Path library() {
        return Path.of(System.getProperty("gmseal.library.path")).toAbsolutePath();
    }

    @Test
    void loadsByFileDirectoryOrJnaPath() throws Exception {
        String version = Gmseal.version();
        Path lib = library();
        Assumptions.assumeTrue(Files.isRegularFile(lib), "gmseal.library.path is not a file");
        assertEquals(List.of("OK " + version, "OK " + version), probe("gmseal.library.path=" + lib));
        Assumptions.assumeTrue(lib.getFileName().toString().equals(System.mapLibraryName("gmseal_ffi")));
        assertEquals("OK " + version, probe("gmseal.library.path=" + lib.getParent()).get(0));
        assertEquals("OK " + version, probe("jna.library.path=" + lib.getParent()).get(0));
    }

    @Test
    void missingLibraryIsAClearError() throws Exception {
        List<String> out = probe("gmseal.library.path=/nonexistent/libgmseal_ffi.so");
        assertEquals(2, out.size(), out.toString());
        for (String line : out) {
            assertTrue(line.startsWith("FAIL java.lang.UnsatisfiedLinkError: gmseal: cannot load the native library "
                    + "/nonexistent/libgmseal_ffi.so"), line);
            assertTrue(line.contains("-Dgmseal.library.path="), line);
        }
    }

    @Test
    void abiMismatchIsAClearError(@TempDir Path dir) throws Exception {
        // A stand-in library of another ABI version, if a C compiler is at hand.
        Path src = dir.resolve("stub.c");
        Files.writeString(src, "unsigned gmseal_abi_version(void) { return 99; }\n"
                + "const char *gmseal_version(void) { return \"9.9.9\"; }\n");
        Path so = dir.resolve(System.mapLibraryName("gmseal_ffi"));
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", so.toString(), src.toString())
                    .redirectErrorStream(true).redirectOutput(new File(dir.resolve("cc.log").toString())).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no C compiler: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(cc.waitFor() == 0, "cc failed");
        List<String> out = probe("gmseal.library.path=" + so);
        for (String line : out) {
            assertTrue(line.startsWith("FAIL java.lang.UnsatisfiedLinkError: gmseal: the library " + so
                    + " (version 9.9.9) has C ABI version 99, but this Java binding was written for ABI version 1"),
                    line);
        }
    }
}
