package org.gmseal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gmseal.internal.Native;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Native} mirrors ffi/include/gmseal.h: every function, every parameter's type, the constants. */
class HeaderTest {
    private static String header() throws Exception {
        return Files.readString(TestSupport.repo().resolve("ffi/include/gmseal.h"));
    }

    /** The Java type a C parameter or result maps to. */
    private static Class<?> javaType(String c) {
        String t = c.replace("const ", "").replace("struct ", "").replaceAll("\\s+", " ").trim();
        switch (t) {
            case "uint8_t *":
            case "void *":
            case "gmseal_key *":
                return Pointer.class;
            case "char *":
                return String.class;
            case "gmseal_key **":
                return PointerByReference.class;
            case "gmseal_bytes *":
                return Native.GmsealBytes.ByReference.class;
            case "size_t":
                return Native.SizeT.class;
            case "int64_t":
                return long.class;
            case "uint32_t":
            case "gmseal_result":
                return int.class;
            case "gmseal_sign_callback":
                return Native.SignCallback.class;
            case "void":
                return void.class;
            default:
                throw new AssertionError("unmapped C type " + c);
        }
    }

    @Test
    void functionsMatch() throws Exception {
        String h = header().replaceAll("/\\*.*?\\*/", " ");
        Matcher m = Pattern.compile("\\n((?:const )?[a-z_0-9]+(?: \\*)?)\\s*(gmseal_[a-z_0-9]+)\\(([^)]*)\\);")
                .matcher(h);
        Map<String, Method> methods = new HashMap<>();
        for (Method x : Native.class.getDeclaredMethods()) {
            methods.put(x.getName(), x);
        }
        TreeSet<String> seen = new TreeSet<>();
        while (m.find()) {
            String name = m.group(2);
            seen.add(name);
            Method method = methods.get(name);
            assertNotNull(method, name + " is in gmseal.h but not in Native");
            String ret = m.group(1);
            Class<?> want = ret.contains("char *") ? Pointer.class : javaType(ret);
            assertEquals(want, method.getReturnType(), name + " result");
            List<Class<?>> params = new ArrayList<>();
            String args = m.group(3).trim();
            if (!args.equals("void")) {
                for (String p : args.split(",")) {
                    String decl = p.trim();
                    int cut = Math.max(decl.lastIndexOf(' '), decl.lastIndexOf('*'));
                    params.add(javaType(decl.substring(0, cut + 1)));
                }
            }
            assertEquals(params, Arrays.asList(method.getParameterTypes()), name + " parameters");
        }
        assertEquals(new TreeSet<>(methods.keySet()), seen, "Native declares exactly the header's functions");
        assertTrue(seen.size() >= 25, seen.toString());
    }

    @Test
    void constantsAndResultCodes() throws Exception {
        String h = header();
        Matcher abi = Pattern.compile("#define GMSEAL_ABI_VERSION (\\d+)").matcher(h);
        assertTrue(abi.find());
        assertEquals(Native.GMSEAL_ABI_VERSION, Integer.parseInt(abi.group(1)));
        Matcher now = Pattern.compile("#define GMSEAL_TIME_NOW (-?\\d+)").matcher(h);
        assertTrue(now.find());
        assertEquals(Native.GMSEAL_TIME_NOW, Long.parseLong(now.group(1)));
        Matcher max = Pattern.compile("#define GMSEAL_TIME_MAX (\\d+)").matcher(h);
        assertTrue(max.find());
        assertEquals(Native.GMSEAL_TIME_MAX, Long.parseLong(max.group(1)));

        // Every result code maps to the exception of its band, and its name to its code name.
        Matcher e = Pattern.compile("\\n\\s*GMSEAL_([A-Z0-9_]+) = (\\d+),?").matcher(h);
        int n = 0;
        while (e.find()) {
            int code = Integer.parseInt(e.group(2));
            if (code == 0) {
                continue;
            }
            n++;
            GmsealException x = GmsealException.of(code, "x", "y", null);
            Class<?> band;
            switch (code / 100) {
                case 10: band = UsageException.class; break;
                case 11: band = DecodeException.class; break;
                case 12: band = CryptoException.class; break;
                case 13: band = PkiException.class; break;
                case 14: band = CmsException.class; break;
                case 15: band = SealException.class; break;
                case 16: band = LicenseException.class; break;
                case 17: band = PdfException.class; break;
                case 18: band = GmsealIOException.class; break;
                case 19: band = InternalException.class; break;
                default: throw new AssertionError("code " + code + " outside every band");
            }
            assertEquals(band, x.getClass(), e.group(1));
            assertEquals(code, x.getCode());
        }
        assertTrue(n > 50, "result codes found: " + n);
    }
}
