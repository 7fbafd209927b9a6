package org.cerise.tool.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.autovary.internal.AutovaryTool;
import org.junit.jupiter.api.Test;

/**
 * Both tools in the real pipeline, read from what the test's SLF4J binding (slf4j-simple)
 * prints on stderr. Observed on CherryPy 18.8 for a handler raising {@code ValueError}: the
 * error log shows {@code HTTP} with the traceback at ERROR, then {@code HTTP} +
 * {@code Request Headers:} and {@code "  Remote-Addr: 127.0.0.1"}, {@code "  HOST: ..."} ...
 * lines at INFO; an {@code HTTPError} logs neither. Cerise adds the request line to the
 * traceback's record ({@code HTTP GET /app/boom HTTP/1.1}), as its core logs no line of its own.
 */
class LoggingBehaviourTest {

    public static class Site {
        @Expose
        public String boom() {
            throw new IllegalStateException("logged");
        }

        @Expose
        public String missing() {
            throw new HttpError(404);
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher())
                .tool("log_tracebacks", new LogTracebacksTool()).tool("log_headers", new LogHeadersTool())
                .config(config);
    }

    /** Runs a request and returns what was logged meanwhile. */
    private static String logged(Supplier<Harness.Result> request, int expectedStatus) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Harness.Result r;
        try {
            r = request.get();
        } finally {
            System.setErr(original);
        }
        assertEquals(expectedStatus, r.status());
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTracebackIsLoggedAtError() {
        String log = logged(() -> harness("[/]\ntools.log_tracebacks.on = True\n").get("/app/boom"), 500);
        int at = log.indexOf("ERROR cerise.error.app - HTTP GET /app/boom HTTP/1.1\n");
        assertTrue(at >= 0, log);
        assertTrue(log.startsWith("java.lang.IllegalStateException: logged\n\tat ", log.indexOf('\n', at) + 1), log);
        assertTrue(log.contains("at org.cerise.tool.logging.internal.LoggingBehaviourTest$Site.boom("), log);
    }

    @Test
    void severityChoosesTheLevel() {
        String log = logged(() -> harness("[/]\ntools.log_tracebacks.on = True\ntools.log_tracebacks.severity = 30\n")
                .get("/app/boom"), 500);
        assertTrue(log.contains("WARN cerise.error.app - HTTP GET /app/boom HTTP/1.1\njava.lang.IllegalStateException: logged"), log);
        log = logged(() -> harness("[/]\ntools.log_tracebacks.on = True\ntools.log_tracebacks.severity = 50\n")
                .get("/app/boom"), 500);
        assertTrue(log.contains("ERROR cerise.error.app - HTTP GET /app/boom HTTP/1.1\njava.lang.IllegalStateException: logged"), log);
        log = logged(() -> harness("[/]\ntools.log_tracebacks.on = True\ntools.log_tracebacks.severity = 25\n")
                .get("/app/boom"), 500);
        assertTrue(log.contains("INFO cerise.error.app - HTTP GET /app/boom HTTP/1.1\njava.lang.IllegalStateException: logged"), log);
        log = logged(() -> harness("[/]\ntools.log_tracebacks.on = True\ntools.log_tracebacks.severity = 10\n")
                .get("/app/boom"), 500);
        assertFalse(log.contains("cerise.error.app - HTTP GET"), "DEBUG is below the binding's INFO threshold:\n" + log);
    }

    @Test
    void theRequestHeadersAreLoggedAtInfoOneLineEach() {
        String log = logged(() -> harness("[/]\ntools.log_headers.on = True\n")
                .get("/app/boom", "X-Custom: a", "X-Custom: b", "User-Agent: test"), 500);
        assertTrue(log.contains("INFO cerise.error.app - HTTP\nRequest Headers:\n  Remote-Addr: 127.0.0.1\n"
                + "  Host: 127.0.0.1:8080\n  X-Custom: a\n  X-Custom: b\n  User-Agent: test\n"), log);
    }

    @Test
    void httpErrorsAreNotLogged() {
        String log = logged(() -> harness("[/]\ntools.log_tracebacks.on = True\ntools.log_headers.on = True\n")
                .get("/app/missing"), 404);
        assertFalse(log.contains("cerise.error.app - HTTP"), log);
    }

    @Test
    void bothAreOnByDefaultAsInCherryPy() {
        String log = logged(() -> harness("").get("/app/boom"), 500);
        assertTrue(log.contains("ERROR cerise.error.app - HTTP GET /app/boom HTTP/1.1\njava.lang.IllegalStateException: "
                + "logged"), log);
        assertTrue(log.contains("INFO cerise.error.app - HTTP\nRequest Headers:\n  Remote-Addr: 127.0.0.1\n"), log);
    }

    @Test
    void offMeansNothingLogged() {
        String log = logged(() -> harness("[/]\ntools.log_tracebacks.on = False\ntools.log_headers.on = False\n")
                .get("/app/boom"), 500);
        assertFalse(log.contains("cerise.error.app - HTTP"), log);
    }

    @Test
    void loggingTheHeadersIsNotReadingThemSoAutovaryDoesNotVaryOnThem() {
        // What autovary is told: the names of the headers read through request.header(s), up to
        // the error response (the access log reads Referer and User-Agent later, when Vary is set).
        List<String> told = new CopyOnWriteArrayList<>();
        List<String> toldByTheErrorResponse = new CopyOnWriteArrayList<>();
        Tool watcher = setup -> {
            setup.hook(HookPoint.ON_START_RESOURCE, 0, false, (request, response) -> request.observeHeaders(told::add));
            setup.hook(HookPoint.AFTER_ERROR_RESPONSE, 50, false, (request, response) -> toldByTheErrorResponse.addAll(told));
        };
        Harness h = harness("[/]\ntools.autovary.on = True\ntools.watcher.on = True\n")
                .tool("autovary", new AutovaryTool()).tool("watcher", watcher);
        String log = logged(() -> {
            Harness.Result r = h.get("/app/boom", "X-Custom: a", "User-Agent: test");
            assertTrue(r.headers("Vary").stream().noneMatch(v -> v.contains("X-Custom") || v.contains("User-Agent")),
                    r.toString());
            return r;
        }, 500);
        assertTrue(log.contains("  X-Custom: a\n  User-Agent: test\n"), "logged all the same:\n" + log);
        assertEquals(List.of(), toldByTheErrorResponse, "log_headers read them without being watched");
    }
}
