package org.cerise.core.internal.runtime;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cerise.api.Handler;
import org.cerise.api.dispatch.Route;
import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.DispatcherInfo;
import org.cerise.api.runtime.Explanation;
import org.cerise.api.runtime.RecentRequest;
import org.cerise.api.runtime.RequestCounters;
import org.cerise.api.runtime.RuntimeModel;
import org.cerise.api.runtime.SessionInfo;
import org.cerise.api.runtime.SessionStatus;
import org.cerise.api.runtime.ToolInfo;
import org.cerise.api.serving.Serving;
import org.cerise.core.internal.config.CoreConfigTrail;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.http.CoreRequest;
import org.cerise.core.internal.http.CoreResponse;
import org.cerise.core.internal.http.PathDecoder;
import org.cerise.core.internal.mount.MountTable;
import org.cerise.core.internal.mount.MountedApp;
import org.cerise.core.internal.mount.Mounter;
import org.cerise.core.internal.mount.RecentRequests;
import org.cerise.core.internal.mount.RequestCounts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The core's {@link RuntimeModel}: apps, tools and dispatchers from the {@link Mounter}, request
 * counters from {@link RequestCounts}, the last requests from {@link RecentRequests}, sessions from whatever contributes a {@link SessionStatus}.
 */
@Component(service = RuntimeModel.class)
public final class CoreRuntimeModel implements RuntimeModel {

    /** Samples of the request total, every 5 s, for the rate over the last minute. */
    private static final int SAMPLES = 13;

    @Reference
    private Mounter mounter;
    private final long[] sampleTimes = new long[SAMPLES];
    private final long[] sampleTotals = new long[SAMPLES];
    private int samples;
    private int next;
    private ScheduledExecutorService sampler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionStatus sessionStatus;

