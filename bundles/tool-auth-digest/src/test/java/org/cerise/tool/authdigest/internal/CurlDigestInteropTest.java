package org.cerise.tool.authdigest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real client: {@code curl --digest} (libcurl's RFC 7616 implementation) against the tool in
 * the pipeline. The JDK's small HTTP server puts the harness on a socket: it hands each request
 * to the harness as it came and writes back what the harness answered. curl must be installed;
 * the test fails, rather than skips, without it.
 */
class CurlDigestInteropTest {

    public static class Site {
        @Expose
        public String index(Request request, Map<String, String> kwargs) {
            return "Hello " + request.login();
        }

        @Expose
        public String form(Request request, String a) {
            return request.login() + " sent a=" + a;
        }
    }

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(String extraConfig) throws IOException {
        Harness harness = Harness.of(new Site()).dispatcher("tree", new TreeDispatcher())
                .tool("auth_digest", new AuthDigestTool())
                .config("[/]\ntools.auth_digest.on = True\ntools.auth_digest.realm = 'wonderland'\n"
                        + "tools.auth_digest.users = {'alice': '4x5istwelve'}\n" + extraConfig);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> bridge(harness, exchange));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void bridge(Harness harness, HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> headers = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
                e.getValue().forEach(v -> headers.add(e.getKey() + ": " + v));
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Harness.Result r = harness.request(exchange.getRequestMethod(), target,
                    body.length == 0 && exchange.getRequestHeaders().getFirst("Content-Length") == null ? null : body,
                    headers.toArray(new String[0]));
            for (String name : List.of("WWW-Authenticate", "Content-Type")) {
                r.headers(name).forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
            byte[] out = r.body();
            exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    /** @return the status line, a newline, and the body, of what curl finally got */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("this test needs curl on the PATH", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
        int nl = out.lastIndexOf('\n');
        return out.substring(nl + 1) + "\n" + out.substring(0, nl);
    }

    @Test
    void md5AsCherryPyOffersIt() throws Exception {
        String base = serve("");
        assertEquals("200\nHello alice", curl("--digest", "-u", "alice:4x5istwelve", base + "/app/"));
        assertEquals("200\nHello alice", curl("--digest", "-u", "alice:4x5istwelve", base + "/app/?x=1&y=%2F%40"));
        assertTrue(curl("--digest", "-u", "alice:wrong", base + "/app/").startsWith("401\n"));
    }

    @Test
    void sha256WhenItIsPreferred() throws Exception {
        String base = serve("tools.auth_digest.algorithm = ['SHA-256', 'MD5']\n");
        String verbose = curl("-v", "--digest", "-u", "alice:4x5istwelve", base + "/app/");
        assertTrue(verbose.startsWith("200\n") && verbose.endsWith("Hello alice"), verbose);
        assertTrue(verbose.contains("algorithm=SHA-256"), "curl answered the first challenge: " + verbose);
    }

    @Test
    void theSessVariants() throws Exception {
        assertEquals("200\nHello alice", curl("--digest", "-u", "alice:4x5istwelve",
                serve("tools.auth_digest.algorithm = 'MD5-sess'\n") + "/app/"));
        stop();
        assertEquals("200\nHello alice", curl("--digest", "-u", "alice:4x5istwelve",
                serve("tools.auth_digest.algorithm = 'SHA-256-sess'\n") + "/app/"));
    }

    @Test
    void userhash() throws Exception {
        String base = serve("tools.auth_digest.algorithm = 'SHA-256'\ntools.auth_digest.userhash = True\n");
        String verbose = curl("-v", "--digest", "-u", "alice:4x5istwelve", base + "/app/");
        assertTrue(verbose.startsWith("200\n") && verbose.endsWith("Hello alice"), verbose);
        assertTrue(verbose.contains("userhash=true"), verbose);
    }

    @Test
    void aFormPostAndAuthIntOnAGet() throws Exception {
        String base = serve("");
        assertEquals("200\nalice sent a=été", curl("--digest", "-u", "alice:4x5istwelve", "--data", "a=%C3%A9t%C3%A9",
                base + "/app/form"));
        stop();
        // curl picks auth-int only when auth is not offered, and then hashes an empty body
        assertEquals("200\nHello alice", curl("--digest", "-u", "alice:4x5istwelve",
                serve("tools.auth_digest.qop = 'auth-int'\n") + "/app/"));
    }
}
