package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What every integration test shares: the container ({@link CeriseContainer}), waiting until
 * it serves, and HTTP helpers. Subclasses run with {@code @RunWith(PaxExam.class)} and
 * {@code @ExamReactorStrategy(PerClass.class)}: one Felix per test class, on its own port.
 * The test methods run inside that Felix (in the test probe bundle) and talk to Jetty over
 * 127.0.0.1 like any client.
 */
public abstract class CeriseTestSupport {

    /** How long an app may take to be mounted or unmounted after its bundle changed. */
    protected static final Duration MOUNT_DEADLINE = Duration.ofSeconds(5);
    /** How long the container may take to boot and mount the tutorials. */
    protected static final Duration BOOT_DEADLINE = Duration.ofSeconds(30);

    /** string.hexdigits, the alphabet of the tutorials' random strings */
    protected static final String HEXDIGITS = "0123456789abcdefABCDEF";
    /** CherryPy's error page message for an unexpected exception (observed on CherryPy 18.8) */
    protected static final String MESSAGE_500 =
            "The server encountered an unexpected condition which prevented it from fulfilling the request.";

    private static final Pattern H2 = Pattern.compile("<h2>(.*?)</h2>", Pattern.DOTALL);
    private static final Pattern P = Pattern.compile("<p>(.*?)</p>", Pattern.DOTALL);

    protected final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Configuration
    public Option[] config() {
        return CeriseContainer.container();
    }

    /**
     * Set once this container served every tutorial. This class is loaded afresh by every
     * container's test probe, so each container is waited for once.
     */
    private static volatile boolean ready;

    /** Waits until every tutorial answers, which means Jetty, SCR and the core are up. */
    @Before
    public void awaitTutorials() throws Exception {
        if (ready) {
            return;
        }
        for (String path : new String[] {"/tut01/", "/tut02/", "/tut03/", "/tut04/", "/tut05/"}) {
            await(path, r -> r.statusCode() == 200, BOOT_DEADLINE);
        }
        ready = true;
    }

    protected BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    protected int port() {
        return Integer.parseInt(context().getProperty(CeriseContainer.HTTP_PORT));
    }

    /** @return {@code http://127.0.0.1:PORT} + path */
    protected String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** @return the Host header line of this container, for raw requests */
    protected String host() {
        return "Host: 127.0.0.1:" + port() + "\r\n";
    }

    /** Sends a request on a new socket, exactly as written, and reads the answer. */
    protected RawResponse raw(String request) throws IOException {
        return RawHttp.exchange(port(), request);
    }

    /**
     * Polls GET path until the response satisfies the condition, failing after the deadline
     * with the last response seen.
     */
    protected HttpResponse<String> await(String path, Predicate<HttpResponse<String>> until, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Object last = null;
        while (true) {
            try {
                HttpResponse<String> r = get(path);
                if (until.test(r)) {
                    return r;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                fail("GET " + path + " did not answer as expected within " + deadline + "; last: " + last);
            }
            Thread.sleep(50);
        }
    }

    /** Asserts the text is {@code length} distinct characters of {@link #HEXDIGITS}, as random.sample gives. */
    protected static void assertRandomHex(String text, int length) {
        assertEquals("length of '" + text + "'", length, text.length());
        assertTrue("'" + text + "' uses only hexadecimal digits", text.chars().allMatch(c -> HEXDIGITS.indexOf(c) >= 0));
        assertEquals("'" + text + "' has no repeated character", length, text.chars().distinct().count());
    }

    /**
     * Asserts a CherryPy-style error page: {@code text/html;charset=utf-8}, the status as
     * {@code <h2>} heading and the message as {@code <p>}. The traceback and the footer are
     * Cerise's own by design (a Java stack trace, "Powered by Cerise").
     */
    protected static void assertErrorPage(String contentType, String body, String heading, String message) {
        assertEquals("Content-Type", "text/html;charset=utf-8", contentType);
        assertEquals("<h2> of the error page", heading, group(H2, body));
        assertEquals("<p> of the error page", message, group(P, body));
        assertTrue("error page footer: " + body, body.contains("Powered by Cerise"));
    }

    protected static void assertErrorPage(HttpResponse<String> r, int status, String heading, String message) {
        assertEquals(r.body(), status, r.statusCode());
        assertErrorPage(r.headers().firstValue("Content-Type").orElse(null), r.body(), heading, message);
    }

    protected static void assertErrorPage(RawResponse r, int status, String heading, String message) {
        assertEquals(r.toString(), status, r.status);
        assertErrorPage(r.header("Content-Type"), r.text(), heading, message);
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertTrue("no " + p + " in " + body, m.find());
        String g = m.group(1);
        assertNotNull(g);
        return g;
    }
}
