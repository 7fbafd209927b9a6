package org.cerise.session.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The configuration: every key has a default, strings from a .cfg and typed values both work,
 * a bad value fails naming its key, and the password is never shown.
 */
class RedisSettingsTest {

    private static RedisSettings parse(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        // DS adds its own properties; they are ignored
        properties.put("component.name", RedisSessionStore.class.getName());
        properties.put("component.id", 7L);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return RedisSettings.from(properties);
    }

    private static void refused(String key, Object value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(key, value),
                key + " = " + value);
        assertEquals("org.cerise.session.redis: '" + key + "' must be " + expected + ", not '" + value + "'",
                e.getMessage());
    }

    @Test
    void noConfigurationMeansLocalhostWithDefaults() {
        RedisSettings s = parse();
        assertEquals("localhost", s.host());
        assertEquals(6379, s.port());
        assertEquals(0, s.database());
        assertEquals("", s.username());
        assertEquals("", s.password());
        assertEquals("cerise:session:", s.prefix());
        assertEquals(2000, s.connectTimeout());
        assertEquals(2000, s.timeout());
        assertEquals(16, s.poolSize());
        assertEquals(2000, s.poolWait());
        assertEquals(60_000, s.lockLifetime());
        assertEquals(20, s.lockPoll());
        assertEquals(s, RedisSettings.defaults());
    }

    @Test
    void theAnnotationsDefaultsAreTheSettingsDefaults() throws Exception {
        // the Metatype form shows the annotation's defaults; the store uses RedisSettings'
        RedisSettings defaults = RedisSettings.defaults();
        Map<String, Object> expected = Map.ofEntries(Map.entry("host", defaults.host()),
                Map.entry("port", defaults.port()), Map.entry("database", defaults.database()),
                Map.entry("username", defaults.username()), Map.entry("_password", defaults.password()),
                Map.entry("prefix", defaults.prefix()), Map.entry("connect_timeout", defaults.connectTimeout()),
                Map.entry("timeout", defaults.timeout()), Map.entry("pool_size", defaults.poolSize()),
                Map.entry("pool_wait", defaults.poolWait()), Map.entry("lock_lifetime", defaults.lockLifetime()),
                Map.entry("lock_poll", defaults.lockPoll()));
        Method[] methods = RedisSessionStore.Config.class.getDeclaredMethods();
        assertEquals(expected.size(), methods.length, "one annotation element per setting");
        for (Method m : methods) {
            assertEquals(expected.get(m.getName()), m.getDefaultValue(), m.getName());
        }
    }

    @Test
    void valuesFromACfgFileAreStrings() {
        RedisSettings s = parse("host", " redis.example ", "port", "6380", "database", "2", "username", "app",
                "password", "pw", "prefix", "app1:sess:", "connect.timeout", "500", "timeout", "750",
                "pool.size", "4", "pool.wait", "0", "lock.lifetime", "30000", "lock.poll", "5");
        assertEquals(new RedisSettings("redis.example", 6380, 2, "app", "pw", "app1:sess:", 500, 750, 4, 0, 30000, 5),
                s);
        assertEquals("redis.example:6380", s.server());
    }

    @Test
    void typedValuesWork() {
        RedisSettings s = parse("port", 6390, "database", 3L, "pool.size", Integer.valueOf(8),
                "host", new String[] {"10.0.0.5"});
        assertEquals(6390, s.port());
        assertEquals(3, s.database());
        assertEquals(8, s.poolSize());
        assertEquals("10.0.0.5", s.host());
    }

    @Test
    void theDotPasswordWinsAndIsTheOneToUse() {
        assertEquals("private", parse("password", "public", ".password", "private").password());
        assertEquals("public", parse("password", "public", ".password", "").password());
    }

    @Test
    void anIpv6HostIsShownInBrackets() {
        assertEquals("[::1]:6379", parse("host", "::1").server());
    }

    @Test
    void badValuesNameTheirKey() {
        refused("port", "abc", "a whole number from 1 to 65535");
        refused("port", "0", "a whole number from 1 to 65535");
        refused("port", 70000, "a whole number from 1 to 65535");
        refused("port", 6379.5, "a whole number from 1 to 65535");
        refused("database", "-1", "a whole number from 0 up");
        refused("connect.timeout", "0", "a whole number from 1 up");
        refused("timeout", "2s", "a whole number from 1 up");
        refused("pool.size", "0", "a whole number from 1 to 10000");
        refused("pool.wait", "-5", "a whole number from 0 up");
        refused("lock.lifetime", "99999999999999", "a whole number from 1 up");
        refused("lock.poll", "", "a whole number from 1 to 10000");
        refused("host", "", "a host name or address");
        refused("host", "two words", "a host name or address");
        refused("prefix", "", "a non-empty key prefix");
        refused("username", 5, "a string");
    }

    @Test
    void aBadPasswordValueIsNotShown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("password", 12345));
        assertEquals("org.cerise.session.redis: 'password' must be a string, not '(hidden)'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(".password", 12345));
        assertFalse(e.getMessage().contains("12345"), e.getMessage());
    }

    @Test
    void theSettingsNeverShowThePassword() {
        RedisSettings s = parse("password", "hunter2", "username", "app");
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("with a password"), s.toString());
        assertTrue(s.toString().startsWith("redis localhost:6379 database 0 user app"), s.toString());
    }
}
