package org.cerise.tool.cpstats.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.ToolSetup;

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

    /**
     * @param setup the scope's arguments
     * @return the arguments, checked
     * @throws ConfigException if an argument is unknown or has a wrong type or range
     */
    static StatsArgs read(ToolSetup setup) throws ConfigException {
        // CherryPy's record_stop takes any other keyword (**kwargs) and ignores it; Cerise
        // refuses it, so that a misspelt key shows when the app mounts
        setup.allowArgs("uriset", "slow_queries", "slow_queries_count", "debug");
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
        return new StatsArgs(uriset, slow, count, debug);
    }
}
