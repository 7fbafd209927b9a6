package org.cerise.session.memcached.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.cerise.session.memcached.internal.MemcachedSettings.Server;
import org.junit.jupiter.api.Test;

/** Every setting has a default; servers come in every form a configuration gives; bad values name their key. */
class MemcachedSettingsTest {

    @Test
    void defaultsNeedNoConfiguration() {
        MemcachedSettings s = MemcachedSettings.defaults();
        assertEquals(List.of(new Server("localhost", 11211)), s.servers(), "CherryPy's ['localhost:11211']");
        assertEquals("cerise.session.", s.prefix());
        assertEquals(1000, s.connectTimeout());
        assertEquals(2000, s.timeout());
        assertEquals(16, s.poolSize());
        assertEquals(2000, s.poolWait());
        assertEquals(60_000, s.lockLifetime());
        assertEquals(61, s.lockTtlSeconds(), "a second more than the lifetime, for memcached's coarse clock");
        assertEquals(20, s.lockPoll());
        assertEquals(1000, s.retryInterval());
    }

    @Test
    void serversAsAListACommaSeparatedStringOrBoth() {
        List<Server> expected = List.of(new Server("a", 11211), new Server("b", 1234), new Server("::1", 11211),
                new Server("fe80::1", 99));
        assertEquals(expected, MemcachedSettings.from(Map.of("servers", "a, b:1234,[::1] [fe80::1]:99")).servers());
        assertEquals(expected, MemcachedSettings.from(Map.of("servers",
                new String[] {"a", "b:1234", "[::1],[fe80::1]:99"})).servers());
        assertEquals(expected, MemcachedSettings.from(Map.of("servers",
                List.of("a", "b:1234", "[::1]", "[fe80::1]:99"))).servers());
        assertEquals("[fe80::1]:99", expected.get(3).toString());
    }

    @Test
    void numbersAsTextOrNumbers() {
        MemcachedSettings s = MemcachedSettings.from(Map.of("timeout", " 250 ", "connect.timeout", 100,
                "pool.size", 4L, "lock.lifetime", "1500", "retry.interval", "0", "prefix", " app1: "));
        assertEquals(250, s.timeout());
        assertEquals(100, s.connectTimeout());
        assertEquals(4, s.poolSize());
        assertEquals(3, s.lockTtlSeconds(), "1.5 s: 2 s rounded up, and one more");
        assertEquals(0, s.retryInterval());
        assertEquals("app1:", s.prefix());
    }

    @Test
    void badValuesNameTheirKey() {
        assertBad("servers = ' , ' is not acceptable: expected at least one host:port", "servers", " , ");
        assertBad("servers = 'a:b' is not acceptable: expected host:port entries with a port from 1 to 65535 "
                + "('a:b' is not one)", "servers", "a:b");
        assertBad("servers = 'a:0' is not acceptable: expected host:port entries with a port from 1 to 65535 "
                + "('a:0' is not one)", "servers", "a:0");
        assertBad("servers = '::1' is not acceptable: expected host:port entries, an IPv6 address in brackets "
                + "('::1' is not one)", "servers", "::1");
        assertBad("servers = 'a, a:11211' is not acceptable: expected each server once (a:11211 is given twice)",
                "servers", "a, a:11211");
        assertBad("servers = '42' is not acceptable: expected host:port entries", "servers", 42);
        assertBad("prefix = 'a b' is not acceptable: expected 1 to 117 printable ASCII characters without spaces "
                + "(memcached keys are at most 250 bytes)", "prefix", "a b");
        assertBad("prefix = '' is not acceptable: expected 1 to 117 printable ASCII characters without spaces "
                + "(memcached keys are at most 250 bytes)", "prefix", "");
        assertBad("prefix = 'sessión' is not acceptable: expected 1 to 117 printable ASCII characters without "
                + "spaces (memcached keys are at most 250 bytes)", "prefix", "sessión");
        assertBad("timeout = 'soon' is not acceptable: expected a whole number from 1 to 2147483647", "timeout",
                "soon");
        assertBad("connect.timeout = '0' is not acceptable: expected a whole number from 1 to 2147483647",
                "connect.timeout", 0);
        assertBad("pool.size = '1.5' is not acceptable: expected a whole number from 1 to 10000", "pool.size", 1.5);
        assertBad("pool.wait = '-1' is not acceptable: expected a whole number from 0 to 2147483647", "pool.wait",
                "-1");
        assertBad("lock.lifetime = '0' is not acceptable: expected a whole number from 1 to 2147483647",
                "lock.lifetime", "0");
        assertBad("lock.poll = '20000' is not acceptable: expected a whole number from 1 to 10000", "lock.poll",
                "20000");
        assertBad("retry.interval = 'x' is not acceptable: expected a whole number from 0 to 2147483647",
                "retry.interval", "x");
    }

    private static void assertBad(String message, String key, Object value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemcachedSettings.from(Map.of(key, value)));
        assertEquals("org.cerise.session.memcached: " + message, e.getMessage());
    }
}