    @Activate
    void activate() {
        sample();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cerise-request-rate");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 5, 5, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** Records the request total now (called every 5 s, and by tests). */
    synchronized void sample() {
        sampleTimes[next] = System.nanoTime();
        sampleTotals[next] = RequestCounts.total();
        next = (next + 1) % SAMPLES;
        samples = Math.min(samples + 1, SAMPLES);
    }

    @Override
    public List<AppInfo> apps() {
        return mounter.appInfos();
    }

    @Override
    public List<ToolInfo> tools() {
        List<ToolInfo> out = new ArrayList<>();
        for (Object[] s : mounter.toolServices()) {
            out.add(new ToolInfo((String) s[0], (String) s[1], (String) s[2], (Long) s[3]));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<DispatcherInfo> dispatchers() {
        List<DispatcherInfo> out = new ArrayList<>();
        for (Object[] s : mounter.dispatcherServices()) {
            out.add(new DispatcherInfo((String) s[0], (String) s[1], (String) s[2], (Long) s[3]));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public SessionInfo sessions() {
        SessionStatus s = sessionStatus;
        return s == null ? null : s.sessions();
    }

    @Override
    public RequestCounters requests() {
        long total = RequestCounts.total();
        double rate = 0;
        synchronized (this) {
            if (samples > 0) {
                int oldest = samples < SAMPLES ? 0 : next;
                double seconds = (System.nanoTime() - sampleTimes[oldest]) / 1e9;
                if (seconds > 0.5) {
                    rate = (total - sampleTotals[oldest]) / seconds;
                }
            }
        }
        return new RequestCounters(total, RequestCounts.perApp(), RequestCounts.perStatus(), rate);
    }

    @Override
    public List<RecentRequest> recent() {
        return RecentRequests.CORE.snapshot();
    }

    @Override
    public Explanation explain(String path) {
        return explain(mounter.table(), mounter::owner, path);
    }

    /**
     * @param table the mount table
     * @param owner the app owning a path by mount point, served or not
     * @param path  the path asked about
     * @return what would serve it
     */
    public static Explanation explain(MountTable table, java.util.function.Function<String, AppInfo> owner, String path) {
        String raw = path == null || path.isEmpty() ? "/" : path;
        int q = raw.indexOf('?');
        if (q >= 0) {
            raw = raw.substring(0, q);
        }
        String decoded = PathDecoder.decode(raw.startsWith("/") ? raw : "/" + raw);
        MountedApp app = table.find(decoded);
        if (app == null) {
            AppInfo own = owner.apply(decoded);
            if (own != null && "UNMOUNTED".equals(own.state())) {
                return new Explanation(decoded, own.name(), own.mount(), own.state(), null, null, List.of(),
                        Map.of(), List.of(), "app '" + own.name() + "' owns the path but is " + own.reason()
                                + ": Cerise answers 404");
            }
            if (own != null) {
                return new Explanation(decoded, own.name(), own.mount(), own.state(), null, null, List.of(),
                        Map.of(), List.of(), "app '" + own.name() + "' owns the path but is not serving (503): "
                                + own.reason());
            }
            return new Explanation(decoded, null, null, null, null, null, List.of(), Map.of(), List.of(),
                    "no app is mounted on this path: Cerise answers 404");
        }
        String pathInfo = decoded.substring(app.mountPath().length());
        CoreResponse response = new CoreResponse();
        CoreRequest request = new CoreRequest(synthetic(decoded), response, "GET", app.mountPath(), pathInfo, "",
                app.name(), null);
        Route route;
        Serving.bind(request);
        try {
            route = app.route(pathInfo, request);
        } catch (RuntimeException e) {
            return new Explanation(decoded, app.name(), mount(app), "MOUNTED", app.dispatcherFor(pathInfo), null,
                    List.of(), Map.of(), List.of(), "the dispatcher failed on this path: " + e);
        } finally {
            Serving.clear();
        }
        Scope scope = ((CoreConfigTrail) route.trail()).scope();
        Map<String, String> config = new TreeMap<>();
        scope.config.forEach((k, v) -> config.put(k, String.valueOf(v)));
        String handler = describe(route.handler());
        String note = route.index() == null ? "no handler matches: the not-found handler answers 404 (tools "
                + "configured here, such as static files, still run)"
                : Boolean.TRUE.equals(route.index()) ? "an index handler" : "a handler";
        if (scope.failure != null) {
            note = "the config here is wrong: " + scope.failure.getMessage();
        }
        return new Explanation(decoded, app.name(), mount(app), "MOUNTED", app.dispatcherFor(pathInfo), handler,
                route.vpath(), config, new ArrayList<>(new java.util.TreeSet<>(scope.tools)), note);
    }

    private static String mount(MountedApp app) {
        return app.mountPath().isEmpty() ? "/" : app.mountPath();
    }

    /** An app method's handler describes itself as {@code Class.method}; a lambda by its class. */
    private static String describe(Handler handler) {
        String s = handler.toString();
        if (s == null || s.contains("$$Lambda") || s.startsWith(handler.getClass().getName() + "@")) {
            String cls = handler.getClass().getName();
            int lambda = cls.indexOf("$$Lambda");
            return lambda > 0 ? cls.substring(0, lambda) + " (lambda)" : cls;
        }
        return s;
    }

    /**
     * A GET request for the path with only a Host header, for dispatchers that look at the
     * request while routing; nothing reads its body.
     */
    private static HttpServletRequest synthetic(String path) {
        return (HttpServletRequest) Proxy.newProxyInstance(CoreRuntimeModel.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getMethod": return "GET";
                        case "getProtocol": return "HTTP/1.1";
                        case "getScheme": return "http";
                        case "getRequestURI": return path;
                        case "getServerName": case "getLocalName": return "localhost";
                        case "getRemoteAddr": case "getLocalAddr": return "127.0.0.1";
                        case "getServerPort": case "getLocalPort": case "getRemotePort": return 80;
                        case "getContentLength": return -1;
                        case "getContentLengthLong": return -1L;
                        case "getHeader": return "host".equalsIgnoreCase((String) args[0]) ? "localhost" : null;
                        case "getHeaders": return Collections.enumeration(
                                "host".equalsIgnoreCase((String) args[0]) ? List.of("localhost") : List.of());
                        case "getHeaderNames": return Collections.enumeration(List.of("Host"));
                        case "getAttributeNames": case "getParameterNames": return Collections.emptyEnumeration();
                        case "getParameterMap": return Map.of();
                        case "toString": return "explain " + path;
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default:
                            Class<?> t = m.getReturnType();
                            if (t == boolean.class) {
                                return false;
                            }
                            if (t == int.class) {
                                return 0;
                            }
                            if (t == long.class) {
                                return 0L;
                            }
                            return null;
                    }
                });
    }
}
