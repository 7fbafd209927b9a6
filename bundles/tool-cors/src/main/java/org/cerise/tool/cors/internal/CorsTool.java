package org.cerise.tool.cors.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * {@code tools.cors}, which CherryPy does not have: the server side of the Fetch standard's
 * CORS protocol.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered at {@code on_start_resource}: 204 with the
 * {@code Access-Control-Allow-*} headers when the origin, method and headers are allowed, 403
 * otherwise. An allowed preflight is {@linkplain Request#markAnswered() marked answered}, so
 * neither the body stage, the {@code before_handler} tools (authentication included: browsers
 * send no credentials on a preflight) nor the page handler run for it. Other responses,
 * errors included, get {@code Access-Control-Allow-Origin} (and {@code -Credentials}, {@code -Expose-Headers}) at
 * {@code before_finalize} and {@code after_error_response} when the origin is allowed, and
 * {@code Vary: Origin} whenever the answer depends on the origin.
 */
@Component(service = Tool.class)
@CeriseTool(name = "cors")
public final class CorsTool implements Tool {

    static final int PRIORITY = 1;

    private static final Pattern ORIGIN = Pattern.compile(
            "([a-z][a-z0-9+.-]*)://(\\*\\.)?([^/?#@\\s:*]+|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?/?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> NORMALIZED_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");

    /** What one scope was set up with. */
    private static final class Settings {
        boolean anyOrigin;
        Set<String> origins = new LinkedHashSet<>();
        List<String> originSuffixes = new ArrayList<>();
        boolean anyMethod;
        List<String> methods = new ArrayList<>();
        boolean anyHeader;
        List<String> headers = new ArrayList<>();
        Set<String> headersLower = new LinkedHashSet<>();
        String exposeHeaders;
        boolean credentials;
        String maxAge;
    }

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("origins", "methods", "headers", "expose_headers", "credentials", "max_age");
        Settings s = new Settings();
        List<Object> origins = setup.listArg("origins");
        if (origins.isEmpty()) {
            throw setup.badArg("origins", "must be set: '*' or a list of origins such as ['https://example.com']");
        }
        for (Object o : origins) {
            if (!(o instanceof String)) {
                throw setup.badArg("origins", "must be '*' or a list of quoted origins");
            }
            addOrigin(setup, s, (String) o);
        }
        s.credentials = setup.booleanArg("credentials", false);

        for (Object m : setup.listArg("methods").isEmpty() ? List.<Object>of("GET", "HEAD", "POST") : setup.listArg("methods")) {
            if (!(m instanceof String) || !(m.equals("*") || TOKEN.matcher((String) m).matches())) {
                throw setup.badArg("methods", "must be a list of method names such as ['GET', 'PUT'], or '*'");
            }
            if (m.equals("*")) {
                s.anyMethod = true;
            } else {
                s.methods.add(normalizeMethod((String) m));
            }
        }
        for (Object h : setup.listArg("headers")) {
            if (!(h instanceof String) || !(h.equals("*") || TOKEN.matcher((String) h).matches())) {
                throw setup.badArg("headers", "must be a list of header names such as ['Content-Type'], or '*'");
            }
            if (h.equals("*")) {
                s.anyHeader = true;
            } else {
                s.headers.add((String) h);
                s.headersLower.add(((String) h).toLowerCase(Locale.ROOT));
            }
        }
        List<String> expose = new ArrayList<>();
        for (Object h : setup.listArg("expose_headers")) {
            if (!(h instanceof String) || !(h.equals("*") || TOKEN.matcher((String) h).matches())) {
                throw setup.badArg("expose_headers", "must be a list of header names such as ['ETag'], or '*'");
            }
            if (h.equals("*") && s.credentials) {
                throw setup.badArg("expose_headers", "cannot be '*' with credentials = True: browsers then read it as "
                        + "a header named '*'; list the headers");
            }
            expose.add((String) h);
        }
        s.exposeHeaders = expose.isEmpty() ? null : String.join(", ", expose);
        Object maxAge = setup.args().get("max_age");
        if (maxAge != null) {
            if (!(maxAge instanceof Long) || (Long) maxAge < 0) {
                throw setup.badArg("max_age", "must be a number of seconds, 0 or more");
            }
            s.maxAge = maxAge.toString();
        }

        int priority = setup.priority(PRIORITY);
        setup.hook(HookPoint.ON_START_RESOURCE, priority, false, (request, response) -> preflight(request, response, s));
        setup.hook(HookPoint.BEFORE_FINALIZE, priority, true, (request, response) -> actual(request, response, s));
        setup.hook(HookPoint.AFTER_ERROR_RESPONSE, priority, true, (request, response) -> actual(request, response, s));
    }

    private static void addOrigin(ToolSetup setup, Settings s, String origin) throws ConfigException {
        if (origin.equals("*")) {
            s.anyOrigin = true;
            return;
        }
        if (origin.equals("null")) {
            // Sandboxed documents and file: pages all send "null": allowed only when listed.
            s.origins.add("null");
            return;
        }
        Matcher m = ORIGIN.matcher(origin.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw setup.badArg("origins", "must be '*' or origins such as 'https://example.com' or "
                    + "'https://*.example.com' (scheme, host, optional port; no path)");
        }
        String scheme = m.group(1);
        String port = m.group(4);
        boolean defaultPort = port != null && (scheme.equals("http") && port.equals("80")
                || scheme.equals("https") && port.equals("443"));
        // Browsers leave the scheme's default port out of Origin.
        String hostPort = m.group(3) + (port == null || defaultPort ? "" : ":" + port);
        if (m.group(2) != null) {
            s.originSuffixes.add(scheme + "://|." + hostPort);
        } else {
            s.origins.add(scheme + "://" + hostPort);
        }
    }

    /** Fetch: the six methods compare case-insensitively (and are sent in uppercase); others exactly. */
    private static String normalizeMethod(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return NORMALIZED_METHODS.contains(upper) ? upper : method;
    }

    /** Whether the origin is allowed by name (for {@code *}, any origin but {@code null}). */
    private static boolean allowed(Settings s, String origin) {
        if (s.origins.contains(origin)) {
            return true;
        }
        for (String suffix : s.originSuffixes) {
            int bar = suffix.indexOf('|');
            String scheme = suffix.substring(0, bar);
            String dotHost = suffix.substring(bar + 1);
            if (origin.startsWith(scheme) && origin.endsWith(dotHost)
                    && origin.length() > scheme.length() + dotHost.length()
                    && origin.indexOf('/', scheme.length()) < 0) {
                return true;
            }
        }
        return s.anyOrigin && !origin.equals("null");
    }

    /** No credentials and any origin: the answer is the same for everyone. */
    private static boolean sameForEveryone(Settings s) {
        return s.anyOrigin && !s.credentials;
    }

    /** Fetch: a preflight is an {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    private static boolean isPreflight(Request request) {
        return request.method().equals("OPTIONS") && request.header("Origin") != null
                && request.header("Access-Control-Request-Method") != null;
    }

    private static void preflight(Request request, Response response, Settings s) {
        if (!isPreflight(request)) {
            return;
        }
        String origin = request.header("Origin");
        String requestedMethod = request.header("Access-Control-Request-Method");
        if (!allowed(s, origin)) {
            throw new HttpError(403, "CORS preflight refused: the origin " + origin + " is not allowed.");
        }
        String method = normalizeMethod(requestedMethod.strip());
        if (!s.anyMethod && !s.methods.contains(method)) {
            throw new HttpError(403, "CORS preflight refused: the method " + method + " is not allowed.");
        }
        List<String> requested = new ArrayList<>();
        for (String value : request.headers("Access-Control-Request-Headers")) {
            for (String name : value.split(",")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                // As in Fetch, '*' does not cover Authorization: it must be listed by name.
                boolean ok = s.headersLower.contains(n) || (s.anyHeader && !n.equals("authorization"));
                if (!ok) {
                    throw new HttpError(403, "CORS preflight refused: the request header " + n + " is not allowed.");
                }
                requested.add(n);
            }
        }

        // No body to clear: the core sends none with a 204.
        response.setStatus(204);
        response.setHeader("Access-Control-Allow-Origin", sameForEveryone(s) ? "*" : origin);
        if (s.credentials) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        // With credentials, Fetch reads '*' as a name, so the wildcards are answered by echoing.
        response.setHeader("Access-Control-Allow-Methods", s.anyMethod
                ? (s.credentials ? method : "*") : String.join(", ", s.methods));
        String allowHeaders;
        if (s.anyHeader) {
            allowHeaders = s.credentials ? String.join(", ", requested)
                    : String.join(", ", prepend("*", s.headers));
        } else {
            allowHeaders = String.join(", ", s.headers);
        }
        if (!allowHeaders.isEmpty()) {
            response.setHeader("Access-Control-Allow-Headers", allowHeaders);
        }
        if (s.maxAge != null) {
            response.setHeader("Access-Control-Max-Age", s.maxAge);
        }
        request.markAnswered();
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static void actual(Request request, Response response, Settings s) {
        // Answered (204) or refused (403) at on_start_resource, which ran first.
        if (isPreflight(request)) {
            vary(response, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
            return;
        }
        String origin = request.header("Origin");
        if (sameForEveryone(s)) {
            // Fetch: a static answer goes on every response, and then nothing varies.
            response.setHeader("Access-Control-Allow-Origin", "*");
            if (s.exposeHeaders != null) {
                response.setHeader("Access-Control-Expose-Headers", s.exposeHeaders);
            }
            return;
        }
        vary(response, "Origin");
        if (origin == null || !allowed(s, origin)) {
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        if (s.credentials) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        if (s.exposeHeaders != null) {
            response.setHeader("Access-Control-Expose-Headers", s.exposeHeaders);
        }
    }

    /** Adds names to {@code Vary}, keeping what other tools put there. */
    static void vary(Response response, String... names) {
        Set<String> present = new LinkedHashSet<>();
        List<String> values = new ArrayList<>();
        for (String v : response.headers("Vary")) {
            for (String n : v.split(",")) {
                String t = n.strip();
                if (!t.isEmpty() && present.add(t.toLowerCase(Locale.ROOT))) {
                    values.add(t);
                }
            }
        }
        if (present.contains("*")) {
            return;
        }
        for (String n : names) {
            if (present.add(n.toLowerCase(Locale.ROOT))) {
                values.add(n);
            }
        }
        response.setHeader("Vary", String.join(", ", values));
    }
}
