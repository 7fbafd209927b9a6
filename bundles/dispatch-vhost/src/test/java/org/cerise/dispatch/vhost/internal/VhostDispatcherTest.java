package org.cerise.dispatch.vhost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.routes.RouteMap;
import org.cerise.dispatch.routes.Routes;
import org.cerise.dispatch.routes.internal.RoutesDispatcher;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.trailingslash.internal.TrailingSlashTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vhost dispatcher through the real pipeline, against CherryPy 18.8's
 * {@code cherrypy.dispatch.VirtualHost}. Every expectation was observed on CherryPy 18.8 with the
 * Python twin of {@link Root} ({@code /tmp/rt/vhost_app.py}: mounted at {@code /vh},
 * {@code VirtualHost(**{'www.example.com': '/sub', 'www.example.com:8080': '/sub/page',
 * 'other.example': '/sub/'})} and {@code [/sub] k = 'subsec'}), asked with curl.
 */
class VhostDispatcherTest {

    public static class Sub {
        @Expose
        public String index(Request request) {
            return "sub index k=" + request.config().get("k");
        }

        @Expose
        public String page(String... a) {
            return "sub page (" + String.join(",", a) + ")";
        }
    }

    public static class Root {
        public final Sub sub = new Sub();

        @Expose
        public String index(Request request) {
            return "root index path_info=" + request.pathInfo();
        }

        @Expose(alias = "default")
        public String fallback(String... a) {
            return "root default (" + String.join(",", a) + ")";
        }
    }

    private static final String CONF = String.join("\n", "[/]", "request.dispatch = \"vhost\"",
            "vhost.domains = {'www.example.com': '/sub', 'www.example.com:8080': '/sub/page', 'other.example': '/sub/'}",
            "[/sub]", "k = 'subsec'", "");

    private static Harness harness(String conf) {
        return Harness.of(new Root()).mount("/vh").dispatcher("tree", new TreeDispatcher())
                .dispatcher("vhost", new VhostDispatcher()).namespace("vhost", new VhostNamespace())
                .tool("trailing_slash", new TrailingSlashTool()).config(conf);
    }

    private final Harness h = harness(CONF);

