package org.cerise.dispatch.tree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cerise.api.ConfigException;
import org.cerise.api.CpDispatch;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.PopArgs;
import org.cerise.api.Request;
import org.cerise.api.dispatch.Route;
import org.cerise.core.internal.mount.Harness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PopArgs} and {@link CpDispatch} in the tree dispatcher, through the real pipeline.
 * Every row was observed on CherryPy 18.8 with the Python twin of {@link Root} (the same
 * classes with {@code @cherrypy.popargs(...)} and {@code _cp_dispatch}), mounted at
 * {@code /app}; the harness runs without the trailing_slash tool, so the rows CherryPy
 * redirects with a 301 are checked through {@code is_index} instead.
 */
class HooksTest {

    public static class DayHandler {
        @Expose
        public String index(String year, String month, String day) {
            return "day " + year + "-" + month + "-" + day;
        }

        @Expose
        public String delete(String year, String month, String day) {
            return "delete day " + year + "-" + month + "-" + day;
        }
    }

    @PopArgs(value = "day", handler = "days")
    public static class MonthHandler {
        private final DayHandler days = new DayHandler();

        @Expose
        public String index(String year, String month) {
            return "month " + year + "-" + month;
        }
    }

    @PopArgs(value = "month", handler = "months")
    public static class YearHandler {
        private final MonthHandler months = new MonthHandler();

        @Expose
        public String index(String year) {
            return "year " + year;
        }

        @Expose
        public String delete(String year) {
            return "delete year " + year;
        }
    }

    @PopArgs(value = "year", handler = "years")
    public static class Calendar {
        private final YearHandler years = new YearHandler();

        @Expose
        public String index() {
            return "calendar";
        }

        @Expose
        public String list() {
            return "list";
        }
    }

    @PopArgs({"a", "b"})
    public static class Blog {
        @Expose
        public String index(@Param(defaultValue = "None") String a, @Param(defaultValue = "None") String b) {
            return "blog " + a + " " + b;
        }

        @Expose
        public String create() {
            return "create";
        }

        @Expose
        public String show(String a, Optional<String> b) {
            return "show " + a + " " + b.orElse("None");
        }
    }

    /** Made per request by {@link Bands}: not part of the mounted tree. */
    public static class Band {
        private final String name;

        Band(String name) {
            this.name = name;
        }

        @Expose
        public String index() {
            return "band " + name;
        }

        @Expose
        public String albums(String... args) {
            return "albums of " + name + ": " + String.join("/", args);
        }
    }

    public static class Bands implements CpDispatch {
        @Expose
        public String index() {
            return "all bands";
        }

        @Override
        public Object cpDispatch(List<String> vpath) {
            return new Band(vpath.remove(0));
        }
    }

    /** A hook that uses the segment without removing it: the dispatcher removes it. */
    public static class Lazy implements CpDispatch {
        private final Band child = new Band("lazy");

        @Override
        public Object cpDispatch(List<String> vpath) {
            return vpath.get(0).equals("c") ? child : null;
        }

        @Expose(alias = "default")
        public String fallback(String... args) {
            return "lazy default " + String.join("/", args);
        }
    }

    public static class Root {
        public final Calendar calendar = new Calendar();
        public final Blog blog = new Blog();
        public final Bands bands = new Bands();
        public final Lazy lazy = new Lazy();

        @Expose
        public String index() {
            return "root";
        }
    }

    private final Harness harness = Harness.of(new Root()).dispatcher("tree", new TreeDispatcher());

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/                           | 200 | root",
        "/calendar/                  | 200 | calendar",
        "/calendar/list              | 200 | list",
        "/calendar/2024/             | 200 | year 2024",
        "/calendar/2024/delete       | 200 | delete year 2024",
        "/calendar/2024/05/          | 200 | month 2024-05",
        "/calendar/2024/05/17/       | 200 | day 2024-05-17",
        "/calendar/2024/05/17/delete | 200 | delete day 2024-05-17",
        "/calendar/2024/05/17/x      | 404 | ",
        "/calendar/2024/?year=1999   | 200 | year 1999",
        "/blog/                      | 200 | blog None None",
        "/blog/1/                    | 200 | blog 1 None",
        "/blog/1/2/                  | 200 | blog 1 2",
        "/blog/create                | 200 | create",
        "/blog/1/2/show              | 200 | show 1 2",
        "/blog/1/2/?a=9              | 200 | blog 9 2",
        "/blog/1/2/3                 | 404 | ",
        "/bands/                     | 200 | all bands",
        "/bands/nirvana/             | 200 | band nirvana",
        "/bands/nirvana/albums/x/y   | 200 | albums of nirvana: x/y",
        "/lazy/c/                    | 200 | band lazy",
        "/lazy/zz/top                | 200 | lazy default zz/top",
        "/lazy/                      | 200 | 'lazy default '",
    })
    void answersAsCherryPy(String path, int status, String body) {
        Harness.Result r = harness.get("/app" + path);
        assertEquals(status, r.status(), r::toString);
        if (body != null) {
            assertEquals(body, r.text());
        }
    }

    /** CherryPy answers these with a 301 to the path with a slash: the walk ends at an index. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"/calendar/2024", "/blog/1/show", "/bands/nirvana"})
    void pathsEndingOnAnIndexAreIndexHandlers(String path) throws ConfigException {
        Map<String, List<String>> params = new HashMap<>();
        Request request = (Request) Proxy.newProxyInstance(Request.class.getClassLoader(),
                new Class<?>[] {Request.class}, (proxy, method, args) -> method.getName().equals("params") ? params : null);
        Route route = harness.compile().route(path, request);
        assertEquals(Boolean.TRUE, route.index(), path);
    }

    @Test
    void aHookThatAddsSegmentsFailsTheRequest() {
        class Growing implements CpDispatch {
            @Override
            public Object cpDispatch(List<String> vpath) {
                vpath.add("more");
                return this;
            }
        }
        Harness.Result r = Harness.of(new Growing()).dispatcher("tree", new TreeDispatcher()).get("/app/x");
        assertEquals(500, r.status());
    }

    @Test
    void aPopArgsHandlerNamingNoFieldKeepsTheAppFromMounting() {
        @PopArgs(value = "a", handler = "nothing")
        class Wrong {
            @Expose
            public String index() {
                return "";
            }
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.of(new Wrong()).dispatcher("tree", new TreeDispatcher()).compile());
        assertTrue(e.getMessage().contains("handler = \"nothing\""), e.getMessage());
    }

    @Test
    void theHookIsNeverAPage() {
        Harness h = Harness.of(new Bands()).dispatcher("tree", new TreeDispatcher());
        assertEquals("band cpDispatch", h.get("/app/cpDispatch/").text(), "the segment goes to the hook, not to the method");
    }
}
