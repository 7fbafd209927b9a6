package org.cerise.tool.caching.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.cerise.api.Cerise;
import org.cerise.api.ConfigException;
import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.caching}: an in-memory HTTP cache.
 *
 * <p>At {@code before_handler} (priority 90) a request either answers from the cache instead
 * of the handler (with {@code Age}, or 304/412 by {@code If-Modified-Since} /
 * {@code If-Unmodified-Since} against the cached {@code Last-Modified}), or, when it may be
 * cached, attaches CherryPy's {@code tee_output} at {@code before_finalize} (priority 100) so
 * that the response is stored once it has been sent. POST, PUT and DELETE (the
 * {@code invalid_methods}) delete the cached copies of their URL. See the bundle's README for
 * every argument.
 *
 * <p>The cache belongs to this component, not to a mount: it outlives re-mounts and config
 * changes, holds one {@link MemoryCache} per app name (apps never see each other's entries),
 * and is dropped when the component deactivates. One daemon thread sweeps out expired
 * objects.
 */
@Component(service = Tool.class)
@CeriseTool(name = "caching")
public final class CachingTool implements Tool {

    /** CherryPy's priority of the tool at {@code before_handler}. */
    static final int PRIORITY = 90;
    /** CherryPy attaches {@code tee_output} at {@code before_finalize} with this priority. */
    static final int TEE_PRIORITY = 100;

    /**
     * Request attribute, {@code Boolean}: the response will be stored (CherryPy's
     * {@code request.cacheable}; {@code request.cached} is {@link Request#cached()}).
     */
    static final String CACHEABLE = "org.cerise.tool.caching.cacheable";

    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.caching");
    private static final String FLIGHT = "org.cerise.tool.caching.flight";

    private final ConcurrentHashMap<String, MemoryCache> caches = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final boolean sweeping;
    private ScheduledExecutorService sweeper;
    private ScheduledFuture<?> sweep;
    private long sweepPeriodNanos = Long.MAX_VALUE;
    private volatile boolean closed;

    /** The component: wall-clock time, and a sweeper thread once an app uses the tool. */
    public CachingTool() {
        this(System::currentTimeMillis, true);
    }

    /**
     * @param clock    epoch millis; tests move it forward by hand
     * @param sweeping whether to start the sweeper thread (expired objects are also dropped
     *                 when a request finds them, so tests can do without it)
     */
    CachingTool(LongSupplier clock, boolean sweeping) {
        this.clock = clock;
        this.sweeping = sweeping;
    }

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        CacheSettings settings = CacheSettings.read(setup, LOG);
        int priority = setup.priority(PRIORITY);
        startSweeper(settings.expireFrequencyNanos());
        setup.hook(HookPoint.BEFORE_HANDLER, priority, false, (request, response) -> get(settings, request, response));
    }

    /** Stops the sweeper, wakes every waiting request and drops every cached object. */
    @Deactivate
    void deactivate() {
        synchronized (this) {
            closed = true;
            if (sweeper != null) {
                sweeper.shutdownNow();
                sweeper = null;
            }
        }
        caches.values().forEach(MemoryCache::clear);
        caches.clear();
    }

    /**
     * One sweeper for all apps, as often as the most demanding scope's {@code expire_freq}
     * asks (CherryPy's single cache has a single frequency too).
     */
    private synchronized void startSweeper(long periodNanos) {
        if (!sweeping || closed || periodNanos >= sweepPeriodNanos) {
            return;
        }
        if (sweeper == null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cerise-caching-expire");
                t.setDaemon(true);
                return t;
            });
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        sweepPeriodNanos = periodNanos;
        sweep = sweeper.scheduleWithFixedDelay(this::sweepNow, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** One expiry pass over every app's cache. */
    void sweepNow() {
        try {
            long now = clock.getAsLong();
            for (MemoryCache cache : caches.values()) {
                cache.sweep(now);
            }
        } catch (RuntimeException e) {
            // a failed pass must not cancel the schedule
            LOG.error("Cache expiry failed", e);
        }
    }

    /** @return whether the sweeper thread is scheduled */
    synchronized boolean sweeperRunning() {
        return sweeper != null;
    }

    /** @param app an app's name @return its cache, if it has one */
    MemoryCache cacheOf(String app) {
        return caches.get(app);
    }

    /** CherryPy's {@code caching.get} with {@code CachingTool._wrapper}. */
    private void get(CacheSettings s, Request request, Response response) {
        if (closed) {
            // a request still running while the component goes away: serve it without a cache
            return;
        }
        Logger log = s.debug() ? LOG : null;
        MemoryCache cache = caches.computeIfAbsent(request.appName(), k -> new MemoryCache());
        String uri = Cerise.url("", request.queryString());
        long now = clock.getAsLong();

        if (s.invalidMethods().contains(request.method())) {
            if (log != null) {
                log.info("TOOLS.CACHING request.method '{}' in invalid_methods {}", request.method(), s.invalidMethods());
            }
            cache.delete(uri);
            request.setCached(false);
            request.setAttribute(CACHEABLE, Boolean.FALSE);
            return;
        }
        if (values(request, "Pragma").contains("no-cache")) {
            cacheable(request, new Flight(s, cache, uri, now, null));
            return;
        }

        MemoryCache.Lookup found = cache.lookup(uri, request, s, now, log);
        if (found.hit == null) {
            if (log != null) {
                log.info("TOOLS.CACHING request is not cached");
            }
            cacheable(request, new Flight(s, cache, uri, now, found));
            return;
        }

        // cherrypy._cache.delay, which may be a float, unless the client asks for less
        double maxAge = s.delaySeconds();
        for (String directive : values(request, "Cache-Control")) {
            int eq = directive.indexOf('=');
            String name = eq < 0 ? directive : directive.substring(0, eq);
            if (name.equals("max-age")) {
                String value = eq < 0 ? null : directive.substring(eq + 1);
                if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new HttpError(400, "Invalid Cache-Control header");
                }
                maxAge = value.length() > 18 ? Double.MAX_VALUE : Long.parseLong(value);
                break;
            }
            if (name.equals("no-cache")) {
                if (log != null) {
                    log.info("TOOLS.CACHING Ignoring cache due to Cache-Control: no-cache");
                }
                cacheable(request, new Flight(s, cache, uri, now, null));
                return;
            }
        }
        Variant v = found.hit;
        // int(response.time - create_time): truncated toward zero, like Python's int()
        long age = (now - v.created) / 1000;
        if (age > maxAge) {
            if (log != null) {
                log.info("TOOLS.CACHING Ignoring cache due to age > {}", maxAge);
            }
            cacheable(request, new Flight(s, cache, uri, now, null));
            return;
        }

        if (log != null) {
            log.info("TOOLS.CACHING Reading response from cache");
        }
        request.setCached(true);
        request.setAttribute(CACHEABLE, Boolean.FALSE);
        // the cached headers replace all of the response's (CherryPy issue #721)
        for (String name : new ArrayList<>(response.headerNames())) {
            response.removeHeader(name);
        }
        List<String> h = v.headers;
        for (int i = 0; i < h.size(); i += 2) {
            response.addHeader(h.get(i), h.get(i + 1));
        }
        response.setHeader("Age", String.valueOf(age));
        validateSince(request, response);
        response.setStatus(v.status, v.reason);
        response.setBody(v.body);
        // CherryPy's request.handler = None, not Request.markAnswered(): the before_handler hooks
        // after this one still run and see that no handler is left (encode and json_out then
        // leave the cached response alone), as in CherryPy
        request.setHandler(null);
    }

    /**
     * CherryPy's {@code cptools.validate_since} against the restored {@code Last-Modified}; the
     * status it checks is the response's at this point (200 unless a hook changed it), not the
     * cached one, as in CherryPy.
     */
    private static void validateSince(Request request, Response response) {
        String lastModified = response.header("Last-Modified");
        if (lastModified == null || lastModified.isEmpty()) {
            return;
        }
        int status = response.status();
        String since = joined(request, "If-Unmodified-Since");
        if (since != null && !since.isEmpty() && !since.equals(lastModified)
                && ((status >= 200 && status <= 299) || status == 412)) {
            throw new HttpError(412);
        }
        since = joined(request, "If-Modified-Since");
        if (since != null && !since.isEmpty() && since.equals(lastModified)
                && ((status >= 200 && status <= 299) || status == 304)) {
            if (request.method().equals("GET") || request.method().equals("HEAD")) {
                throw HttpRedirect.notModified();
            }
            throw new HttpError(412);
        }
    }

    /**
     * CherryPy's {@code request.headers.values(name)}: the values of the header's elements, in
     * descending order. The order matters for {@code Cache-Control}: the first of
     * {@code no-cache} and {@code max-age=N} met decides, and {@code no-cache} sorts first.
     */
    private static List<String> values(Request request, String name) {
        List<HeaderElement> elements = request.headerElements(name);
        List<String> out = new ArrayList<>(elements.size());
        elements.forEach(e -> out.add(e.value()));
        return out;
    }

    /** A request header as CherryPy's header map holds it: repeated lines joined by commas. */
    private static String joined(Request request, String name) {
        List<String> values = request.headers(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /** The request may be cached: tee its output ({@code request.cacheable = True}). */
    private void cacheable(Request request, Flight flight) {
        request.setCached(false);
        request.setAttribute(CACHEABLE, Boolean.TRUE);
        request.setAttribute(FLIGHT, flight);
        request.attachHook(HookPoint.BEFORE_FINALIZE, TEE_PRIORITY, false, (rq, rs) -> flight.tee(rq, rs));
        // an internal redirect abandons this request before before_finalize, and its
        // on_end_request never runs: give the slot back when the resource ends untouched
        request.attachHook(HookPoint.ON_END_RESOURCE, TEE_PRIORITY, true, (rq, rs) -> {
            if (!flight.teed) {
                flight.finish(rq, rs, false);
            }
        });
        request.attachHook(HookPoint.ON_END_REQUEST, TEE_PRIORITY, true, (rq, rs) -> flight.finish(rq, rs, true));
    }

    /** The life of one cacheable request: tee at before_finalize, store once sent. */
    private static final class Flight {
        final CacheSettings s;
        final MemoryCache cache;
        final String uri;
        final long time;
        final MemoryCache.Lookup lookup;
        boolean teed;
        boolean skip;
        boolean finished;
        byte[] bytes;
        Path path;
        Tee tee;

        Flight(CacheSettings s, MemoryCache cache, String uri, long time, MemoryCache.Lookup lookup) {
            this.s = s;
            this.cache = cache;
            this.uri = uri;
            this.time = time;
            this.lookup = lookup;
        }

        /** CherryPy's {@code tee_output}: keep what is sent. */
        void tee(Request request, Response response) {
            teed = true;
            if (values(request, "Cache-Control").contains("no-store")) {
                skip = true;
                return;
            }
            Object body = response.body();
            if (body == null || body instanceof byte[] || body instanceof CharSequence) {
                bytes = response.collapseBody();
            } else if (body instanceof Path) {
                path = (Path) body;
            } else if (body instanceof InputStream) {
                tee = new Tee(s.maxObjectSize());
                response.setBody(tee.wrap((InputStream) body));
            } else if (body instanceof Stream) {
                tee = new Tee(s.maxObjectSize());
                response.setBody(tee.wrap((Stream<?>) body, response::charset));
            } else if (body instanceof Iterator) {
                tee = new Tee(s.maxObjectSize());
                response.setBody(tee.wrap((Iterator<?>) body, response::charset));
            } else if (body instanceof Iterable) {
                tee = new Tee(s.maxObjectSize());
                response.setBody(tee.wrap(((Iterable<?>) body).iterator(), response::charset));
            } else {
                skip = true;
            }
        }

        /**
         * Stores the response if it was sent whole and may be kept; always resolves this
         * request's anti-stampede slot, so that nobody waits for a response that will not come.
         */
        void finish(Request request, Response response, boolean sent) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                if (sent && teed && !skip && request.error() == null) {
                    store(request, response);
                }
            } finally {
                if (lookup != null) {
                    MemoryCache.release(lookup);
                }
            }
        }

        private void store(Request request, Response response) {
            int status = response.status();
            if (status < 200 || status == 204 || status == 205) {
                return;
            }
            if (hasElement(response, "Pragma", "no-cache") || hasElement(response, "Cache-Control", "no-store")) {
                return;
            }
            byte[] body;
            if (status == 304) {
                body = new byte[0];
            } else if (bytes != null) {
                body = bytes;
            } else if (path != null) {
                body = read(path, s.maxObjectSize());
            } else {
                body = tee == null ? null : tee.bytes();
            }
            if (body == null) {
                return;
            }
            if (body.length == 0) {
                // e.g. a 304: an empty body is never stored, and the URL's copies are stale
                cache.delete(uri);
                return;
            }
            List<String> headers = new ArrayList<>();
            List<String> vary = new ArrayList<>();
            for (String name : response.headerNames()) {
                for (String value : response.headers(name)) {
                    headers.add(name);
                    headers.add(value);
                }
                if (name.equalsIgnoreCase("Vary")) {
                    // CherryPy keeps the elements in its header map's (descending) order
                    response.headerElements(name).forEach(e -> vary.add(e.value()));
                }
            }
            cache.put(uri, request, status, response.reason(), List.copyOf(headers), List.copyOf(vary), body, time, s,
                    lookup == null ? null : lookup.own);
        }

        private static byte[] read(Path path, long limit) {
            try {
                return Files.size(path) < limit ? Files.readAllBytes(path) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean hasElement(Response response, String header, String value) {
        return response.headerElements(header).stream().anyMatch(e -> e.value().equals(value));
    }
}
