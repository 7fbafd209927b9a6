package org.cerise.core.internal.binding;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cerise.api.Handler;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.Session;
import org.cerise.api.tool.Hook;
import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.http.CoreResponse;

/**
 * A request with what a bound handler reads: the virtual path, the parameters (and which came
 * from the body), the config, the session and the response.
 */
final class FakeRequest implements Request {

    private final List<String> vpath;
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private final Set<String> bodyParams = new HashSet<>();
    private final Map<String, Object> config = new HashMap<>();
    private final Response response = new CoreResponse();
    private Session session;

    private FakeRequest(List<String> vpath) {
        this.vpath = vpath;
    }

    /** A request whose dispatch left these path segments. */
    static FakeRequest path(String... vpath) {
        return new FakeRequest(List.of(vpath));
    }

    FakeRequest query(String name, String... values) {
        params.computeIfAbsent(name, k -> new ArrayList<>()).addAll(Arrays.asList(values));
        return this;
    }

    FakeRequest body(String name, String... values) {
        bodyParams.add(name);
        return query(name, values);
    }

    FakeRequest config(String key, Object value) {
        config.put(key, value);
        return this;
    }

    FakeRequest session(Session s) {
        this.session = s;
        return this;
    }

    @Override
    public List<String> vpath() {
        return vpath;
    }

    @Override
    public Map<String, List<String>> params() {
        return params;
    }

    @Override
    public String param(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public boolean isBodyParam(String name) {
        return bodyParams.contains(name);
    }

    @Override
    public Map<String, Object> config() {
        return config;
    }

    @Override
    public Session session() {
        if (session == null) {
            throw new IllegalStateException("sessions are not enabled");
        }
        return session;
    }

    @Override
    public Response response() {
        return response;
    }

    // Nothing below is read when a handler is bound and called.

    @Override
    public void setRemoteAddr(String address) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setBase(String base) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void observeHeaders(java.util.function.Consumer<String> observer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<java.nio.charset.Charset> attemptCharsets() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setAttemptCharsets(List<java.nio.charset.Charset> charsets) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object json() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setJson(Object document) {
        throw new UnsupportedOperationException();
    }

    @Override
    public org.cerise.api.ErrorResponse errorResponse() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setErrorResponse(org.cerise.api.ErrorResponse errorResponse) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Throwable error() {
        throw new UnsupportedOperationException();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not part of this fake request");
    }

    @Override
    public String method() {
        throw unused();
    }

    @Override
    public String protocol() {
        throw unused();
    }

    @Override
    public String scheme() {
        throw unused();
    }

    @Override
    public String base() {
        throw unused();
    }

    @Override
    public String scriptName() {
        throw unused();
    }

    @Override
    public String pathInfo() {
        throw unused();
    }

    @Override
    public String queryString() {
        throw unused();
    }

    @Override
    public String requestLine() {
        throw unused();
    }

    @Override
    public String remoteAddr() {
        throw unused();
    }

    @Override
    public int remotePort() {
        throw unused();
    }

    @Override
    public String header(String name) {
        throw unused();
    }

    @Override
    public List<String> headers(String name) {
        throw unused();
    }

    @Override
    public Set<String> headerNames() {
        throw unused();
    }

    @Override
    public String cookie(String name) {
        throw unused();
    }

    @Override
    public Boolean isIndex() {
        throw unused();
    }

    @Override
    public String appName() {
        throw unused();
    }

    @Override
    public Handler handler() {
        throw unused();
    }

    @Override
    public void setHandler(Handler handler) {
        throw unused();
    }

    @Override
    public void attachHook(HookPoint point, int priority, boolean failsafe, Hook hook) {
        throw unused();
    }

    @Override
    public InputStream body() {
        throw unused();
    }

    @Override
    public java.util.List<java.util.Map.Entry<String, String>> headerList() {
        throw unused();
    }

    @Override
    public byte[] bodyBytes() {
        throw unused();
    }

    @Override
    public java.util.List<org.cerise.api.HeaderElement> headerElements(String name) {
        throw unused();
    }

    @Override
    public void markAnswered() {
        throw unused();
    }

    @Override
    public boolean answered() {
        throw unused();
    }

    @Override
    public boolean cached() {
        throw unused();
    }

    @Override
    public void setCached(boolean cached) {
        throw unused();
    }

    @Override
    public boolean processRequestBody() {
        throw unused();
    }

    @Override
    public void setProcessRequestBody(boolean process) {
        throw unused();
    }

    @Override
    public void setSession(Session s) {
        throw unused();
    }

    @Override
    public String login() {
        throw unused();
    }

    @Override
    public void setLogin(String login) {
        throw unused();
    }

    @Override
    public Object attribute(String name) {
        throw unused();
    }

    @Override
    public void setAttribute(String name, Object value) {
        throw unused();
    }

    @Override
    public Request previous() {
        throw unused();
    }
}
