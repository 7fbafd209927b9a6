package org.cerise.tool.caching.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.cerise.api.Request;

/**
 * The variants of one URL (CherryPy's {@code AntiStampedeCache}): the response may differ by
 * the request headers that the first cached response named in {@code Vary} (the "selecting
 * headers", fixed for the life of this object, as in CherryPy), so each variant is keyed by
 * those headers' values. A slot holds a {@link Variant} or, while one request computes it, a
 * {@link Pending}.
 */
final class UriCache {

    final String uri;
    final List<String> selectingHeaders;
    final ConcurrentHashMap<List<String>, Object> slots = new ConcurrentHashMap<>(4);

    UriCache(String uri, List<String> selectingHeaders) {
        this.uri = uri;
        this.selectingHeaders = selectingHeaders;
    }

    /**
     * The variant key of a request: the values of the selecting headers, in their order. (CherryPy
     * sorts the values, which makes {@code A: x, B: y} and {@code A: y, B: x} the same variant;
     * keeping the order does not.)
     *
     * @param request the request
     * @return the key
     */
    List<String> keyFor(Request request) {
        int n = selectingHeaders.size();
        if (n == 0) {
            return List.of();
        }
        List<String> key = new ArrayList<>(n);
        for (String name : selectingHeaders) {
            List<String> values = request.headers(name);
            key.add(values.isEmpty() ? "" : values.size() == 1 ? values.get(0) : String.join(", ", values));
        }
        return key;
    }
}
