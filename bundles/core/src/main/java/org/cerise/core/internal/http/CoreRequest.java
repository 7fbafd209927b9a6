package org.cerise.core.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.cerise.api.ErrorResponse;
import org.cerise.api.Handler;
import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.Session;
import org.cerise.api.tool.Hook;
import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The request as the pipeline and the app see it: values read from the servlet request on
 * demand, plus what dispatch and tools add. One per request (and one more per internal
 * redirect), confined to the serving thread.
 */
public final class CoreRequest implements Request {

    private static final InputStream EMPTY = new ByteArrayInputStream(new byte[0]);

    private final HttpServletRequest servlet;
    private final CoreResponse response;
    private final String method;
    private final String protocol;
    private final String scriptName;
    private final String pathInfo;
    private final String queryString;
    private final String appName;
    private final CoreRequest previous;

    private String base;
    private Map<String, List<String>> params = new LinkedHashMap<>(4);
    private Set<String> bodyParams;
    private List<String> vpath = List.of();
    private Boolean index;
    private Scope scope;
    private Handler handler;
    private boolean processRequestBody = true;
    private Session session;
    private String login;
    private Map<String, Object> attributes;
    private List<HookEntry> extraHooks;
    private Map<String, String> cookies;
    private long hookSequence;
    private String remoteAddr;
    private List<Consumer<String>> headerObservers;
    private List<Charset> attemptCharsets;
    private byte[] bodyBytes;
    private boolean answered;
    private boolean cached;
    private Object json;
    private ErrorResponse errorResponse;
    private Throwable error;

    private static final List<Charset> DEFAULT_CHARSETS =
            List.of(StandardCharsets.UTF_8);

    /**
     * @param servlet     the servlet request
     * @param response    the response
     * @param method      the method (GET after an internal redirect)
     * @param scriptName  the app's mount point
     * @param pathInfo    the decoded path below it
     * @param queryString the raw query string
     * @param appName     the app's name
     * @param previous    the request that redirected here, or {@code null}
     */
    public CoreRequest(HttpServletRequest servlet, CoreResponse response, String method, String scriptName,
            String pathInfo, String queryString, String appName, CoreRequest previous) {
        this.servlet = servlet;
        this.response = response;
        this.method = method;
        this.protocol = servlet.getProtocol();
        this.scriptName = scriptName;
        this.pathInfo = pathInfo;
        this.queryString = queryString;
        this.appName = appName;
        this.previous = previous;
    }

