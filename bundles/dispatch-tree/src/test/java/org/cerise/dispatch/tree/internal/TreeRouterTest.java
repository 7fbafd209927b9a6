package org.cerise.dispatch.tree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Handler;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;
import org.cerise.core.internal.config.ScopeCompiler;
import org.cerise.core.internal.config.TrailSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tree dispatcher against CherryPy 18.8's {@code Dispatcher.find_handler}. The expected
 * rows were printed by real CherryPy for the same tree and app config (the Python twin of
 * {@link Root} below, with {@code find_handler} called for each path): handler name, positional
 * arguments, {@code request.is_index} and the config key {@code k} merged for the request.
 */
class TreeRouterTest {

    public static class Leaf {
        @Expose
        public String index() {
            return "leaf index";
        }

        @Expose
        public String page(String... args) {
            return "page";
        }
    }

    public static class NoIndex {
        @Expose
        public String thing() {
            return "thing";
        }
    }

    public static class WithDefault {
        @Expose(alias = "default")
        public String fallback(String... args) {
            return "default";
        }

        @Expose
        public String index() {
            return "wd index";
        }
    }

    public static class Root {
        public final Leaf leaf = new Leaf();
        public final NoIndex noindex = new NoIndex();
        public final WithDefault wd = new WithDefault();
        public final String notANode = "text";

        @Expose
        public String index() {
            return "root index";
        }

        @Expose
        public String gen(String... args) {
            return "gen";
        }

        public String hidden() {
            return "not exposed";
        }

        @Expose
        public String my_page() {
            return "my_page";
        }

        @Expose(alias = "al.one")
        public String aliased() {
            return "aliased";
        }
    }

