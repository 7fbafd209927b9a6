package org.cerise.tool.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.cerise.api.Cerise;
import org.cerise.api.Expose;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Request;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline; each page answers {@code base|client address|Cerise.url()}.
 * Every expectation was observed on CherryPy 18.8 (app mounted at {@code /} there, at
 * {@code /app} here; CherryPy's page answered {@code request.base|remote.ip|cherrypy.url()}).
 */
class ProxyBehaviourTest {

    public static class Site {
        @Expose
        public String page(Request request) {
            return request.base() + "|" + request.remoteAddr() + "|" + Cerise.url();
        }

        @Expose
        public String moved() {
            throw new HttpRedirect("target");
        }
    }

    private static final String DEFAULTS = "[/]\ntools.proxy.on = True\n";

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("proxy", new ProxyTool())
                .config(config);
    }

    private static String page(String config, String... headers) {
        Harness.Result r = harness(config).get("/app/page", headers);
        assertEquals(200, r.status(), r::toString);
        return r.text();
    }

    @Test
    void withoutForwardingHeadersNothingChanges() {
        assertEquals("http://127.0.0.1:8080|127.0.0.1|http://127.0.0.1:8080/app/page", page(DEFAULTS));
    }

    @Test
    void theForwardedHostSchemeAndClientAreUsed() {
        assertEquals("http://www.example.com|127.0.0.1|http://www.example.com/app/page",
                page(DEFAULTS, "X-Forwarded-Host: www.example.com"));
        assertEquals("https://www.example.com:8443|10.0.0.1|https://www.example.com:8443/app/page",
                page(DEFAULTS, "X-Forwarded-Host: www.example.com:8443, proxy2", "X-Forwarded-Proto: https",
                        "X-Forwarded-For: 10.0.0.1, 10.0.0.2"));
        assertEquals("https://127.0.0.1:8080|127.0.0.1|https://127.0.0.1:8080/app/page",
                page(DEFAULTS, "X-Forwarded-Proto: https"));
        assertEquals("http://other.org|127.0.0.1|http://other.org/app/page",
                page(DEFAULTS, "X-Forwarded-Host: http://other.org"), "a host with a scheme is taken whole");
    }

    @Test
    void emptyHeadersAreIgnoredExceptAnEmptyFirstClient() {
        assertEquals("http://127.0.0.1:8080|127.0.0.1|http://127.0.0.1:8080/app/page",
                page(DEFAULTS, "X-Forwarded-Host: ", "X-Forwarded-Proto: ", "X-Forwarded-For: "));
        assertEquals("http://127.0.0.1:8080||http://127.0.0.1:8080/app/page",
                page(DEFAULTS, "X-Forwarded-For: , 10.0.0.3"));
    }

    @Test
    void redirectsPointAtTheForwardedHost() {
        Harness.Result r = harness(DEFAULTS).get("/app/moved", "X-Forwarded-Host: www.example.com",
                "X-Forwarded-Proto: https");
        assertEquals(303, r.status());
        assertEquals("https://www.example.com/app/target", r.header("Location"));
    }

    @Test
    void aFixedBaseWhenLocalIsOff() {
        assertEquals("https://www.example.com|1.2.3.4|https://www.example.com/app/page",
                page(DEFAULTS + "tools.proxy.base = 'https://www.example.com'\ntools.proxy.local = ''\n",
                        "X-Forwarded-Host: ignored", "X-Forwarded-For: 1.2.3.4"));
    }

    @Test
    void otherHeaderNames() {
        String config = DEFAULTS + "tools.proxy.remote = 'X-Real-Ip'\ntools.proxy.scheme = 'X-Forwarded-Ssl'\n";
        assertEquals("https://127.0.0.1:8080|9.9.9.9, 8.8.8.8|https://127.0.0.1:8080/app/page",
                page(config, "X-Forwarded-Ssl: on", "X-Real-Ip: 9.9.9.9, 8.8.8.8"),
                "only X-Forwarded-For is cut at its first comma");
        assertEquals("off://127.0.0.1:8080|127.0.0.1|off://127.0.0.1:8080/app/page", page(config, "X-Forwarded-Ssl: off"),
                "CherryPy takes any other value as the scheme");
        assertEquals("ON://127.0.0.1:8080|127.0.0.1|ON://127.0.0.1:8080/app/page", page(config, "X-Forwarded-Ssl: ON"));
        assertEquals("http://127.0.0.1:8080|127.0.0.1|http://127.0.0.1:8080/app/page",
                page(DEFAULTS + "tools.proxy.remote = ''\ntools.proxy.local = None\n", "X-Forwarded-For: 1.2.3.4",
                        "X-Forwarded-Host: www.example.com"), "'' and None turn a header off");
    }

    @Test
    void anEmptyHostIsKept() {
        Harness.Result r = harness(DEFAULTS).protocol("HTTP/1.0").get("/app/page", "Host: ");
        assertEquals("http://|127.0.0.1|http:///app/page", r.text());
    }

    @Test
    void debugLogsEachHeaderTested() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            page(DEFAULTS + "tools.proxy.debug = True\n", "X-Forwarded-Proto: https");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("INFO cerise.error.app - TOOLS.PROXY Testing scheme 'X-Forwarded-Proto':'https'"), log);
        assertTrue(log.contains("TOOLS.PROXY Testing local 'X-Forwarded-Host':None"), log);
        assertTrue(log.contains("TOOLS.PROXY Testing remote 'X-Forwarded-For':None"), log);
    }
}
