package org.cerise.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.api.embed.LocalServer;
import org.cerise.testkit.internal.CaptureProvider;
import org.cerise.testkit.internal.ErrorPage;
import org.cerise.testkit.internal.LogBuffer;
import org.cerise.testkit.internal.PyRepr;
import org.cerise.testkit.internal.RawHttp;
import org.cerise.testkit.internal.ServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/**
 * CherryPy's {@code cherrypy.test.helper.CPWebCase} for JUnit 5: a base class for tests that mount
 * apps in Cerise's embedded container and ask it for pages.
 *
 * <pre>
 * class SimpleCPTest extends CPWebCase {
 *     static void setupServer() {
 *         Cerise.mount(new StringGenerator(), "/", Map.of());
 *     }
 *
 *     &#64;Test
 *     void testIndex() {
 *         getPage("/");
 *         assertStatus("200 OK");
 *     }
 * }
 * </pre>
 *
 * <p>Once per class, before its tests, the container is reset and configured as CherryPy's
 * helper does ({@code server.socket_host: '127.0.0.1'}, a free {@code server.socket_port},
 * {@code environment: 'test_suite'}), the class's static {@code setupServer()} mounts apps
 * ({@code Cerise.mount}) and may update the global config ({@code Cerise.config}), and the
 * container starts; it stops after the class. Requests go over a real socket to the container's
 * Jetty, or, for a class annotated {@link InProcess}, straight to the core without a server.
 *
 * <p>{@link #getPage} remembers the response: {@link #status()}, {@link #headers()},
 * {@link #body()} and {@link #cookies()} (the {@code Set-Cookie} values of the last response as
 * {@code Cookie} request headers, to send back with {@code getPage(url, cookies())}, as CherryPy's
 * {@code self.cookies}). The assertions throw {@link AssertionFailedError} with CherryPy's
 * messages. {@link #errorLog()} and {@link #accessLog()} are CherryPy's {@code LogCase} over the
 * container's logs as captured during the test.
 *
 * <p>Test classes run one after the other (one embedded container per JVM at a time); tests of a
 * class may run concurrently only if they do not share an instance's remembered response.
 */
@ExtendWith(ServerExtension.class)
public abstract class CPWebCase {

