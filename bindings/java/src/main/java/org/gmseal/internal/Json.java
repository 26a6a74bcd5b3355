package org.gmseal.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer (RFC 8259), enough for gmseal's reports and options. Not
 * public API.
 *
 * <p>Values are read as: object → unmodifiable {@code Map<String, Object>} (insertion order),
 * array → unmodifiable {@code List<Object>}, string → {@link String}, number → {@link Long} when
 * integral and in range, else {@link BigInteger} when integral, else {@link Double}, {@code
 * true}/{@code false} → {@link Boolean}, {@code null} → Java {@code null}.
 */
public final class Json {
    private final String s;
    private int i;
    private int depth;

    private static final int MAX_DEPTH = 512;

    private Json(String s) {
        this.s = s;
    }

    /** Parse one JSON text; throws {@link IllegalArgumentException} when it is not JSON. */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != p.s.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /** Parse a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else {
                break;
            }
        }
    }

    private Object value() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': literal("true"); return Boolean.TRUE;
            case 'f': literal("false"); return Boolean.FALSE;
            case 'n': literal("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) {
            throw error("expected " + word);
        }
        i += word.length();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
    }

    private Map<String, Object> object() {
        enter();
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            i++;
            depth--;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String k = string();
            ws();
            expect(':');
            ws();
            m.put(k, value());
            ws();
            char c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                i--;
                throw error("expected ',' or '}'");
            }
        }
        depth--;
        return Collections.unmodifiableMap(m);
    }

    private List<Object> array() {
        enter();
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (peek() == ']') {
            i++;
            depth--;
            return Collections.unmodifiableList(l);
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            char c = next();
            if (c == ']') {
                break;
            }
            if (c != ',') {
                i--;
                throw error("expected ',' or ']'");
            }
        }
        depth--;
        return Collections.unmodifiableList(l);
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            i--;
            throw error("expected '" + c + "'");
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                        break;
                    default:
                        throw error("bad escape \\" + e);
                }
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else {
                b.append(c);
            }
        }
    }

    private Object number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        digits();
        boolean integral = true;
        if (i < s.length() && s.charAt(i) == '.') {
            integral = false;
            i++;
            digits();
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            digits();
        }
        String t = s.substring(start, i);
        if (integral) {
            BigInteger v = new BigInteger(t);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }
        return new BigDecimal(t).doubleValue();
    }

    private void digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            throw error("expected a digit");
        }
    }

    // ---- writing ----

    /** {@code value} as JSON text: maps, iterables, strings, numbers, booleans, null. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String) {
            quote(b, (String) v);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            b.append(v);
        } else if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            b.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        } else if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable) {
            b.append('[');
            boolean first = true;
            for (Object o : (Iterable<?>) v) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, o);
            }
            b.append(']');
        } else if (v instanceof double[]) {
            List<Object> l = new ArrayList<>();
            for (double d : (double[]) v) {
                l.add(d);
            }
            write(b, l);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    // ---- typed access ----

    /** A view of a parsed object with typed getters that tolerate absent members. */
    public static final class Obj {
        private final Map<String, Object> m;

        public Obj(Map<String, Object> m) {
            this.m = m == null ? Collections.emptyMap() : m;
        }

        public static Obj parse(String text) {
            return new Obj(parseObject(text));
        }

        public Map<String, Object> map() {
            return m;
        }

        public boolean has(String k) {
            return m.get(k) != null;
        }

        public Object get(String k) {
            return m.get(k);
        }

        public String str(String k) {
            Object v = m.get(k);
            return v == null ? null : v instanceof String ? (String) v : String.valueOf(v);
        }

        public boolean bool(String k) {
            return Boolean.TRUE.equals(m.get(k));
        }

        public Long lng(String k) {
            Object v = m.get(k);
            return v instanceof Number ? ((Number) v).longValue() : null;
        }

        public long lng(String k, long dflt) {
            Long v = lng(k);
            return v == null ? dflt : v;
        }

        @SuppressWarnings("unchecked")
        public Obj obj(String k) {
            Object v = m.get(k);
            return v instanceof Map ? new Obj((Map<String, Object>) v) : null;
        }

        public List<Object> list(String k) {
            Object v = m.get(k);
            if (v instanceof List) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) v;
                return l;
            }
            return Collections.emptyList();
        }

        @SuppressWarnings("unchecked")
        public List<Obj> objs(String k) {
            List<Obj> out = new ArrayList<>();
            for (Object o : list(k)) {
                if (o instanceof Map) {
                    out.add(new Obj((Map<String, Object>) o));
                }
            }
            return Collections.unmodifiableList(out);
        }

        public List<String> strs(String k) {
            List<String> out = new ArrayList<>();
            for (Object o : list(k)) {
                out.add(o == null ? null : String.valueOf(o));
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public String toString() {
            return write(m);
        }
    }
}
