package org.cerise.dispatch.routes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cerise.api.Config;
import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.Param;
import org.cerise.api.Request;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.core.internal.config.ScopeCompiler;
import org.cerise.core.internal.config.TrailSpace;
import org.cerise.dispatch.routes.RouteInfo;
import org.cerise.dispatch.routes.RouteListing;
import org.cerise.dispatch.routes.RouteMap;
import org.cerise.dispatch.routes.Routes;
import org.cerise.core.internal.mount.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routes dispatcher through the real pipeline, against CherryPy 18.8's
 * {@code RoutesDispatcher} with Python Routes 2.5.1. Every expectation below was observed on
 * CherryPy 18.8 with the Python twin of {@link Root} ({@code /tmp/rt/routes_app.py}: the same
 * controller, routes, config sections and mount point {@code /blog}), asked with curl.
 */
class RoutesDispatcherTest {

    /** The controller; its class config sets {@code k}, as the Python twin's {@code _cp_config}. */
    @Config("k = 'blogclass'")
    public static class Blog {
        public String index(Map<String, Object> kw, Request request) {
            return "index " + new TreeMap<>(kw) + " k=" + request.config().get("k");
        }

        public String month(String year, String month, Request request) {
            return "month " + year + "-" + month + " k=" + request.config().get("k");
        }

        public String show(String year, String month, String slug, Request request) {
            return "show " + year + "-" + month + " " + slug + " k=" + request.config().get("k");
        }

        public String comment(String year, String month, String slug, @Param(value = "text", defaultValue = "None") String text) {
            return "comment " + year + " " + slug + " " + text;
        }

        public String edit(String slug, Request request) {
            return "edit " + request.method() + " " + slug;
        }

        public String files(String path) {
            return "files " + path;
        }

        public String noargs() {
            return "noargs";
        }

        public String typed(String id) {
            return "typed <" + id + ">";
        }

        @Config("k = 'method'")
        public String methodcfg(Request request) {
            return "methodcfg k=" + request.config().get("k");
        }
    }

    public static class Root implements Routes {
        final Blog blog = new Blog();

        @Override
        public void connect(RouteMap d) {
            d.connect("index", "/", blog).action("index");
            d.connect("month", "/{year}/{month}", blog).action("month").requirement("year", "\\d{4}")
                    .requirement("month", "\\d{2}");
            d.connect("comment", "/{year}/{month}/{slug}", blog).action("comment").methods("POST");
            d.connect("show", "/{year}/{month}/{slug}", blog).action("show");
            d.connect("edit", "/edit/:slug", blog).action("edit").methods("PUT");
            d.connect("files", "/files/{path:.*}", blog).action("files");
            d.connect("star", "/star/*path", blog).action("files");
            d.connect("missing", "/missing", blog).action("nosuch");
            d.connect("noargs", "/noargs", blog).action("noargs");
            d.connect("extra", "/extra/{id}", blog).action("typed").param("page", "1");
            d.connect("typed", "/typed/{id}", blog).action("typed");
            d.connect("methodcfg", "/a/b/methodcfg", blog).action("methodcfg");
            d.connect("getonly", "/getonly", blog).action("noargs").methods("GET");
            d.connect("dotted", "/dot/{name}.{ext}", blog).action("index");
        }
    }

    private static final String CONF = String.join("\n",
            "[/]", "request.dispatch = \"routes\"", "k = 'root'",
            "[/a]", "k = 'sec_a'",
            "[/a/b]", "k = 'sec_ab'",
            "[/a/b/methodcfg]", "k = 'sec_full'",
            "[/2024]", "k = 'sec_2024'",
            "[/2024/05/hello]", "k = 'sec_full_show'", "");

    private final Harness h = Harness.of(new Root()).mount("/blog").dispatcher("routes", new RoutesDispatcher())
            .config(CONF);

