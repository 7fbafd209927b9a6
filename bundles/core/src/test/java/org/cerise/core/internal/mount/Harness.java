package org.cerise.core.internal.mount;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.tool.ConfigNamespace;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.Environments;
import org.cerise.core.internal.config.IniConfig;
import org.cerise.core.internal.http.PathDecoder;
import org.cerise.core.internal.pipeline.BytesInputStream;
import org.cerise.core.internal.pipeline.Pipeline;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs requests through Cerise's real pipeline in-process, without a framework or sockets: the
 * app is compiled exactly as the container compiles it ({@link AppCompiler}: config files,
 * annotations, tools, dispatchers), then each request goes through {@link Pipeline#serve} with
 * in-memory servlet request and response objects. For the unit tests of tools and
 * dispatchers:
 *
 * <pre>
 * Harness h = Harness.of(new MyApp()).tool("gzip", new GzipTool()).dispatcher("tree", new TreeDispatcher())
 *         .config("[/]\ntools.gzip.on = True");
 * Harness.Result r = h.get("/app/", "Accept-Encoding: gzip");
 * assertEquals("gzip", r.header("Content-Encoding"));
 * </pre>
 *
 * <p>The global config starts as Cerise's defaults, except that the tools on by default
 * ({@code trailing_slash}, ...) are off unless the test registers them: a test registers the
 * tools it is about.
 *
 * <p>Once configured, a harness may serve requests from several threads at once, as the
 * container does: the app is compiled once (under a lock, on the first request) and every
 * request has its own servlet request, response and result. Configure it (the builder methods)
 * before sending requests concurrently; a builder call drops the compiled app, so requests
 * that race with it may see either the old or the new app.
 */
public final class Harness {

    private final Object root;
    private final Map<String, Tool> tools = new HashMap<>();
    private final Map<String, Dispatcher> dispatchers = new HashMap<>();
    private final Map<String, ConfigNamespace> namespaces = new HashMap<>();
    private final Map<List<String>, Object> services = new HashMap<>();
    private final Map<String, Object> global = new LinkedHashMap<>(GlobalConfig.DEFAULTS);
    private String mount = "/app";
    private String name = "app";
    private String config = "";
    private volatile String protocol = "HTTP/1.1";
    /** The app's bundle entries: the app class's class loader unless a test says otherwise. */
    private org.cerise.core.internal.config.ScopeCompiler.AppEntries appEntries;
    /** The compiled app; volatile so that requests on other threads see it once compiled. */
    private volatile MountedApp app;

    private Harness(Object root) {
        this.root = root;
    }

    /**
     * @param root the app's root object
     * @return a harness mounting it at {@code /app}
     */
    public static Harness of(Object root) {
        return new Harness(root);
    }

    /** @param path the mount point @return this */
    public synchronized Harness mount(String path) {
        this.mount = path.equals("/") ? "" : path;
        app = null;
        return this;
    }

    /**
     * @param requestProtocol the protocol of the requests that follow, {@code HTTP/1.1} (the
     *                        default) or {@code HTTP/1.0}
     * @return this
     */
    public Harness protocol(String requestProtocol) {
        this.protocol = requestProtocol;
        return this;
    }

    /**
     * @param appName the app's name ({@code cerise.app.name}), {@code "app"} unless set; tools
     *                that keep state per app tell apps apart by it
     * @return this
     */
    public synchronized Harness name(String appName) {
        this.name = appName;
        app = null;
        return this;
    }

    /** @param ini the app's config file, CherryPy's INI format @return this */
    public synchronized Harness config(String ini) {
        this.config = ini;
        app = null;
        return this;
    }

    /** @param key a global config key @param value its typed value (null removes it) @return this */
    public synchronized Harness global(String key, Object value) {
        if (value == null) {
            global.remove(key);
        } else {
            global.put(key, value);
        }
        app = null;
        return this;
    }

    /**
     * Where {@code ToolSetup.appEntry} reads the app's "bundle" from. Without this call, the app
     * class's class loader ({@code ClassLoader.getResource}) stands for the bundle, so that a
     * test's resources ({@code src/test/resources/public/...}) are the app's entries.
     *
     * @param entries finds an entry by its path inside the bundle (no leading {@code /}), or
     *                returns {@code null}
     * @return this
     */
    public synchronized Harness appEntries(java.util.function.Function<String, java.net.URL> entries) {
        this.appEntries = entries::apply;
        app = null;
        return this;
    }

    /** @param name the tool's name @param tool the tool @return this */
    public synchronized Harness tool(String name, Tool tool) {
        tools.put(name, tool);
        app = null;
        return this;
    }

    /** @param name the dispatcher's name @param dispatcher the dispatcher @return this */
    public synchronized Harness dispatcher(String name, Dispatcher dispatcher) {
        dispatchers.put(name, dispatcher);
        app = null;
        return this;
    }

    /** @param name the namespace @param namespace the handler @return this */
    public synchronized Harness namespace(String name, ConfigNamespace namespace) {
        namespaces.put(name, namespace);
        app = null;
        return this;
    }

    /**
     * Registers a service that tools select by name ({@code ToolSetup.service}).
     *
     * @param <S>      the service type
     * @param type     the service interface
     * @param property the property carrying the name
     * @param serviceName the name
     * @param service  the service, {@code null} to remove it
     * @return this
     */
    public synchronized <S> Harness service(Class<S> type, String property, String serviceName, S service) {
        List<String> key = List.of(type.getName(), property, serviceName);
        if (service == null) {
            services.remove(key);
        } else {
            services.put(key, service);
        }
        app = null;
        return this;
    }

    /**
     * Compiles the app now (requests do it on demand).
     *
     * @return the compiled app
     * @throws ConfigException what would keep the app from mounting in the container
     */
    public MountedApp compile() throws ConfigException {
        MountedApp compiled = app;
        if (compiled != null) {
            return compiled;
        }
        synchronized (this) {
            return compileLocked();
        }
    }

    /** Compiles once: concurrent first requests must not set the tools up twice or see half a config. */
    private MountedApp compileLocked() throws ConfigException {
        if (app == null) {
            Map<String, Object> effective = new LinkedHashMap<>(global);
            GlobalConfig.DEFAULTS.keySet().stream()
                    .filter(k -> k.startsWith("tools.") && k.endsWith(".on") && global.get(k) == GlobalConfig.DEFAULTS.get(k))
                    .filter(k -> !tools.containsKey(k.substring("tools.".length(), k.length() - ".on".length())))
                    .forEach(k -> effective.put(k, Boolean.FALSE));
            Map<String, String> origins = new LinkedHashMap<>();
            effective.keySet().forEach(k -> origins.put(k, "the harness's global config"));
            Environments.expand(effective, origins);
            IniConfig.Parsed file = IniConfig.parseWithOrigins("app.conf", new StringReader(config));
            AppConfig merged = AppConfig.merge(new GlobalConfig.Loaded(effective, origins), file, List.of(), name);
            app = new AppCompiler(tools::get, dispatchers::get, namespaces::get,
                    (type, property, serviceName) -> services.get(List.of(type.getName(), property, serviceName)))
                    .compile(root, name, mount, merged,
                    root.getClass().getClassLoader()::loadClass, location -> {
                        throw new UncheckedIOException(new IOException("no template " + location + " in the harness"));
                    }, appEntries != null ? appEntries : classLoaderEntries(root)).app();
        }
        return app;
    }

    private static org.cerise.core.internal.config.ScopeCompiler.AppEntries classLoaderEntries(Object root) {
        ClassLoader loader = root.getClass().getClassLoader();
        ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
        return l::getResource;
    }

    /**
     * A GET.
     *
     * @param target  path and query, e.g. {@code /app/page?x=1}
     * @param headers header lines, e.g. {@code "Accept: text/plain"}
     * @return the response
     */
    public Result get(String target, String... headers) {
        return request("GET", target, null, headers);
    }

    /**
     * Any request.
     *
     * @param method  the method
     * @param target  path and query
     * @param body    the body, or {@code null} for none (a body gets a Content-Length)
     * @param headers header lines
     * @return the response
     */
    public Result request(String method, String target, byte[] body, String... headers) {
        MountedApp mounted;
        try {
            mounted = compile();
        } catch (ConfigException e) {
            throw new IllegalStateException("the app does not mount: " + e.getMessage(), e);
        }
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        requestHeaders.computeIfAbsent("Host", k -> new ArrayList<>()).add("127.0.0.1:8080");
        for (String line : headers) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip();
            if (name.equalsIgnoreCase("Host")) {
                requestHeaders.remove("Host");
            }
            requestHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        if (body != null && requestHeaders.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Length")
                || k.equalsIgnoreCase("Transfer-Encoding"))) {
            requestHeaders.computeIfAbsent("Content-Length", k -> new ArrayList<>()).add(String.valueOf(body.length));
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        Result result = new Result();
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest request = request(method, path, query, protocol, requestHeaders,
                body == null ? new byte[0] : body, attributes);
        HttpServletResponse response = response(result);
        String decoded = PathDecoder.decode(path);
        if (!(mounted.mountPath().isEmpty() || decoded.equals(mounted.mountPath())
                || decoded.startsWith(mounted.mountPath() + "/"))) {
            throw new IllegalArgumentException(target + " is outside the mount point " + mounted.mountPath());
        }
        try {
            Pipeline.serve(request, response, mounted, decoded.substring(mounted.mountPath().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.reason = (String) attributes.get("org.cerise.reason");
        return result;
    }

    /** A response as the client would see it. */
    public static final class Result {
        private int status = 200;
        private String reason;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        /** @return the status code */
        public int status() {
            return status;
        }

        /** @return the reason phrase the core asked for, or {@code null} for the standard one */
        public String reason() {
            return reason;
        }

        /** @param name a header, any case @return its first value or {@code null} */
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** @param name a header, any case @return its values */
        public List<String> headers(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return Collections.unmodifiableList(e.getValue());
                }
            }
            return List.of();
        }

        /** @return the body bytes */
        public byte[] body() {
            return body.toByteArray();
        }

        /** @return the body as UTF-8 text */
        public String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + text();
        }
    }

    private static HttpServletRequest request(String method, String path, String query, String protocol,
            Map<String, List<String>> headers, byte[] body, Map<String, Object> attributes) {
        ServletInputStream in = new BytesInputStream(body);
        return (HttpServletRequest) Proxy.newProxyInstance(Harness.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getMethod": return method;
                        case "getRequestURI": return path;
                        case "getQueryString": return query;
                        case "getProtocol": return protocol;
                        case "getScheme": return "http";
                        case "getRemoteAddr": return "127.0.0.1";
                        case "getRemotePort": return 40000;
                        case "getLocalAddr": return "127.0.0.1";
                        case "getLocalPort": return 8080;
                        case "getHeader": {
                            List<String> v = find(headers, (String) args[0]);
                            return v.isEmpty() ? null : v.get(0);
                        }
                        case "getHeaders": return Collections.enumeration(find(headers, (String) args[0]));
                        case "getHeaderNames": return Collections.enumeration(headers.keySet());
                        case "getContentType": {
                            List<String> v = find(headers, "Content-Type");
                            return v.isEmpty() ? null : v.get(0);
                        }
                        case "getContentLengthLong":
                        case "getContentLength": {
                            List<String> v = find(headers, "Content-Length");
                            long n = v.isEmpty() ? -1 : Long.parseLong(v.get(0));
                            return m.getName().equals("getContentLength") ? (Object) (int) n : (Object) n;
                        }
                        case "getInputStream": return in;
                        case "getCookies": return cookies(find(headers, "Cookie"));
                        case "getAttribute": return attributes.get(args[0]);
                        case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                        case "removeAttribute": attributes.remove(args[0]); return null;
                        case "getParts": throw new jakarta.servlet.ServletException("multipart is not supported by the harness");
                        case "toString": return method + " " + path;
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default: throw new UnsupportedOperationException("harness request: " + m.getName());
                    }
                });
    }

    private static Cookie[] cookies(List<String> headers) {
        List<Cookie> out = new ArrayList<>();
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.add(new Cookie(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip()));
                }
            }
        }
        return out.isEmpty() ? null : out.toArray(new Cookie[0]);
    }

    private static List<String> find(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    private static HttpServletResponse response(Result result) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                result.body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                result.body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(Harness.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus": result.status = (Integer) args[0]; return null;
                        case "getStatus": return result.status;
                        case "setHeader": put(result, (String) args[0], (String) args[1], true); return null;
                        case "addHeader": put(result, (String) args[0], (String) args[1], false); return null;
                        case "setContentType": put(result, "Content-Type", (String) args[0], true); return null;
                        case "setContentLength":
                        case "setContentLengthLong": put(result, "Content-Length", String.valueOf(args[0]), true); return null;
                        case "getOutputStream": return out;
                        case "flushBuffer": return null;
                        case "isCommitted": return false;
                        case "getHeader": return result.header((String) args[0]);
                        case "toString": return "harness response";
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default: throw new UnsupportedOperationException("harness response: " + m.getName());
                    }
                });
    }

    private static void put(Result result, String name, String value, boolean replace) {
        String key = result.headers.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
        List<String> values = result.headers.computeIfAbsent(key, k -> new ArrayList<>());
        if (replace) {
            values.clear();
        }
        values.add(value);
    }
}
