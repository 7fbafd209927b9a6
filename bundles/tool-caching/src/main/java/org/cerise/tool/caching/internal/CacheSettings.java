package org.cerise.tool.caching.internal;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.ToolSetup;
import org.slf4j.Logger;

/**
 * The {@code tools.caching.*} arguments of one config scope, read and checked once when the
 * app mounts.
 *
 * @param invalidMethods      methods that delete the cached copies of their URL instead of using them
 * @param maxObjects          objects the app's cache may hold at most
 * @param maxObjectSize       a body must be smaller than this many bytes to be cached
 * @param maxSize             the bodies of the app's cache must stay below this many bytes in all
 * @param delayMillis         how long a cached response lives, and the default {@code max-age}
 * @param delaySeconds        the same in whole seconds, for the {@code max-age} comparison
 * @param antistampedeNanos   how long a request waits for another one computing the same
 *                            response; negative for {@code None}: never wait
 * @param expireFrequencyNanos how often expired objects are swept out
 * @param debug               log what the tool decides
 */
record CacheSettings(Set<String> invalidMethods, long maxObjects, long maxObjectSize, long maxSize, long delayMillis,
        double delaySeconds, long antistampedeNanos, long expireFrequencyNanos, boolean debug) {

    /** CherryPy's defaults. */
    static final CacheSettings DEFAULTS = new CacheSettings(Set.of("POST", "PUT", "DELETE"), 1000, 100_000,
            10_000_000, 600_000, 600, 5_000_000_000L, 100_000_000L, false);

    /**
     * @param setup the scope's arguments
     * @param log   where to warn about arguments that Cerise ignores
     * @return the settings
     * @throws ConfigException if an argument is unknown or has a wrong type or range
     */
    static CacheSettings read(ToolSetup setup, Logger log) throws ConfigException {
        // CherryPy sets any other keyword on its cache object, where nothing reads it; Cerise
        // refuses it, so that a misspelt key shows when the app mounts
        setup.allowArgs("invalid_methods", "maxobjects", "maxobj_size", "maxsize", "delay", "antistampede_timeout",
                "expire_freq", "debug", "cache_class");
        Map<String, Object> args = setup.args();
        Set<String> methods = DEFAULTS.invalidMethods;
        if (args.containsKey("invalid_methods")) {
            if (args.get("invalid_methods") == null) {
                throw setup.badArg("invalid_methods", "must be a list of HTTP methods such as ('POST', 'PUT', 'DELETE')");
            }
            List<Object> list = setup.listArg("invalid_methods");
            Set<String> m = new LinkedHashSet<>();
            for (Object o : list) {
                if (!(o instanceof String)) {
                    throw setup.badArg("invalid_methods", "must be a list of HTTP methods such as ('POST', 'PUT', 'DELETE')");
                }
                m.add((String) o);
            }
            methods = Set.copyOf(m);
        }
        long maxObjects = count(setup, "maxobjects", DEFAULTS.maxObjects);
        long maxObjectSize = count(setup, "maxobj_size", DEFAULTS.maxObjectSize);
        long maxSize = count(setup, "maxsize", DEFAULTS.maxSize);
        double delay = seconds(setup, "delay", DEFAULTS.delaySeconds, true, false);
        double antistampede = seconds(setup, "antistampede_timeout", 5, true, true);
        double expireFreq = seconds(setup, "expire_freq", 0.1, false, false);
        boolean debug = setup.booleanArg("debug", false);
        if (args.containsKey("cache_class")) {
            log.warn("{}: tools.caching.cache_class is ignored: Cerise always uses its in-memory cache", setup.path());
        }
        return new CacheSettings(methods, maxObjects, maxObjectSize, maxSize, Math.round(delay * 1000), delay,
                Double.isNaN(antistampede) ? -1 : Math.round(antistampede * 1e9), Math.max(1_000_000L,
                        Math.round(expireFreq * 1e9)), debug);
    }

    private static long count(ToolSetup setup, String name, long dflt) throws ConfigException {
        Object v = setup.args().get(name);
        if (v == null && !setup.args().containsKey(name)) {
            return dflt;
        }
        if (v instanceof Long && (Long) v >= 0) {
            return (Long) v;
        }
        if (v instanceof BigInteger && ((BigInteger) v).signum() > 0) {
            return Long.MAX_VALUE;
        }
        throw setup.badArg(name, "must be a whole number, 0 or more");
    }

    /**
     * A number of seconds, integer or float.
     *
     * @return the value, or NaN for {@code None} where that is allowed
     */
    private static double seconds(ToolSetup setup, String name, double dflt, boolean zeroAllowed, boolean noneAllowed)
            throws ConfigException {
        if (!setup.args().containsKey(name)) {
            return dflt;
        }
        Object v = setup.args().get(name);
        if (v == null && noneAllowed) {
            return Double.NaN;
        }
        double d;
        if (v instanceof Long || v instanceof Double) {
            d = ((Number) v).doubleValue();
        } else if (v instanceof BigInteger) {
            d = ((BigInteger) v).doubleValue();
        } else {
            d = Double.NaN;
        }
        // 10**9 s (31 years) is beyond any sensible value and still fits in nanoseconds
        if (Double.isNaN(d) || d < 0 || (!zeroAllowed && d == 0) || d > 1e9) {
            throw setup.badArg(name, "must be a number of seconds" + (zeroAllowed ? ", 0 or more" : " above 0")
                    + (noneAllowed ? ", or None" : "") + " (at most 10**9)");
        }
        return d;
    }
}
