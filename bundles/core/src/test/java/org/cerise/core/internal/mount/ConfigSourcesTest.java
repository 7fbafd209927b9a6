package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.cerise.api.Config;
import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.UseTool;
import org.cerise.api.tool.Hook;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.IniConfig;
import org.cerise.core.internal.config.MissingServiceException;
import org.junit.jupiter.api.Test;

/**
 * Where config comes from and in which order it merges, as CherryPy merges it: global, the
 * app's [global], the root object's {@code _cp_config} ({@code @Config}), section [/], each node
 * deeper, the handler last.
 */
class ConfigSourcesTest {

    /** A tool that writes its argument {@code value} into the header {@code X-Tool}. */
    static final Tool ECHO = setup -> {
        String value = setup.stringArg("value", "default");
        setup.hook(HookPoint.BEFORE_FINALIZE, setup.priority(50), false,
                (request, response) -> response.setHeader("X-Tool", value));
    };

    @Config({"k = 'class'", "k2 = 'class'"})
    public static class Annotated {
        @Expose
        public String plain(Request request) {
            return request.config().get("k") + "," + request.config().get("k2");
        }

        @Expose
        @Config("k = 'method'")
        public String own(Request request) {
            return request.config().get("k") + "," + request.config().get("k2");
        }

        @Expose
        @UseTool(value = "echo", args = "value = 'from annotation'")
        public String tooled() {
            return "tooled";
        }

        @Expose
        public String boom() {
            throw new IllegalStateException("boom");
        }
    }

    private static Harness annotated() {
        return Harness.of(new Annotated()).dispatcher("tree", new ByNameDispatcher()).tool("echo", ECHO);
    }

    @Test
    void classConfigComesBeforeSectionSlashAndTheHandlersLast() {
        Harness h = annotated().config("[/]\nk2 = 'section'\n");
        // root object's @Config, then [/] (section wins over class), then the method's @Config
        assertEquals("class,section", h.get("/app/plain").text());
        assertEquals("method,section", h.get("/app/own").text());
    }

    @Test
    void useToolTurnsTheToolOnWithItsArguments() {
        Harness h = annotated();
        assertEquals("from annotation", h.get("/app/tooled").header("X-Tool"));
        assertEquals(null, h.get("/app/plain").header("X-Tool"), "only on the annotated handler");
    }

    @Test
    void aToolAnAnnotationNeedsMustBeInstalled() {
        Harness h = Harness.of(new Annotated()).dispatcher("tree", new ByNameDispatcher());
        MissingServiceException e = assertThrows(MissingServiceException.class, h::compile);
        assertTrue(e.getMessage().contains("the tool 'echo'"), e.getMessage());
    }

    public static class DispatchByAnnotation {
        @Expose
        @Config("request.dispatch = 'method'")
        public String x() {
            return "";
        }
    }

