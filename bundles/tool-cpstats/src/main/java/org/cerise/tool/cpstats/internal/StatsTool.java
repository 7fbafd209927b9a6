package org.cerise.tool.cpstats.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.cerise.api.ConfigException;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.cerise.tool.cpstats.AppStatistics;
import org.cerise.tool.cpstats.RequestStatistics;
import org.cerise.tool.cpstats.StatisticsSnapshot;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.cpstats} ({@code lib/cpstats.py}'s {@code StatsTool}): records every
 * request of the scopes where it is on, per app and for the whole container, and offers the
 * numbers as the {@link RequestStatistics} service.
 *
 * <p>CherryPy records the start while it sets the tool up for the request, before any
 * {@code on_start_resource} hook; here that is an {@code on_start_resource} hook with the
 * lowest priority there is. The end is recorded at {@code on_end_request} (priority 50, or
 * {@code tools.cpstats.priority}), after the response has been written. The numbers belong to
 * this component: they survive re-mounts and go when the bundle stops.
 */
@Component(service = {Tool.class, RequestStatistics.class})
@CeriseTool(name = "cpstats")
public final class StatsTool implements Tool, RequestStatistics {

    /** CherryPy's priority of {@code record_stop} at {@code on_end_request}. */
    static final int PRIORITY = 50;
    /** {@code record_start} runs before every other {@code on_start_resource} hook. */
    static final int START_PRIORITY = Integer.MIN_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.cpstats");
    private static final String RECORD = "org.cerise.tool.cpstats.record";
    private static final String VERSION = versionOf();

    private final LongSupplier millis;
    private final LongSupplier nanos;
    private final long startMillis;
    private final Counters container = new Counters();
    private final ConcurrentHashMap<String, Counters> apps = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;

    /** The component, on the system clocks. */
    public StatsTool() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    /**
     * @param millis epoch millis (start and end times)
     * @param nanos  a monotonic clock (processing times)
     */
    StatsTool(LongSupplier millis, LongSupplier nanos) {
        this.millis = millis;
        this.nanos = nanos;
        this.startMillis = millis.getAsLong();
    }

    private static String versionOf() {
        Package p = StatsTool.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        StatsArgs args = StatsArgs.read(setup);
        int priority = setup.priority(PRIORITY);
        setup.hook(HookPoint.ON_START_RESOURCE, START_PRIORITY, true, (request, response) -> recordStart(request));
        // failsafe: a failing hook before it must not leave the request counted as current forever
        setup.hook(HookPoint.ON_END_REQUEST, priority, true, (request, response) -> recordStop(args, request, response));
    }

    /** CherryPy's {@code record_start}. */
    private void recordStart(Request request) {
        Request previous = request.previous();
        if (previous != null && previous.attribute(RECORD) != null) {
            // an internal redirect continues the same client request: count it once
            request.setAttribute(RECORD, previous.attribute(RECORD));
            return;
        }
        if (!enabled) {
            return;
        }
        LiveRecord record = new LiveRecord(millis.getAsLong(), nanos.getAsLong(),
                request.remoteAddr() + ":" + request.remotePort(), request.requestLine());
        long thread = Thread.currentThread().getId();
        container.start(thread, record);
        apps.computeIfAbsent(request.appName(), k -> new Counters()).start(thread, record);
        request.setAttribute(RECORD, record);
    }

    /** CherryPy's {@code record_stop}. */
    private void recordStop(StatsArgs args, Request request, Response response) {
        Object r = request.attribute(RECORD);
        if (!(r instanceof LiveRecord) || ((LiveRecord) r).status != null) {
            return;
        }
        LiveRecord record = (LiveRecord) r;
        long written = 0;
        boolean chunked = response.stream();
        if (!chunked) {
            String cl = response.header("Content-Length");
            try {
                written = cl == null ? 0 : Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                written = 0;
            }
        }
        long end = millis.getAsLong();
        record.end(end, nanos.getAsLong() - record.startNanos, request.remoteAddr() + ":" + request.remotePort(),
                bytesRead(request), written, chunked, response.status() + " " + response.reason());
        var copy = record.toRecord(0);
        container.stop(record, args.uriset(), args.slowNanos(), args.slowQueriesCount(), copy);
        Counters app = apps.get(request.appName());
        if (app != null) {
            app.stop(record, args.uriset(), args.slowNanos(), args.slowQueriesCount(), copy);
        }
        if (args.debug()) {
            LOG.info("TOOLS.CPSTATS Stats recorded: {}", copy);
        }
    }

    /**
     * The request body bytes read. CherryPy counts what was read from the socket; the core
     * offers no such counter, so this is the declared length of a body that the pipeline (as
     * a form) or {@code json_in} consumed, and 0 for a body left unread.
     */
    private static long bytesRead(Request request) {
        String cl = request.header("Content-Length");
        if (cl == null) {
            return 0;
        }
        boolean consumed = request.json() != null || request.attribute("cerise.uploads") != null;
        if (!consumed) {
            for (String name : request.params().keySet()) {
                if (request.isBodyParam(name)) {
                    consumed = true;
                    break;
                }
            }
        }
        if (!consumed) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(cl.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public StatisticsSnapshot snapshot() {
        long now = millis.getAsLong();
        long nowNanos = nanos.getAsLong();
        Map<String, AppStatistics> perApp = new TreeMap<>();
        apps.forEach((name, c) -> perApp.put(name, c.snapshot(startMillis, now, nowNanos)));
        return new StatisticsSnapshot(Instant.ofEpochMilli(now), enabled, VERSION,
                container.snapshot(startMillis, now, nowNanos), java.util.Collections.unmodifiableMap(perApp));
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean on) {
        enabled = on;
    }
}
