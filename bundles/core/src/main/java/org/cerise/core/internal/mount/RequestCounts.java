package org.cerise.core.internal.mount;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served, for the runtime model. A request adds to three {@link LongAdder}s (total, its
 * status class, its app's, found at mount time), so counting takes no lock and contends on no
 * shared cache line under load.
 */
public final class RequestCounts {

    private static final LongAdder TOTAL = new LongAdder();
    private static final LongAdder[] BY_CLASS = new LongAdder[6];
    private static final Map<String, LongAdder> BY_APP = new ConcurrentHashMap<>();

    static {
        for (int i = 0; i < BY_CLASS.length; i++) {
            BY_CLASS[i] = new LongAdder();
        }
    }

    private RequestCounts() {
    }

    /**
     * The counter of an app, created once per name (apps keep their count across re-mounts).
     *
     * @param app the app's name
     * @return its counter
     */
    static LongAdder forApp(String app) {
        return BY_APP.computeIfAbsent(app, k -> new LongAdder());
    }

    /**
     * Counts one request.
     *
     * @param app    the app's counter
     * @param status the status sent
     */
    public static void count(LongAdder app, int status) {
        TOTAL.increment();
        app.increment();
        int c = status / 100;
        BY_CLASS[c >= 1 && c <= 5 ? c : 0].increment();
    }

    /** @return every request counted */
    public static long total() {
        return TOTAL.sum();
    }

    /** @return requests per app name */
    public static Map<String, Long> perApp() {
        Map<String, Long> out = new TreeMap<>();
        BY_APP.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * @param app an app's name
     * @return its requests
     */
    public static long app(String app) {
        LongAdder a = BY_APP.get(app);
        return a == null ? 0 : a.sum();
    }

    /** @return requests per status class, {@code 1xx} to {@code 5xx} */
    public static Map<String, Long> perStatus() {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 1; i <= 5; i++) {
            out.put(i + "xx", BY_CLASS[i].sum());
        }
        if (BY_CLASS[0].sum() > 0) {
            out.put("other", BY_CLASS[0].sum());
        }
        return out;
    }
}
