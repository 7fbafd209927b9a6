package org.cerise.api.runtime;

import java.util.Map;

/**
 * Requests served by Cerise's apps since the core started (requests outside every mount point
 * are not counted).
 *
 * @param total         every request
 * @param perApp        requests per app name
 * @param perStatus     requests per status class: {@code 1xx} ... {@code 5xx}
 * @param perSecondLastMinute the mean rate over the last minute (or since the core started, if sooner)
 */
public record RequestCounters(long total, Map<String, Long> perApp, Map<String, Long> perStatus,
        double perSecondLastMinute) {

    /** Copies the maps. */
    public RequestCounters {
        perApp = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perApp));
        perStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perStatus));
    }
}