    static {
        // The container logs through the application's SLF4J: this provider keeps the lines for
        // the log assertions. Chosen before SLF4J starts, unless the build chose another.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", CaptureProvider.class.getName());
        }
    }

    /** CherryPy's {@code HOST}. */
    public static final String HOST = ServerExtension.HOST;
    /** CherryPy's {@code PROTOCOL}: the protocol {@link #getPage} sends unless told otherwise. */
    public static final String PROTOCOL = "HTTP/1.1";
    /** CherryPy's {@code encoding}: how String bodies and expectations become bytes. */
    public static final java.nio.charset.Charset ENCODING = StandardCharsets.UTF_8;

    private static final List<String> METHODS_WITH_BODIES = List.of("POST", "PUT", "PATCH");

    private final LogCase errorLog = new LogCase(LogBuffer.ERROR, "error log");
    private final LogCase accessLog = new LogCase(LogBuffer.ACCESS, "access log");

    private String url;
    private String status;
    private List<Map.Entry<String, String>> headers = List.of();
    private byte[] body = new byte[0];
    private List<Map.Entry<String, String>> cookies = List.of();
    private Duration time;

    /** For subclasses. */
    protected CPWebCase() {
    }

    // ---------------------------------------------------------------- the server

    /**
     * CherryPy's {@code script_name}: prefixed to every URL given to {@link #getPage}. Override
     * to test an app mounted below the root.
     *
     * @return the mount point, {@code ""} by default
     */
    protected String scriptName() {
        return "";
    }

    /** @return the port requests go to (CherryPy's {@code PORT}) */
    protected final int port() {
        return server().port;
    }

    /** @return CherryPy's {@code prefix()}: the script name without a trailing slash */
    protected final String prefix() {
        String s = scriptName();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** @return CherryPy's {@code base()}: {@code http://127.0.0.1:port} and the prefix */
    protected final String base() {
        int port = port();
        return "http://" + HOST + (port == 80 ? "" : ":" + port) + prefix();
    }

    /** @return whether requests bypass sockets ({@link InProcess}) */
    protected final boolean inProcess() {
        return server().local != null;
    }

    private static ServerExtension.Running server() {
        ServerExtension.Running r = ServerExtension.running();
        if (r == null) {
            throw new IllegalStateException("No Cerise server runs for this test class: declare "
                    + "'static void setupServer()' that mounts the apps (Cerise.mount), as CherryPy's setup_server");
        }
        return r;
    }

    // ---------------------------------------------------------------- requests

    /**
     * Builds a header list: {@code headers("Accept", "text/html", "Cookie", "a=1")}.
     *
     * @param namesAndValues name, value, name, value...
     * @return the headers, in order
     */
    public static List<Map.Entry<String, String>> headers(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers(...) takes names and values in pairs: " + Arrays.toString(namesAndValues));
        }
        List<Map.Entry<String, String>> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return list;
    }

    /**
     * GETs a URL.
     *
     * @param url the path and query string, e.g. {@code /generate?length=8}
     * @return the response (also remembered for the assertions)
     */
    protected Page getPage(String url) {
        return getPage(url, null, "GET", (byte[]) null, null);
    }

    /**
     * @param url     the path and query string
     * @param headers request headers, e.g. {@link #headers(String...)} or {@link #cookies()}
     * @return the response
     */
    protected Page getPage(String url, List<Map.Entry<String, String>> headers) {
        return getPage(url, headers, "GET", (byte[]) null, null);
    }

    /**
     * @param url     the path and query string
     * @param headers request headers, may be {@code null}
     * @param method  the method
     * @param body    the body, encoded as UTF-8; may be {@code null}
     * @return the response
     */
    protected Page getPage(String url, List<Map.Entry<String, String>> headers, String method, String body) {
        return getPage(url, headers, method, body == null ? null : body.getBytes(ENCODING), null);
    }

    /**
     * CherryPy's {@code getPage(url, headers=None, method='GET', body=None, protocol=None)}.
     * {@code Host} is added unless given; a POST, PUT or PATCH without {@code Content-Type} gets
     * {@code application/x-www-form-urlencoded}; a body without {@code Content-Length} (or
     * {@code Transfer-Encoding}) gets its length.
     *
     * @param url      the path and query string, below {@link #scriptName()}
     * @param headers  request headers, may be {@code null}
     * @param method   the method
     * @param body     the body, may be {@code null}
     * @param protocol the protocol on the request line, {@code null} for {@link #PROTOCOL}
     * @return the response
     */
    protected Page getPage(String url, List<Map.Entry<String, String>> headers, String method, byte[] body,
            String protocol) {
        ServerExtension.Running server = server();
        String target = scriptName().isEmpty() ? url : urljoin(scriptName(), url);
        String proto = protocol == null ? PROTOCOL : protocol;
        List<Map.Entry<String, String>> sent = cleanHeaders(headers, method, body, server.port);
        this.url = target;
        Instant t0 = Instant.now();
        Page page;
        if (server.local != null) {
            LocalServer.Response r = server.local.serve(method.toUpperCase(java.util.Locale.ROOT), target, proto, sent, body);
            page = new Page(r.status() + (r.reason().isEmpty() ? "" : " " + r.reason()), r.headers(), r.body());
        } else {
            RawHttp.Result r = send(server.port, method.toUpperCase(java.util.Locale.ROOT), target, proto, sent, body);
            page = new Page(r.status, r.headers, r.body);
        }
        this.time = Duration.between(t0, Instant.now());
        this.status = page.status();
        this.headers = page.headers();
        this.body = page.body();
        List<Map.Entry<String, String>> c = new ArrayList<>();
        for (Map.Entry<String, String> h : page.headers()) {
            if (h.getKey().equalsIgnoreCase("Set-Cookie")) {
                c.add(Map.entry("Cookie", h.getValue()));
            }
        }
        this.cookies = List.copyOf(c);
        return page;
    }

    /** cheroot's {@code openURL}: a refused connection is tried again, up to ten times. */
    private static RawHttp.Result send(int port, String method, String target, String protocol,
            List<Map.Entry<String, String>> headers, byte[] body) {
        for (int attempt = 1;; attempt++) {
            try {
                return RawHttp.exchange(HOST, port, method, target, protocol, headers, body);
            } catch (ConnectException e) {
                if (attempt == 10) {
                    throw new UncheckedIOException("Cannot connect to " + HOST + ":" + port, e);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + target + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static List<Map.Entry<String, String>> cleanHeaders(List<Map.Entry<String, String>> given, String method,
            byte[] body, int port) {
        List<Map.Entry<String, String>> h = given == null ? new ArrayList<>() : new ArrayList<>(given);
        if (find(h, "Host") == null) {
            h.add(Map.entry("Host", port == 80 ? HOST : HOST + ":" + port));
        }
        if (METHODS_WITH_BODIES.contains(method.toUpperCase(java.util.Locale.ROOT)) && find(h, "Content-Type") == null) {
            h.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
            h.add(Map.entry("Content-Length", String.valueOf(body == null ? 0 : body.length)));
        } else if (body != null && find(h, "Content-Length") == null && find(h, "Transfer-Encoding") == null) {
            h.add(Map.entry("Content-Length", String.valueOf(body.length)));
        }
        return h;
    }

    private static String find(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** CherryPy's {@code httputil.urljoin}: joined with '/', without doubled slashes. */
    static String urljoin(String... atoms) {
        StringBuilder sb = new StringBuilder();
        for (String a : atoms) {
            if (a != null && !a.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(a);
            }
        }
        String url = sb.toString();
        while (url.contains("//")) {
            url = url.replace("//", "/");
        }
        return url.isEmpty() ? "/" : url;
    }

    // ---------------------------------------------------------------- the last response

    /** @return the URL of the last request (with the script name) */
    protected final String url() {
        return url;
    }

    /** @return the last status, e.g. {@code "200 OK"} */
    protected final String status() {
        return status;
    }

    /** @return the last status code */
    protected final int statusCode() {
        return Integer.parseInt(status.substring(0, 3));
    }

    /** @return the last response's headers in order */
    protected final List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** @return the last response's body */
    protected final byte[] body() {
        return body;
    }

    /** @return the last response's body decoded as UTF-8 */
    protected final String bodyText() {
        return new String(body, ENCODING);
    }

    /**
     * CherryPy's {@code self.cookies}: each {@code Set-Cookie} of the last response as a
     * {@code Cookie} request header with the same value, to send back:
     * {@code getPage("/", cookies())}. Like CherryPy, a response without {@code Set-Cookie}
     * leaves it empty, and getPage does not send it by itself.
     *
     * @return the headers
     */
    protected final List<Map.Entry<String, String>> cookies() {
        return cookies;
    }

    /** @return how long the last request took (CherryPy's {@code self.time}) */
    protected final Duration time() {
        return time;
    }

    // ---------------------------------------------------------------- logs

    /** @return CherryPy's LogCase over the error log (everything but access lines) of this test */
    protected final LogCase errorLog() {
        return errorLog;
    }

    /** @return CherryPy's LogCase over the access log of this test */
    protected final LogCase accessLog() {
        return accessLog;
    }

    /** Fails with an explanation if SLF4J does not log through the test kit. */
    static void checkCapture() {
        String provider = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        if (!provider.startsWith(CaptureProvider.class.getPackageName())) {
            throw new AssertionFailedError("The log assertions read the lines captured by the test kit's SLF4J "
                    + "provider, but SLF4J logs through " + provider + ": set the system property slf4j.provider="
                    + CaptureProvider.class.getName() + " for the tests (e.g. in surefire's systemPropertyVariables)");
        }
    }

    // ---------------------------------------------------------------- assertions

    private AssertionFailedError fail(String message) {
        if (status == null) {
            return new AssertionFailedError(message + " (no page was requested: call getPage first)");
        }
        return new AssertionFailedError(message);
    }

    private boolean statusMatches(Object expected) {
        if (status == null) {
            return false;
        }
        if (expected instanceof Integer) {
            return (Integer) expected == statusCode();
        }
        return String.valueOf(expected).equals(status);
    }

    /**
     * Fails unless the status code is {@code code}.
     *
     * @param code e.g. 200
     */
    protected void assertStatus(int code) {
        assertStatus((Object) code, null);
    }

    /**
     * Fails unless the status is exactly {@code status}, e.g. {@code "200 OK"}.
     *
     * @param status the whole status
     */
    protected void assertStatus(String status) {
        assertStatus((Object) status, null);
    }

    /**
     * Fails unless the status matches one of the alternatives (Integer codes or String
     * statuses), CherryPy's {@code assertStatus([...])}.
     *
     * @param alternatives the accepted statuses
     */
    protected void assertStatus(List<?> alternatives) {
        assertStatus((Object) alternatives, null);
    }

    /**
     * @param status an Integer, a String or a List of them
     * @param msg    the failure message, {@code null} for CherryPy's
     */
    protected void assertStatus(Object status, String msg) {
        List<?> options = status instanceof List ? (List<?>) status : List.of(status);
        for (Object o : options) {
            if (statusMatches(o)) {
                return;
            }
        }
        throw fail(msg != null ? msg : "Status " + this.status + " does not match "
                + (status instanceof List ? PyRepr.of(status) : String.valueOf(status)));
    }

    /**
     * Fails unless the response has the header.
     *
     * @param key the header name, any case
     * @return its (first) value
     */
    protected String assertHeader(String key) {
        return assertHeader(key, null, null);
    }

    /**
     * Fails unless the response has the header with exactly this value (any of its occurrences).
     *
     * @param key   the header name, any case
     * @param value the value, {@code null} for any
     * @return the value
     */
    protected String assertHeader(String key, Object value) {
        return assertHeader(key, value, null);
    }

    /**
     * @param key   the header name
     * @param value the value, {@code null} for any
     * @param msg   the failure message, {@code null} for CherryPy's
     * @return the value found
     */
    protected String assertHeader(String key, Object value, String msg) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(key) && (value == null || String.valueOf(value).equals(h.getValue()))) {
                return h.getValue();
            }
        }
        if (msg == null) {
            msg = value == null ? PyRepr.str(key) + " not in headers" : PyRepr.str(key) + ":" + PyRepr.of(value) + " not in headers";
        }
        throw fail(msg);
    }

    /**
     * Fails unless the header has one of the values.
     *
     * @param key    the header name
     * @param values the accepted values
     * @return the matching values of the first occurrence that has any
     */
    protected List<String> assertHeaderIn(String key, List<?> values) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(key)) {
                List<String> matches = new ArrayList<>();
                for (Object v : values) {
                    if (String.valueOf(v).equals(h.getValue())) {
                        matches.add(h.getValue());
                    }
                }
                if (!matches.isEmpty()) {
                    return matches;
                }
            }
        }
        throw fail(PyRepr.str(key) + " not in " + PyRepr.of(values));
    }

    /**
     * Fails unless the (first) header's comma-separated items include {@code value}.
     *
     * @param key   the header name
     * @param value an item, e.g. {@code gzip} in {@code Vary: Accept-Encoding, gzip}
     * @return the value
     */
    protected String assertHeaderItemValue(String key, String value) {
        String actual = assertHeader(key);
        List<String> items = new ArrayList<>();
        for (String item : actual.split(",")) {
            items.add(item.strip());
        }
        if (items.contains(value)) {
            return value;
        }
        throw fail(PyRepr.str(value) + " not in " + PyRepr.of(items));
    }

    /**
     * Fails if the response has the header.
     *
     * @param key the header name, any case
     */
    protected void assertNoHeader(String key) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(key)) {
                throw fail(PyRepr.str(key) + " in headers");
            }
        }
    }

    /**
     * Fails if the response has the header with exactly this value.
     *
     * @param key   the header name, any case
     * @param value the value
     */
    protected void assertNoHeaderItemValue(String key, String value) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(key) && h.getValue().equals(value)) {
                throw fail(PyRepr.str(key) + ":" + PyRepr.str(value) + " in " + PyRepr.of(headers));
            }
        }
    }

    /**
     * Fails unless the body is exactly {@code value} (encoded as UTF-8).
     *
     * @param value the expected body
     */
    protected void assertBody(String value) {
        assertBody(value.getBytes(ENCODING), null);
    }

    /**
     * @param value the expected body
     * @param msg   the failure message, {@code null} for CherryPy's
     */
    protected void assertBody(byte[] value, String msg) {
        if (!Arrays.equals(value, body)) {
            throw fail(msg != null ? msg : "expected body:\n" + PyRepr.bytes(value) + "\n\nactual body:\n" + PyRepr.bytes(body));
        }
    }

    /**
     * Fails unless the body contains {@code value}.
     *
     * @param value a part of the body
     */
    protected void assertInBody(String value) {
        if (indexOf(body, value.getBytes(ENCODING)) < 0) {
            throw fail(PyRepr.bytes(value.getBytes(ENCODING)) + " not in body: " + PyRepr.bytes(body));
        }
    }

    /**
     * Fails if the body contains {@code value}.
     *
     * @param value a part that must not be there
     */
    protected void assertNotInBody(String value) {
        if (indexOf(body, value.getBytes(ENCODING)) >= 0) {
            throw fail(PyRepr.bytes(value.getBytes(ENCODING)) + " found in body");
        }
    }

    /**
     * Fails unless the regular expression is found in the body (Python's {@code re.search};
     * the body is read as UTF-8).
     *
     * @param pattern a regular expression
     */
    protected void assertMatchesBody(String pattern) {
        assertMatchesBody(pattern, 0);
    }

    /**
     * @param pattern a regular expression
     * @param flags   {@link Pattern} flags
     */
    protected void assertMatchesBody(String pattern, int flags) {
        if (!Pattern.compile(pattern, flags).matcher(bodyText()).find()) {
            throw fail("No match for " + PyRepr.bytes(pattern.getBytes(ENCODING)) + " in body");
        }
    }

    /**
     * Fails unless the body is the default error page of the status (CherryPy's
     * {@code assertErrorPage(status)}), whatever its traceback.
     *
     * @param status an int code, {@code "404"} or {@code "404 Not Found"}
     */
    protected void assertErrorPage(Object status) {
        assertErrorPage(status, null, "");
    }

    /**
     * @param status  as for {@link #assertErrorPage(Object)}
     * @param message the message on the page, {@code null} for the status's default
     */
    protected void assertErrorPage(Object status, String message) {
        assertErrorPage(status, message, "");
    }

    /**
     * CherryPy's {@code assertErrorPage(status, message=None, pattern='')}: the body must be the
     * default error page of the status and message, and its traceback must contain
     * {@code pattern} (taken literally, as CherryPy escapes it); {@code pattern == null} means
     * there must be no traceback.
     *
     * @param status  as for {@link #assertErrorPage(Object)}
     * @param message the message, {@code null} for the status's default
     * @param pattern text the traceback contains, {@code ""} for any, {@code null} for none
     */
    protected void assertErrorPage(Object status, String message, String pattern) {
        Matcher m = ErrorPage.pattern(status, message).matcher(bodyText());
        if (!m.lookingAt()) {
            throw fail("Error page does not match; expected:\n" + ErrorPage.page(status, message, "<version>"));
        }
        String traceback = m.group(1);
        if (pattern == null) {
            if (!traceback.isEmpty()) {
                throw fail("Error page contains traceback");
            }
        } else if (!traceback.contains(pattern)) {
            throw fail("Error page does not contain " + PyRepr.str(pattern) + " in traceback");
        }
    }

    /**
     * Fails unless the two instants are less than {@code seconds} apart (CherryPy's
     * {@code assertEqualDates}, default tolerance 2 s).
     *
     * @param dt1     an instant
     * @param dt2     another
     * @param seconds the tolerance
     */
    protected void assertEqualDates(Instant dt1, Instant dt2, long seconds) {
        if (Duration.between(dt1, dt2).abs().compareTo(Duration.ofSeconds(seconds)) >= 0) {
            throw new AssertionFailedError(dt1 + " and " + dt2 + " are not within " + seconds + " seconds.");
        }
    }

    /**
     * @param dt1 an instant
     * @param dt2 another, less than 2 seconds away
     */
    protected void assertEqualDates(Instant dt1, Instant dt2) {
        assertEqualDates(dt1, dt2, 2);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
