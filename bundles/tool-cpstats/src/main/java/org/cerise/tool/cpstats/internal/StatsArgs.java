package org.cerise.tool.cpstats.internal;

import java.util.Set;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.ToolSetup;
import org.slf4j.Logger;

/**
 * The {@code tools.cpstats.*} arguments of one config scope (CherryPy's {@code record_stop}
 * keyword arguments), read once when the app mounts.
 *
 * @param uriset           the name under which this scope's times are tracked, or {@code null}
 * @param slowNanos        a request slower than this is a slow query; 0: none is
 * @param slowQueriesCount how many slow queries are kept
 * @param debug            log each record
 */
record StatsArgs(String uriset, long slowNanos, int slowQueriesCount, boolean debug) {

    private static final Set<String> KNOWN = Set.of("uriset", "slow_queries", "slow_queries_count", "debug");

    static StatsArgs read(ToolSetup setup, Logger log) throws ConfigException {
        Object u = setup.args().get("uriset");
        if (u != null && !(u instanceof String)) {
            throw setup.badArg("uriset", "must be a quoted name, or None");
        }
        String uriset = u == null || ((String) u).isEmpty() ? null : (String) u;
        long slow;
        Object s = setup.args().containsKey("slow_queries") ? setup.args().get("slow_queries") : Double.valueOf(1.0);
        if (s == null || Boolean.FALSE.equals(s)) {
            slow = 0;
        } else if ((s instanceof Long || s instanceof Double) && ((Number) s).doubleValue() >= 0
                && ((Number) s).doubleValue() <= 1e9) {
            slow = Math.round(((Number) s).doubleValue() * 1e9);
        } else {
            throw setup.badArg("slow_queries", "must be a number of seconds (0, None or False: no slow queries)");
        }
        Object c = setup.args().get("slow_queries_count");
        int count;
        if (c == null && !setup.args().containsKey("slow_queries_count")) {
            count = 100;
        } else if (c instanceof Long && (Long) c >= 0 && (Long) c <= 100_000) {
            count = ((Long) c).intValue();
        } else {
            throw setup.badArg("slow_queries_count", "must be a whole number from 0 to 100000");
        }
        boolean debug = setup.booleanArg("debug", false);
        for (String key : setup.args().keySet()) {
            if (!KNOWN.contains(key)) {
                log.warn("{}: tools.cpstats.{} is not an argument of the cpstats tool; it is ignored", setup.path(), key);
            }
        }
        return new StatsArgs(uriset, slow, count, debug);
    }
}
