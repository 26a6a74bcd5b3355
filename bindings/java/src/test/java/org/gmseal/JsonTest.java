package org.gmseal;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gmseal.internal.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void reads() {
        Map<String, Object> m = Json.parseObject(
                " {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"b\": {\"c\": \"x\\u00e9\\n\\\"\\ud83d\\ude00\"},"
                        + " \"big\": 123456789012345678901234567890, \"e\": {}, \"l\": []} ");
        assertEquals(List.of(1L, -2L, 3.5, 1000.0, true, false), ((List<?>) m.get("a")).subList(0, 6));
        assertNull(((List<?>) m.get("a")).get(6));
        assertEquals("xé\n\"😀", ((Map<?, ?>) m.get("b")).get("c"));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
        assertTrue(((Map<?, ?>) m.get("e")).isEmpty());
        assertEquals(List.of("a", "b", "big", "e", "l"), List.copyOf(m.keySet()));
    }

    @Test
    void rejects() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\x\"", "tru", "[1] 2", "\"a\nb\"",
            "{\"a\":}", "-", "1.", "[" .repeat(1000)}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "引号\"\\\n\u0001");
        m.put("n", 42);
        m.put("d", 1.5);
        m.put("w", 40.0);
        m.put("a", new double[] {1, 2.25});
        m.put("b", true);
        m.put("z", null);
        String text = Json.write(m);
        assertEquals("{\"s\":\"引号\\\"\\\\\\n\\u0001\",\"n\":42,\"d\":1.5,\"w\":40,\"a\":[1,2.25],\"b\":true,\"z\":null}",
                text);
        Map<String, Object> back = Json.parseObject(text);
        assertEquals(m.get("s"), back.get("s"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    }
}