    @ParameterizedTest(name = "[{0}] GET {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        // unknown hosts (the harness's own 127.0.0.1:8080, or any other): the tree as it is
        "127.0.0.1:8080|/vh/|200|root index path_info=/",
        "127.0.0.1:8080|/vh/x/y|200|root default (x,y)",
        "nowhere|/vh/page|200|root default (page)",
        // the Host picks the prefix: /sub + / is Sub.index, with [/sub]'s config
        "www.example.com|/vh/|200|sub index k=subsec",
        "www.example.com|/vh/page|200|sub page ()",
        // Sub has no default: the root's gets the whole rewritten path
        "www.example.com|/vh/x/y|200|root default (sub,x,y)",
        // the port is part of the Host value
        "www.example.com:8080|/vh/|200|sub page ()",
        "www.example.com:8080|/vh|200|sub page ()",
        "www.example.com:8080|/vh/x/y|200|sub page (x,y)",
        "www.example.com:8080|/vh/page|200|sub page (page)",
        // a prefix with a trailing slash is joined as urljoin does ('/sub/' + '/' = '/sub/')
        "other.example|/vh/|200|sub index k=subsec",
        "other.example|/vh/page|200|sub page ()",
        // case matters
        "WWW.EXAMPLE.COM|/vh/|200|root index path_info=/",
        "WWW.EXAMPLE.COM|/vh/page|200|root default (page)",
    })
    public void theHostPicksThePrefix(String host, String target, int status, String body) {
        Harness.Result r = h.get(target, "Host: " + host);
        assertEquals(status, r.status(), r::toString);
        assertEquals(body, r.text());
    }

    @Test
    public void anIndexReachedWithoutItsSlashRedirectsToTheRequestedPath() {
        // www.example.com, GET /vh: '/sub' is Sub.index; the redirect is to the URL the client
        // used, /vh/, not to the rewritten path
        Harness.Result r = h.get("/vh", "Host: www.example.com");
        assertEquals(301, r.status(), r::toString);
        assertEquals("http://www.example.com/vh/", r.header("Location"));
    }

    @Test
    public void xForwardedHostWinsWhenOn() {
        // Host: nowhere + X-Forwarded-Host: www.example.com -> sub index; X-Forwarded-Host: nowhere
        // with Host: www.example.com -> root index (the forwarded host is used, and unknown)
        assertEquals("sub index k=subsec", h.get("/vh/", "Host: nowhere", "X-Forwarded-Host: www.example.com").text());
        assertEquals("root index path_info=/",
                h.get("/vh/", "Host: www.example.com", "X-Forwarded-Host: nowhere").text());
        Harness off = harness(CONF.replace("[/sub]", "vhost.use_x_forwarded_host = False\n[/sub]"));
        assertEquals("root index path_info=/", off.get("/vh/", "Host: nowhere", "X-Forwarded-Host: www.example.com").text());
        assertEquals("sub index k=subsec", off.get("/vh/", "Host: www.example.com", "X-Forwarded-Host: nowhere").text());
    }

    /** A routes app behind vhost: {@code vhost.next = "routes"}. */
    public static class Routed implements Routes {
        public String show(String name) {
            return "show " + name;
        }

        @Override
        public void connect(RouteMap map) {
            map.connect("show", "/site/{name}", this).action("show");
        }
    }

    @Test
    public void theNextDispatcherIsConfigurable() {
        Harness r = Harness.of(new Routed()).dispatcher("routes", new RoutesDispatcher())
                .dispatcher("vhost", new VhostDispatcher()).namespace("vhost", new VhostNamespace())
                .config("[/]\nrequest.dispatch = \"vhost\"\nvhost.next = \"routes\"\n"
                        + "vhost.domains = {\"a.example\": \"/site\"}\n");
        assertEquals("show x", r.get("/app/x", "Host: a.example").text());
        // no route for the rewritten /site/x/y: the 404 names the path the client asked for
        Harness.Result none = r.get("/app/x/y", "Host: a.example");
        assertEquals(404, none.status());
        assertTrue(none.text().contains("<p>The path '/app/x/y' was not found.</p>"), none::text);
        Harness.Result notFound = r.get("/app/x");
        assertEquals(404, notFound.status());
        assertTrue(notFound.text().contains("<p>The path '/app/x' was not found.</p>"), notFound::text);
    }

    @Test
    public void aMissingNextDispatcherMakesTheAppWait() {
        Harness r = harness("[/]\nrequest.dispatch = \"vhost\"\nvhost.next = \"nosuch\"\n");
        MissingServiceException e = assertThrows(MissingServiceException.class, r::compile);
        assertEquals("nosuch", e.name());
    }

    @Test
    public void badKeysKeepTheAppFromMounting() {
        assertBad("vhost.domains = ['a']", "'vhost.domains'");
        assertBad("vhost.domains = {'a': 1}", "'vhost.domains'");
        assertBad("vhost.use_x_forwarded_host = 'yes'", "'vhost.use_x_forwarded_host'");
        assertBad("vhost.next = 3", "'vhost.next'");
        assertBad("vhost.nxt = 'tree'", "'vhost.nxt'");
        assertBad("vhost.next = 'vhost'", "hands requests on to itself");
    }

    private static void assertBad(String line, String expected) {
        Harness bad = harness("[/]\nrequest.dispatch = \"vhost\"\n" + line + "\n");
        ConfigException e = assertThrows(ConfigException.class, bad::compile);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    public void joinIsCherryPysUrljoin() {
        Map.of("/sub|/", "/sub/", "/sub|", "/sub", "/sub/|/", "/sub/", "/sub|/a//b", "/sub/a/b", "|", "/")
                .forEach((in, out) -> {
                    String[] p = in.split("\\|", -1);
                    assertEquals(out, VhostRouter.join(p[0], p[1]), in);
                });
    }
}