    /** @return the servlet request */
    public HttpServletRequest servletRequest() {
        return servlet;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    /** @return whether the client speaks HTTP/1.1 or later */
    public boolean isHttp11() {
        return !"HTTP/1.0".equals(protocol) && !"HTTP/0.9".equals(protocol);
    }

    @Override
    public String scheme() {
        return servlet.getScheme();
    }

    @Override
    public String base() {
        if (base == null) {
            String host = servlet.getHeader("Host");
            if (host == null || host.isEmpty()) {
                String local = servlet.getLocalAddr();
                if (local != null && local.indexOf(':') >= 0) {
                    local = "[" + local + "]";
                }
                host = local + ":" + servlet.getLocalPort();
            }
            base = scheme() + "://" + host;
        }
        return base;
    }

    @Override
    public String scriptName() {
        return scriptName;
    }

    @Override
    public String pathInfo() {
        return pathInfo;
    }

    @Override
    public String queryString() {
        return queryString;
    }

    @Override
    public String requestLine() {
        String uri = servlet.getRequestURI();
        String q = servlet.getQueryString();
        return servlet.getMethod() + " " + uri + (q == null ? "" : "?" + q) + " " + protocol;
    }

    @Override
    public String remoteAddr() {
        String address = remoteAddr;
        if (address == null) {
            // Kept: the servlet container may make a new string per call, and the access log and
            // the recent-requests list both ask at the end of every request.
            address = servlet.getRemoteAddr();
            remoteAddr = address;
        }
        return address;
    }

    @Override
    public void setRemoteAddr(String address) {
        this.remoteAddr = address;
    }

    @Override
    public void setBase(String newBase) {
        this.base = newBase;
    }

    @Override
    public int remotePort() {
        return servlet.getRemotePort();
    }

    @Override
    public String header(String name) {
        if (headerObservers != null) {
            headerObservers.forEach(o -> o.accept(name));
        }
        return servlet.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        if (headerObservers != null) {
            headerObservers.forEach(o -> o.accept(name));
        }
        Enumeration<String> e = servlet.getHeaders(name);
        if (e == null || !e.hasMoreElements()) {
            return List.of();
        }
        return Collections.unmodifiableList(Collections.list(e));
    }

    @Override
    public Set<String> headerNames() {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<String> e = servlet.getHeaderNames();
        while (e != null && e.hasMoreElements()) {
            names.add(e.nextElement());
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public List<Map.Entry<String, String>> headerList() {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        Enumeration<String> names = servlet.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = servlet.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                lines.add(Map.entry(name, values.nextElement()));
            }
        }
        return Collections.unmodifiableList(lines);
    }

    @Override
    public List<HeaderElement> headerElements(String name) {
        return HeaderElements.parse(name, headers(name));
    }

    @Override
    public void observeHeaders(Consumer<String> observer) {
        if (headerObservers == null) {
            headerObservers = new ArrayList<>(1);
        }
        headerObservers.add(observer);
    }

    @Override
    public String cookie(String name) {
        if (cookies == null) {
            cookies = new HashMap<>();
            jakarta.servlet.http.Cookie[] all = servlet.getCookies();
            if (all != null) {
                for (jakarta.servlet.http.Cookie c : all) {
                    cookies.putIfAbsent(c.getName(), c.getValue());
                }
            }
        }
        return cookies.get(name);
    }

    @Override
    public Map<String, List<String>> params() {
        return params;
    }

    @Override
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public boolean isBodyParam(String name) {
        return bodyParams != null && bodyParams.contains(name);
    }

    /**
     * Records the names that came from the body.
     *
     * @param names the names
     */
    public void addBodyParamNames(List<String> names) {
        if (bodyParams == null) {
            bodyParams = new HashSet<>();
        }
        bodyParams.addAll(names);
    }

    @Override
    public List<String> vpath() {
        return vpath;
    }

    @Override
    public Boolean isIndex() {
        return index;
    }

    /**
     * Installs what the dispatcher found.
     *
     * @param newScope   the compiled scope of the route's trail
     * @param newHandler the handler
     * @param newVpath   the positional arguments
     * @param newIndex   the index state
     */
    public void route(Scope newScope, Handler newHandler, List<String> newVpath, Boolean newIndex) {
        this.scope = newScope;
        this.handler = newHandler;
        this.vpath = newVpath;
        this.index = newIndex;
        this.processRequestBody = newScope.processRequestBody;
    }

    /** @return the compiled scope of this request's route, {@code null} before dispatch */
    public Scope scope() {
        return scope;
    }

    @Override
    public Map<String, Object> config() {
        return scope == null ? Map.of() : scope.config;
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public Handler handler() {
        return handler;
    }

    @Override
    public void setHandler(Handler newHandler) {
        this.handler = newHandler;
    }

    @Override
    public void attachHook(HookPoint point, int priority, boolean failsafe, Hook hook) {
        if (extraHooks == null) {
            extraHooks = new ArrayList<>(2);
        }
        // After every compiled hook of equal priority, in attach order.
        extraHooks.add(new HookEntry(point, priority, failsafe, hook, "request", Long.MAX_VALUE / 2 + hookSequence++));
    }

    /** @return hooks attached to this request alone, or {@code null} */
    public List<HookEntry> extraHooks() {
        return extraHooks;
    }

    @Override
    public InputStream body() throws IOException {
        if (!bodyAllowed()) {
            return EMPTY;
        }
        processRequestBody = false;
        return bodyBytes != null ? new ByteArrayInputStream(bodyBytes) : servlet.getInputStream();
    }

    @Override
    public byte[] bodyBytes() throws IOException {
        if (bodyBytes == null) {
            if (!bodyAllowed()) {
                return new byte[0];
            }
            long max = scope == null ? 0 : scope.maxBodyBytes;
            if (max > 0 && servlet.getContentLengthLong() > max) {
                throw new HttpError(413);
            }
            bodyBytes = readBounded(servlet.getInputStream(), max);
        }
        return bodyBytes;
    }

    /** @return the body if a tool buffered it ({@link #bodyBytes()}), else {@code null} */
    public byte[] bufferedBody() {
        return bodyBytes;
    }

    /**
     * Reads a stream to its end, refusing more than {@code max} bytes.
     *
     * @param in  the stream
     * @param max the limit; 0 or less for none
     * @return the bytes
     * @throws IOException if reading fails
     * @throws HttpError   413 past the limit
     */
    public static byte[] readBounded(InputStream in, long max) throws IOException {
        if (max <= 0) {
            return in.readAllBytes();
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw new HttpError(413);
        }
        return bytes;
    }

    @Override
    public void markAnswered() {
        this.answered = true;
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public boolean cached() {
        return cached;
    }

    @Override
    public void setCached(boolean fromCache) {
        this.cached = fromCache;
    }

    /** @return whether this request may have a body at all (not after an internal redirect) */
    public boolean bodyAllowed() {
        return previous == null;
    }

    @Override
    public boolean processRequestBody() {
        return processRequestBody;
    }

    @Override
    public void setProcessRequestBody(boolean process) {
        this.processRequestBody = process;
    }

    @Override
    public List<Charset> attemptCharsets() {
        if (attemptCharsets == null) {
            attemptCharsets = initialCharsets(servlet.getContentType());
        }
        return attemptCharsets;
    }

    /**
     * CherryPy's {@code RequestBody.__init__}: the charset the {@code Content-Type} names, then
     * the default (UTF-8) unless it is that same charset. A charset Java does not know is left
     * out here; the body stage answers 400 for it.
     */
    private static List<Charset> initialCharsets(String contentType) {
        String name = contentTypeCharset(contentType);
        if (name == null) {
            return DEFAULT_CHARSETS;
        }
        try {
            Charset named = Charset.forName(name);
            return named.equals(StandardCharsets.UTF_8) ? DEFAULT_CHARSETS : List.of(named, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return DEFAULT_CHARSETS;
        }
    }

    /**
     * @param contentType a {@code Content-Type} value, or {@code null}
     * @return the value of its {@code charset} parameter, unquoted, or {@code null}
     */
    public static String contentTypeCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }

    @Override
    public void setAttemptCharsets(List<Charset> charsets) {
        this.attemptCharsets = List.copyOf(charsets);
    }

    @Override
    public Object json() {
        return json;
    }

    @Override
    public void setJson(Object document) {
        this.json = document;
    }

    @Override
    public ErrorResponse errorResponse() {
        return errorResponse;
    }

    @Override
    public void setErrorResponse(ErrorResponse newErrorResponse) {
        this.errorResponse = newErrorResponse;
    }

    @Override
    public Throwable error() {
        return error;
    }

    /** @param handled the exception the error hooks are handling, or {@code null} after them */
    public void setError(Throwable handled) {
        this.error = handled;
    }

    @Override
    public Session session() {
        if (session == null) {
            throw new IllegalStateException("sessions are not enabled for " + scriptName + pathInfo
                    + ": turn them on with tools.sessions.on = True");
        }
        return session;
    }

    @Override
    public void setSession(Session newSession) {
        this.session = newSession;
    }

    @Override
    public String login() {
        return login;
    }

    @Override
    public void setLogin(String user) {
        this.login = user;
    }

    @Override
    public Object attribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (attributes == null) {
            if (value == null) {
                return;
            }
            attributes = new HashMap<>(4);
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public Request previous() {
        return previous;
    }

    @Override
    public Response response() {
        return response;
    }

    /** @return the response, typed */
    public CoreResponse coreResponse() {
        return response;
    }
}