    @ParameterizedTest(name = "GET {0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // Routes tries the routes with the longest literal prefix first ('/a/b/methodcfg' and
        // '/star' before '/{year}/{month}/{slug}'), in connect order among equals
        // the controller's config overrides [/]; [/2024] (an atom but the last) is overridden by it too
        "/blog/|200|index {} k=blogclass",
        "/blog/2024/05|200|month 2024-05 k=blogclass",
        // the section of the full path comes last, over the controller's and the method's
        "/blog/2024/05/hello|200|show 2024-05 hello k=sec_full_show",
        "/blog/a/b/methodcfg|200|methodcfg k=sec_full",
        // the query string replaces the route's value (params.update)
        "/blog/2024/05/hello?slug=zzz|200|show 2024-05 zzz k=sec_full_show",
        // {path:.*} and *path take slashes
        "/blog/files/a/b/c|200|files a/b/c",
        "/blog/star/a/b|200|files a/b",
        // {name} is [^/]+? (lazy): name='a', ext='b.c'
        "/blog/dot/a.b.c|200|index {ext=b.c, name=a} k=blogclass",
        "/blog/dot/file.txt|200|index {ext=txt, name=file} k=blogclass",
        // decoded, except %2F which stays as sent
        "/blog/typed/%20x|200|typed < x>",
        "/blog/typed/a%2Fb|200|typed <a%2Fb>",
        "/blog/typed/caf%C3%A9|200|typed <café>",
        "/blog/?a=1&a=2|200|index {a=[1, 2]} k=blogclass",
        "/blog/getonly|200|noargs",
    })
    public void routesAnswerAsInCherryPy(String target, int status, String body) {
        Harness.Result r = h.get(target);
        assertEquals(status, r.status(), r::toString);
        assertEquals(body, r.text());
    }

    @ParameterizedTest(name = "GET {0} -> 404")
    @CsvSource({
        // no route: /blog is path_info "" which '/' does not match; no trailing-slash leniency
        "/blog", "/blog/2024/05/", "/blog/2024/05/hello/", "/blog/nothing/here",
        // requirements
        "/blog/24/05", "/blog/2024/5",
        // PUT-only route
        "/blog/edit/foo",
        // an action the controller does not have
        "/blog/missing",
    })
    public void noRouteIsCherryPysNotFound(String target) {
        Harness.Result r = h.get(target);
        assertEquals(404, r.status(), r::toString);
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        assertTrue(r.text().contains("<p>The path '" + path + "' was not found.</p>"), r::text);
    }

    @Test
    public void anUnexpectedQueryParameterIs404AsForAnyHandler() {
        Harness.Result r = h.get("/blog/2024/05/hello?x=1");
        assertEquals(404, r.status());
        assertTrue(r.text().contains("<p>Unexpected query string parameters: x</p>"), r::text);
        assertEquals(404, h.get("/blog/noargs?x=1").status());
        // the fixed param page='1' reaches typed(id), which takes no page: the same 404
        Harness.Result extra = h.get("/blog/extra/3");
        assertEquals(404, extra.status());
        assertTrue(extra.text().contains("<p>Unexpected query string parameters: page</p>"), extra::text);
    }

    @Test
    public void methodConditionsSelectTheRoute() {
        // POST /blog/2024/05/hello with text=hi: "comment 2024 hello hi"; GET goes to show
        Harness.Result post = h.request("POST", "/blog/2024/05/hello", "text=hi".getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals(200, post.status(), post::toString);
        assertEquals("comment 2024 hello hi", post.text());
        // POST /blog/2024/05 (a GET/any route whose handler takes no text): 400 for the body param
        Harness.Result month = h.request("POST", "/blog/2024/05", "text=hi".getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals(400, month.status(), month::toString);
        // PUT /blog/edit/foo: "edit PUT foo"
        Harness.Result put = h.request("PUT", "/blog/edit/foo", new byte[0]);
        assertEquals("edit PUT foo", put.text());
        // HEAD /blog/getonly: the GET-only route does not match HEAD: 404
        assertEquals(404, h.request("HEAD", "/blog/getonly", null).status());
    }

    @Test
    public void theRouterListsTheRoutes() throws Exception {
        RouteListing listing = assertInstanceOf(RouteListing.class,
                new RoutesDispatcher().prepare(new ListingContext(new Root())));
        List<RouteInfo> routes = listing.routes();
        // in the order they are tried: longest literal prefix first, then as connected
        assertEquals(List.of("methodcfg", "missing", "getonly", "noargs", "files", "extra", "typed", "edit", "star",
                "dotted", "index", "month", "comment", "show"), routes.stream().map(RouteInfo::name).toList());
        RouteInfo month = routes.get(11);
        assertEquals("month", month.name());
        assertEquals("/{year}/{month}", month.template());
        assertEquals(List.of(), month.methods());
        assertEquals(Blog.class, month.controller());
        assertEquals("month", month.action());
        assertEquals(Map.of("year", "\\d{4}", "month", "\\d{2}"), month.requirements());
        assertTrue(month.bound());
        assertEquals(List.of("POST"), routes.get(12).methods());
        assertEquals(Map.of("path", ".+?"), routes.get(8).requirements());
        assertFalse(routes.get(1).bound());
        assertEquals(Map.of("page", "1"), routes.get(5).params());
    }

    @Test
    public void theRootMustConnectRoutes() {
        Harness plain = Harness.of(new Overloaded()).dispatcher("routes", new RoutesDispatcher())
                .config("[/]\nrequest.dispatch = \"routes\"\n");
        ConfigException e = assertThrows(ConfigException.class, plain::compile);
        assertTrue(e.getMessage().contains("does not implement org.cerise.dispatch.routes.Routes"), e.getMessage());
    }

    @Test
    public void badTemplatesKeepTheAppFromMounting() {
        assertMountFails(d -> d.connect("r", "/{x", new Blog()), "Route 'r' (/{x): '{' at 1 is not closed");
        assertMountFails(d -> d.connect("r", "/{x:(}", new Blog()), "Route 'r' (/{x:(}): a variable's regex is not valid");
        assertMountFails(d -> d.connect("r", "/{x}", new Blog()).requirement("y", "\\d"),
                "Route 'r' (/{x}): the requirement for 'y' names no variable of the template");
        assertMountFails(d -> d.connect("r", "/{action}", new Blog()),
                "Route 'r' (/{action}): the variable 'action' is not supported");
        assertMountFails(d -> d.connect("r", "/x", new Overloaded()).action("go"),
                "has 2 public methods named 'go'");
    }

    /** A bare context, to get hold of the router itself. */
    private static final class ListingContext implements DispatchContext {
        final Object root;
        final TrailSpace space = new TrailSpace(Map.of(), Map.of(), new ScopeCompiler(name -> null), node -> Map.of());

        ListingContext(Object root) {
            this.root = root;
        }

        @Override
        public Object root() {
            return root;
        }

        @Override
        public String mountPath() {
            return "/blog";
        }

        @Override
        public String appName() {
            return "blog";
        }

        @Override
        public Map<String, Map<String, Object>> sections() {
            return Map.of();
        }

        @Override
        public ConfigTrail rootTrail() {
            return space.root();
        }

        @Override
        public Handler bind(Object target, Method method) {
            return (request, response) -> method.getName();
        }

        @Override
        public java.util.function.Function<Object, Handler> bindLate(Method method) {
            return target -> bind(target, method);
        }

        @Override
        public Handler notFound() {
            return (request, response) -> null;
        }
    }

    public static class Overloaded {
        public String go() {
            return "";
        }

        public String go(String a) {
            return a;
        }
    }

    private static void assertMountFails(Routes routes, String message) {
        Harness bad = Harness.of(routes).dispatcher("routes", new RoutesDispatcher())
                .config("[/]\nrequest.dispatch = \"routes\"\n");
        ConfigException e = assertThrows(ConfigException.class, bad::compile);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    public void withoutSectionsBelowTheRootTheRouteConfigIsPrepared() {
        Harness flat = Harness.of(new Root()).mount("/blog").dispatcher("routes", new RoutesDispatcher())
                .config("[/]\nrequest.dispatch = \"routes\"\nk = 'root'\n");
        assertEquals("index {} k=blogclass", flat.get("/blog/").text());
        assertEquals("methodcfg k=method", flat.get("/blog/a/b/methodcfg").text());
        assertEquals("show 2024-05 hello k=blogclass", flat.get("/blog/2024/05/hello").text());
    }
}
