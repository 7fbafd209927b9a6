package org.cerise.tool.staticfiles.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files one static scope has found, by their normalized relative path, with the bytes of
 * the small ones. Bounded by the bytes it holds (plus a flat cost per entry, which also bounds
 * how many it holds); when full, arbitrary entries make room. Only files that exist get an
 * entry, so requests for missing names cannot fill it.
 */
final class FileCache {

    /** What an entry costs besides its bytes (key, object, headers), roughly. */
    private static final int ENTRY_COST = 256;

    private final ConcurrentHashMap<String, StaticFile> map = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    /** @param maxBytes what the cache may hold in all */
    FileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    StaticFile get(String key) {
        return map.get(key);
    }

    void put(String key, StaticFile file) {
        if (cost(file) > maxBytes) {
            return;
        }
        StaticFile old = map.put(key, file);
        long now = used.addAndGet(cost(file) - (old == null ? 0 : cost(old)));
        if (now > maxBytes) {
            for (String k : map.keySet()) {
                if (used.get() <= maxBytes) {
                    break;
                }
                if (!k.equals(key)) {
                    remove(k);
                }
            }
        }
    }

    void remove(String key) {
        StaticFile old = map.remove(key);
        if (old != null) {
            used.addAndGet(-cost(old));
        }
    }

    /** @return the bytes held, for tests */
    long used() {
        return used.get();
    }

    /** @return the number of entries, for tests */
    int size() {
        return map.size();
    }

    private static long cost(StaticFile f) {
        return ENTRY_COST + (f.bytes == null ? 0 : f.bytes.length);
    }
}
