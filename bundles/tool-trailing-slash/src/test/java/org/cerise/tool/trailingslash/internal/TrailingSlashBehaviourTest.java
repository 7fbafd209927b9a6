package org.cerise.tool.trailingslash.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline (in-process harness, tree dispatcher). Expected answers observed
 * on CherryPy 18.8: {@code /tut01} → 301 to {@code /tut01/}, query string kept; with
 * {@code extra = True} a non-index page with a trailing slash → 301 to the URL without it.
 */
class TrailingSlashBehaviourTest {

    public static class Site {
        public final Site sub;

        Site(boolean nest) {
            this.sub = nest ? new Site(false) : null;
        }

        @Expose
        public String index() {
            return "index";
        }

        @Expose
        public String page() {
            return "page";
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site(true)).dispatcher("tree", new TreeDispatcher())
                .tool("trailing_slash", new TrailingSlashTool()).config(config);
    }

    @Test
    void anIndexWithoutItsSlashIsRedirectedQueryKept() {
        Harness.Result r = harness("").get("/app/sub?a=1&b=2");
        assertEquals(301, r.status());
        assertEquals("http://127.0.0.1:8080/app/sub/?a=1&b=2", r.header("Location"));
        assertEquals("This resource has permanently moved to <a href=\"http://127.0.0.1:8080/app/sub/?a=1&amp;b=2\">"
                + "http://127.0.0.1:8080/app/sub/?a=1&amp;b=2</a>.", r.text());
        assertEquals(301, harness("").get("/app").status(), "the mount point itself");
        assertEquals("index", harness("").get("/app/sub/").text());
    }

    @Test
    void aPageWithASlashIsServedUnlessExtraIsOn() {
        assertEquals("page", harness("").get("/app/page/").text());
        Harness.Result r = harness("[/]\ntools.trailing_slash.extra = True\n").get("/app/page/?x=1");
        assertEquals(301, r.status());
        assertEquals("http://127.0.0.1:8080/app/page?x=1", r.header("Location"));
    }

    @Test
    void statusAndOffAreConfigurable() {
        assertEquals(308, harness("[/]\ntools.trailing_slash.status = 308\n").get("/app/sub").status());
        assertEquals(200, harness("[/sub]\ntools.trailing_slash.on = False\n").get("/app/sub").status());
        assertEquals(200, harness("[/]\ntools.trailing_slash.missing = False\n").get("/app/sub").status());
    }

    @Test
    void aMisspeltArgumentKeepsTheAppFromMountingInsteadOfBeingIgnored() {
        Harness h = harness("[/]\ntools.trailing_slash.extras = True\n");
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertTrue(e.getMessage().contains("'tools.trailing_slash.extras': True is not an argument of tools.trailing_slash "
                + "(it takes missing, extra, status, debug)"), e.getMessage());
    }

    @Test
    void debugLogsWhatTheDecisionRestsOnAsCherryPy() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(301, harness("[/]\ntools.trailing_slash.debug = True\n").get("/app/sub").status());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("INFO cerise.error.app - TOOLS.TRAILING_SLASH is_index: True, missing: True, "
                + "extra: False, path_info: '/sub'"), log);
    }
}