    @Test
    void requestDispatchIsNotReadFromAnnotations() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.of(new DispatchByAnnotation()).dispatcher("tree", new ByNameDispatcher()).compile());
        assertTrue(e.getMessage().contains(DispatchByAnnotation.class.getName() + ".x()"), e.getMessage());
        assertTrue(e.getMessage().contains("request.dispatch is read from the app's config file only"), e.getMessage());
    }

    public static class BadAnnotation {
        @Expose
        @Config("tools.echo.on = yes")
        public String x() {
            return "";
        }
    }

    @Test
    void aBadAnnotationValueNamesTheMethodAndKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.of(new BadAnnotation()).dispatcher("tree", new ByNameDispatcher()).compile());
        assertTrue(e.getMessage().contains(BadAnnotation.class.getName() + ".x() @Config, key 'tools.echo.on'"),
                e.getMessage());
    }

    @Test
    void environmentProductionHidesTracebacks() {
        Harness dev = annotated();
        assertTrue(dev.get("/app/boom").text().contains("IllegalStateException: boom"));
        Harness production = annotated().global("environment", "production");
        String page = production.get("/app/boom").text();
        assertTrue(page.contains("<pre id=\"traceback\"></pre>"), page);
    }

    @Test
    void anAppsGlobalSectionIsItsAppWideLayerWithEnvironments() {
        Harness h = annotated().config("[global]\nenvironment = 'staging'\nk2 = 'app-wide'\nserver.socket_port = 1\n");
        assertTrue(h.get("/app/boom").text().contains("<pre id=\"traceback\"></pre>"));
        // the app-wide layer sits below the root object's @Config
        assertEquals("class,class", h.get("/app/plain").text());
    }

    @Test
    void anUnknownEnvironmentIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> annotated().config("[global]\nenvironment = 'prod'\n").compile());
        assertTrue(e.getMessage().contains("app.conf, line 2, section [global], key 'environment': 'prod' is not one of"),
                e.getMessage());
    }

    /** A bare hook named in config: {@code hooks.before_finalize = "class"}. */
    public static class StampHook implements Hook {
        @Override
        public void run(Request request, Response response) {
            response.setHeader("X-Hook", "stamped");
        }
    }

    @Test
    void hooksNamespaceAttachesABareHookOfTheApp() {
        Harness h = annotated().config("[/]\nhooks.before_finalize = '" + StampHook.class.getName() + "'\n");
        assertEquals("stamped", h.get("/app/plain").header("X-Hook"));
    }

    @Test
    void aHookThatIsNoHookIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> annotated().config("[/]\nhooks.before_finalize = 'java.lang.String'\n").compile());
        assertTrue(e.getMessage().contains("key 'hooks.before_finalize': 'java.lang.String' names a class that does not "
                + "implement"), e.getMessage());
    }

    @Test
    void aCustomNamespaceSeesItsKeysAndUnknownOnesAreReported() throws ConfigException {
        Harness h = annotated().config("[/]\ndb.url = 'jdbc:x'\nother.key = 1\n").namespace("db", setup -> {
            String url = setup.stringArg("url", null);
            setup.hook(HookPoint.ON_START_RESOURCE, 50, false,
                    (request, response) -> response.setHeader("X-Db", url));
        });
        assertEquals("jdbc:x", h.get("/app/plain").header("X-Db"));
    }

    @Test
    void unhandledKeysAreCollected() throws ConfigException {
        GlobalConfig.Loaded global = new GlobalConfig.Loaded(Map.of(), Map.of());
        IniConfig.Parsed file = IniConfig.parseWithOrigins("app.conf", new StringReader("[/]\nother.key = 1\nplain = 2\n"));
        AppConfig config = AppConfig.merge(global, file, List.of(), "app");
        AppCompiler.Compiled compiled = new AppCompiler(n -> n.equals("echo") ? ECHO : null, n -> new ByNameDispatcher(), n -> null)
                .compile(new Annotated(), "app", "/app", config, Class::forName, t -> t);
        assertEquals(java.util.Set.of("other.key"), compiled.unhandledKeys(), "keys without a namespace are app data");
    }

    @Test
    void runTimeOverridesGoOnTopOfTheAppsFile() throws Exception {
        AppOverrides overrides = new AppOverrides(() -> { });
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("cerise.app", "app");
        props.put("k2", "'override'");
        props.put("[/own]k", "'override'");
        props.put("felix.fileinstall.filename", "file:/etc/org.cerise.app-x.cfg");
        overrides.updated("org.cerise.app~x", props);
        IniConfig.Parsed file = IniConfig.parseWithOrigins("app.conf", new StringReader("[/]\nk2 = 'section'\n"));
        AppConfig config = AppConfig.merge(GlobalConfig.BUILT_IN, file, overrides.forApp("app"), "app");
        assertEquals("override", config.sections().get("/").get("k2"));
        assertEquals("override", config.sections().get("/own").get("k"));
        assertEquals("configuration org.cerise.app~x (file:/etc/org.cerise.app-x.cfg), section [/own]",
                config.sectionOrigins().get("/own").get("k"));
        assertEquals(List.of(), overrides.forApp("other"));
    }

    @Test
    void aBadOverrideKeepsTheAppOutUntilFixed() throws Exception {
        AppOverrides overrides = new AppOverrides(() -> { });
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("cerise.app", "app");
        props.put("request.show_tracebacks", "maybe");
        overrides.updated("org.cerise.app~x", props);
        IniConfig.Parsed none = new IniConfig.Parsed(Map.of(), Map.of());
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.merge(GlobalConfig.BUILT_IN, none, overrides.forApp("app"), "app"));
        assertTrue(e.getMessage().contains("configuration org.cerise.app~x, key 'request.show_tracebacks'"), e.getMessage());
        props.put("request.show_tracebacks", "False");
        overrides.updated("org.cerise.app~x", props);
        assertEquals(Boolean.FALSE, AppConfig.merge(GlobalConfig.BUILT_IN, none, overrides.forApp("app"), "app")
                .sections().get("/").get("request.show_tracebacks"));
    }

    @Test
    void anErrorToolReplacesThe500Page() {
        Tool errorTool = setup -> setup.hook(HookPoint.ON_START_RESOURCE, 50, false,
                (request, response) -> request.setErrorResponse((req, resp, error) -> {
                    resp.setStatus(500);
                    resp.setHeader("Content-Type", "text/plain");
                    resp.setBody("sorry: " + error.getMessage());
                }));
        Harness h = annotated().tool("sorry", errorTool).config("[/]\ntools.sorry.on = True\n");
        Harness.Result r = h.get("/app/boom");
        assertEquals(500, r.status());
        assertEquals("sorry: boom", r.text());
    }

    @Test
    void theHarnessAnswersAsTheContainer() {
        Harness.Result r = annotated().get("/app/nothing");
        assertEquals(404, r.status());
        assertInstanceOf(String.class, r.header("Content-Type"));
        assertTrue(r.text().contains("The path '/app/nothing' was not found."));
    }
}
