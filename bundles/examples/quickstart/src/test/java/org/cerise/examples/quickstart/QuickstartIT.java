package org.cerise.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the examples as a user does: a plain {@code java -cp <runtime class path> MainClass}
 * process (the class path of the one dependency cerise-quickstart, written by
 * dependency:build-classpath), asked over real HTTP, stopped with SIGTERM.
 */
class QuickstartIT {

    /** A generous bound for CI on a shared 2-core machine; the README reports the figure measured here. */
    private static final long STARTUP_BOUND_MS = 5_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path output;
    /** This class's framework caches: empty at first, so that the first start is a first start. */
    private static Path caches;

    @AfterEach
    void kill() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * CherryPy's tutorial 1: observed on CherryPy 18.8 (tut01 of the reference server): 200,
     * text/html;charset=utf-8, Content-Length 12. Started twice: the first start fills the
     * framework cache, the second reuses it; both times are reported.
     */
    @Test
    void helloWorldServesFromAPlainJavaCommand() throws Exception {
        long firstMs = helloWorld("first start, empty framework cache");
        long laterMs = helloWorld("later start, framework cache reused");
        System.out.println("QuickstartIT: HelloWorld: start-up to first response " + firstMs + " ms (first start), "
                + laterMs + " ms (later start)");
    }

    private long helloWorld(String which) throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        start("org.cerise.examples.quickstart.HelloWorld", port);
        HttpResponse<String> first = pollUntil(port, "/", "Hello world!", started);
        long startupMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("QuickstartIT: HelloWorld, " + which + ": start-up to first response " + startupMs + " ms");

        assertEquals(200, first.statusCode());
        assertEquals("Hello world!", first.body());
        assertEquals("text/html;charset=utf-8", first.headers().firstValue("Content-Type").orElse(null));
        assertEquals("12", first.headers().firstValue("Content-Length").orElse(null));
        assertTrue(startupMs < STARTUP_BOUND_MS, which + ": start-up to first response took " + startupMs + " ms");

        // Cerise's tools and dispatcher are there: a missing page is CherryPy's 404 page.
        HttpResponse<String> missing = get(port, "/nope");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("The path '/nope' was not found."), missing.body());

        // SIGTERM stops the container cleanly: the JVM exits by itself and the port is free again.
        process.destroy();
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the process did not stop on SIGTERM:\n" + log());
        assertEquals(143, process.exitValue(), log());
        assertTrue(log().contains("Stopped"), log());
        assertFalse(log().contains("Exception"), log());
        // the app is the program's object, not a bundle's (the framework's context registered it)
        assertTrue(log().contains("Mounted app 'HelloWorld' at / (from the class path)"), log());
        assertTrue(log().contains("Unmounted app 'HelloWorld' from / (from the class path)"), log());
        assertFalse(log().contains("org.apache.felix.framework"), log());
        assertFalse(isOpen(port), "port " + port + " still open after the process stopped");
        return startupMs;
    }

    /** Cerise.config + two Cerise.mount calls, each with its own config map, then start and block. */
    @Test
    void twoAppsWithConfigMaps() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        start("org.cerise.examples.quickstart.TwoApps", port);
        // the apps are mounted in order as the server starts: the second one answers last
        pollUntil(port, "/api/", "{\"apps\": [\"/hello\", \"/api\"]}", started);
        assertEquals("Hello from the first app!", get(port, "/hello/").body());

        // /hello: gzip turned on by the app's config map
        HttpResponse<byte[]> gz = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/greet?name=Ann"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gz.statusCode());
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Hello Ann!", new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
                StandardCharsets.UTF_8));

        // /api: json_out turned on by the other app's map, not by the first
        HttpResponse<String> api = get(port, "/api/");
        assertEquals(200, api.statusCode());
        assertEquals("application/json", api.headers().firstValue("Content-Type").orElse(null));
        // json.dumps' separators, as CherryPy's json_out writes them
        assertEquals("{\"apps\": [\"/hello\", \"/api\"]}", api.body());
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "gzip is the first app's only");

        // the trailing-slash tool is on by default, as in CherryPy
        HttpResponse<String> redirect = get(port, "/hello");
        assertEquals(301, redirect.statusCode());
        assertEquals("http://127.0.0.1:" + port + "/hello/", redirect.headers().firstValue("Location").orElse(null));

        process.destroy();
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), log());
    }

    @org.junit.jupiter.api.BeforeAll
    static void emptyCache() throws IOException {
        caches = Files.createTempDirectory("quickstart-caches-");
    }

    @org.junit.jupiter.api.AfterAll
    static void removeCache() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(caches)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void start(String mainClass, int port) throws IOException {
        String classPath = Files.readString(Path.of(System.getProperty("quickstart.classpath"))).strip()
                + java.io.File.pathSeparator + System.getProperty("quickstart.classes");
        output = Files.createTempFile("quickstart-", ".log");
        // The plain command, but for where the framework cache lives (the user's is ~/.cache/cerise).
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcerise.quickstart.cache=" + caches, "-cp", classPath, mainClass));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("CERISE_PORT", String.valueOf(port));
        process = pb.start();
    }

    private HttpResponse<String> pollUntil(int port, String path, String body, long started) throws Exception {
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the example exited with " + process.exitValue() + ":\n" + log());
            }
            // A plain connect until the port listens: the HTTP client's failed attempts every 5 ms
            // cost this JVM more CPU than a socket's, CPU the measured JVM shares on two cores.
            if (isOpen(port)) {
                try {
                    HttpResponse<String> r = get(port, path);
                    if (r.statusCode() == 200 && body.equals(r.body())) {
                        return r;
                    }
                } catch (ConnectException e) {
                    // not listening any more: the process is checked above
                }
            }
            Thread.sleep(5);
        }
        fail("no " + body + " within 60 s:\n" + log());
        return null;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String log() throws IOException {
        return Files.readString(output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean isOpen(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return s.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
