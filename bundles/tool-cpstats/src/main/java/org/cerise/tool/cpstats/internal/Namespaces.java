package org.cerise.tool.cpstats.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cerise.tool.cpstats.AppStatistics;
import org.cerise.tool.cpstats.RequestRecord;
import org.cerise.tool.cpstats.StatisticsSnapshot;
import org.cerise.tool.cpstats.UriSetStatistics;

/**
 * A snapshot in the shape of CherryPy's extrapolated {@code logging.statistics}: the whole
 * container as the {@code 'CherryPy Applications'} namespace with CherryPy's keys and value
 * types (times as float epoch seconds, {@code 'Total Time'} an int 0 until a request ends,
 * {@code 'Bytes Written': 'chunked'}), and each app as a namespace
 * {@code 'CherryPy Applications: NAME'} with the same keys but {@code 'Enabled'} and
 * {@code 'Server Version'}, which belong to the container.
 */
final class Namespaces {

    /** CherryPy's namespace of the application statistics. */
    static final String APPLICATIONS = "CherryPy Applications";

    private Namespaces() {
    }

    /**
     * @param s a snapshot
     * @return namespace title → namespace, sorted by title
     */
    static Map<String, Map<String, Object>> of(StatisticsSnapshot s) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        Map<String, Object> container = namespace(s.container(), s.time());
        container.put("Enabled", s.enabled());
        container.put("Server Version", s.serverVersion());
        out.put(APPLICATIONS, container);
        s.apps().forEach((name, app) -> out.put(APPLICATIONS + ": " + name, namespace(app, s.time())));
        return out;
    }

    private static Map<String, Object> namespace(AppStatistics a, Instant now) {
        Map<String, Object> ns = new TreeMap<>();
        ns.put("Bytes Read/Request", a.bytesReadPerRequest());
        ns.put("Bytes Read/Second", a.bytesReadPerSecond());
        ns.put("Bytes Written/Request", a.bytesWrittenPerRequest());
        ns.put("Bytes Written/Second", a.bytesWrittenPerSecond());
        ns.put("Current Requests", a.currentRequests());
        ns.put("Current Time", seconds(now));
        ns.put("Requests/Second", a.requestsPerSecond());
        ns.put("Start Time", seconds(a.startTime()));
        ns.put("Total Bytes Read", a.totalBytesRead());
        ns.put("Total Bytes Written", a.totalBytesWritten());
        ns.put("Total Requests", a.totalRequests());
        ns.put("Total Time", a.totalTime().isZero() ? (Object) 0L : seconds(a.totalTime()));
        ns.put("Uptime", seconds(a.uptime()));
        Map<Long, Object> requests = new TreeMap<>();
        a.requests().forEach((thread, r) -> requests.put(thread, record(r)));
        ns.put("Requests", requests);
        if (!a.slowQueries().isEmpty()) {
            List<Object> slow = new ArrayList<>();
            a.slowQueries().forEach(r -> slow.add(record(r)));
            ns.put("Slow Queries", slow);
        }
        if (!a.uriSets().isEmpty()) {
            Map<String, Object> sets = new TreeMap<>();
            a.uriSets().forEach((name, u) -> sets.put(name, uriSet(u)));
            ns.put("URI Set Tracking", sets);
        }
        return ns;
    }

    private static Map<String, Object> record(RequestRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Bytes Read", r.bytesRead());
        m.put("Bytes Written", r.chunked() ? "chunked" : r.bytesWritten());
        m.put("Client", r.client());
        m.put("End Time", r.endTime() == null ? null : seconds(r.endTime()));
        m.put("Processing Time", seconds(r.processingTime()));
        m.put("Request-Line", r.requestLine());
        m.put("Response Status", r.responseStatus());
        m.put("Start Time", seconds(r.startTime()));
        return m;
    }

    private static Map<String, Object> uriSet(UriSetStatistics u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Avg", seconds(u.avg()));
        m.put("Count", u.count());
        m.put("Max", seconds(u.max()));
        m.put("Min", seconds(u.min()));
        m.put("Sum", seconds(u.sum()));
        return m;
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