    private static final Map<String, Map<String, Object>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("/", Map.of("k", "root"));
        SECTIONS.put("/leaf", Map.of("k", "leaf"));
        SECTIONS.put("/leaf/x", Map.of("k", "leafx"));
        SECTIONS.put("/gen/a", Map.of("k", "gena"));
        SECTIONS.put("/nope", Map.of("k", "nope"));
    }

    /** Binds every handler to a marker that names the Java method it stands for. */
    private static final class Context implements DispatchContext {
        final Object root;
        final TrailSpace space;
        final Map<Handler, String> names = new HashMap<>();
        final Handler notFound = (request, response) -> null;

        Context(Object root, Map<String, Map<String, Object>> sections) {
            this.root = root;
            this.space = new TrailSpace(Map.of(), sections, new ScopeCompiler(name -> null), node -> Map.of());
        }

        @Override
        public Object root() {
            return root;
        }

        @Override
        public String mountPath() {
            return "/app";
        }

        @Override
        public String appName() {
            return "app";
        }

        @Override
        public Map<String, Map<String, Object>> sections() {
            return SECTIONS;
        }

        @Override
        public ConfigTrail rootTrail() {
            return space.root();
        }

        @Override
        public Handler bind(Object target, Method method) {
            Handler h = (request, response) -> method.getName();
            names.put(h, method.getName());
            return h;
        }

        @Override
        public java.util.function.Function<Object, Handler> bindLate(Method method) {
            Handler h = bind(null, method);
            return target -> h;
        }

        @Override
        public Handler notFound() {
            return notFound;
        }
    }

    private final Context context = new Context(new Root(), SECTIONS);
    private final Router router = prepare(context);

    private static Router prepare(Context ctx) {
        try {
            return new TreeDispatcher().prepare(ctx);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "[{index}] path '{0}'")
    @CsvSource(delimiter = '|', nullValues = "None", value = {
        // path         | handler   | vpath   | is_index | k
        "/              | index     |         | true     | root",
        "''             | index     |         | true     | root",
        "/index         | index     |         | false    | root",
        "/gen           | gen       |         | false    | root",
        "/gen/          | gen       |         | false    | root",
        "/gen/a         | gen       | a       | false    | gena",
        "/gen/a/b       | gen       | a b     | false    | gena",
        "/hidden        | None      |         | None     | root",
        "/hidden/x      | None      |         | None     | root",
        "/my-page       | my_page   |         | false    | root",
        "/my.page       | my_page   |         | false    | root",
        "/al.one        | aliased   |         | false    | root",
        "/al_one        | aliased   |         | false    | root",
        "/aliased       | aliased   |         | false    | root",
        "/leaf          | index     |         | true     | leaf",
        "/leaf/         | index     |         | true     | leaf",
        "/leaf/x        | None      |         | None     | leafx",
        "/leaf/page/1   | page      | 1       | false    | leaf",
        "/noindex       | None      |         | None     | root",
        "/noindex/      | None      |         | None     | root",
        "/noindex/thing | thing     |         | false    | root",
        "/noindex/zzz   | None      |         | None     | root",
        "/wd            | index     |         | true     | root",
        "/wd/           | index     |         | true     | root",
        "/wd/a/b        | fallback  | a b     | false    | root",
        "/nope          | None      |         | None     | nope",
        "/nope/deeper   | None      |         | None     | nope",
        "/leaf/index/x  | index     | x       | false    | leaf",
        "/notANode      | None      |         | None     | root",
    })
    void routesAsCherryPy(String path, String handler, String vpath, Boolean index, String k) {
        Route route = router.route(path, null);
        if (handler == null) {
            assertSame(context.notFound, route.handler(), "expected nothing for " + path);
        } else {
            assertEquals(handler, context.names.get(route.handler()), "handler for " + path);
        }
        List<String> expected = vpath == null ? List.of() : Arrays.asList(vpath.split(" "));
        assertEquals(expected, route.vpath(), "positional arguments for " + path);
        assertEquals(index, route.index(), "is_index for " + path);
        assertEquals(k, route.trail().config().get("k"), "merged config for " + path);
    }

    @Test
    void encodedSlashStaysInOneSegmentAndIsDecodedInTheArgument() {
        Route route = router.route("/gen/a%2Fb", null);
        assertEquals("gen", context.names.get(route.handler()));
        assertEquals(List.of("a/b"), route.vpath());
        assertEquals("root", route.trail().config().get("k"), "the section /gen/a must not apply to /gen/a%2Fb");
    }

    @Test
    void defaultOnTheRootCatchesEverythingUnmatched() throws ConfigException {
        class CatchAll {
            @Expose(alias = "default")
            public String fallback(String... args) {
                return "x";
            }

            @Expose
            public String known() {
                return "known";
            }
        }
        Context ctx = new Context(new CatchAll(), Map.of());
        Router r = new TreeDispatcher().prepare(ctx);
        Route route = r.route("/nope/a/b", null);
        assertEquals("fallback", ctx.names.get(route.handler()));
        assertEquals(List.of("nope", "a", "b"), route.vpath());
        assertEquals(Boolean.FALSE, route.index());
        assertEquals(Boolean.TRUE, r.route("/nope/", null).index(), "a default handler's is_index is 'path ends with /'");
        assertEquals("known", ctx.names.get(r.route("/known", null).handler()));
    }

    @Test
    void classLevelExposeExposesEveryPublicMethod() throws ConfigException {
        @Expose
        class AllExposed {
            public String one() {
                return "1";
            }

            String packagePrivate() {
                return "no";
            }
        }
        Context ctx = new Context(new AllExposed(), Map.of());
        Router r = new TreeDispatcher().prepare(ctx);
        assertEquals("one", ctx.names.get(r.route("/one", null).handler()));
        assertSame(ctx.notFound, r.route("/packagePrivate", null).handler());
        assertSame(ctx.notFound, r.route("/toString", null).handler(), "Object's methods are never handlers");
    }

    @Test
    void twoMembersAnsweringOneNameKeepTheAppFromMounting() {
        class Clash {
            @Expose
            public String a() {
                return "a";
            }

            @Expose(alias = "a")
            public String b() {
                return "b";
            }
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> new TreeDispatcher().prepare(new Context(new Clash(), Map.of())));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void overloadedHandlersAreRefused() {
        class Overloaded {
            @Expose
            public String page() {
                return "";
            }

            @Expose
            public String page(int n) {
                return "";
            }
        }
        assertThrows(ConfigException.class, () -> new TreeDispatcher().prepare(new Context(new Overloaded(), Map.of())));
    }

    public static class Cyclic {
        public Cyclic self = this;
        public Cyclic child;

        @Expose
        public String index() {
            return "cyclic";
        }
    }

    @Test
    void aFieldPointingBackUpTheTreeIsNotFollowed() throws ConfigException {
        Cyclic root = new Cyclic();
        root.child = new Cyclic();
        root.child.child = root;
        Context ctx = new Context(root, Map.of());
        Router r = new TreeDispatcher().prepare(ctx);
        assertEquals("index", ctx.names.get(r.route("/child/", null).handler()));
        assertSame(ctx.notFound, r.route("/self/child/", null).handler(), "self points back: not a child");
        assertSame(ctx.notFound, r.route("/child/child/", null).handler(), "child.child is the root: a cycle");
    }

    @Test
    void translationTurnsAsciiPunctuationIntoUnderscores() {
        assertEquals("my_page", Shape.translate("my-page"));
        assertEquals("a_b_c_d", Shape.translate("a.b~c!d"));
        assertEquals("caf\u00e9", Shape.translate("caf\u00e9"));
        assertEquals("favicon_ico", Shape.translate("favicon.ico"));
    }

    @Test
    void splitDropsEmptySegments() {
        assertEquals(List.of("a", "b"), TreeWalker.split("//a//b/"));
        assertEquals(List.of(), TreeWalker.split("/"));
    }
}
