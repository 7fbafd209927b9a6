package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.MissingServiceException;
import org.junit.jupiter.api.Test;

/**
 * What the core offers tools beyond hooks: answering before the handler, a body read into
 * memory and still parsed, the attempt charsets, services selected by name; and what a response
 * looks like when the encode tool is off.
 */
class RequestStagesTest {

    /** Records which stages ran. */
    public static final class Root {
        final List<String> ran = new ArrayList<>();

        @Expose
        public String index(Request request) {
            ran.add("handler");
            return "handled";
        }

        @Expose
        public String form(@Param("word") String word) {
            ran.add("handler");
            return word;
        }

        @Expose
        public String page(Response response) {
            response.setHeader("Content-Type", "text/html");
            return "caf\u00e9";
        }
    }

    private final Root root = new Root();

    /** A tool recording the stages around the one where {@code tools.answer.at} answers. */
    private Tool answering() {
        return setup -> {
            HookPoint at = HookPoint.valueOf(setup.stringArg("at", "ON_START_RESOURCE"));
            for (HookPoint p : List.of(HookPoint.ON_START_RESOURCE, HookPoint.BEFORE_REQUEST_BODY,
                    HookPoint.BEFORE_HANDLER, HookPoint.BEFORE_FINALIZE)) {
                setup.hook(p, 40, false, (request, response) -> root.ran.add(p.configName()));
                setup.hook(p, 60, false, (request, response) -> root.ran.add(p.configName() + " later"));
            }
            setup.hook(at, 50, false, (request, response) -> {
                response.setStatus(204);
                request.markAnswered();
            });
        };
    }

    @Test
    void answeringAtOnStartResourceSkipsToBeforeFinalize() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("answer", answering())
                .config("[/]\ntools.answer.on = True\n");
        Harness.Result r = h.request("POST", "/app/form?word=x", "word=y".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals(204, r.status());
        // the rest of the point still runs; body, before_handler and handler do not
        assertEquals(List.of("on_start_resource", "on_start_resource later", "before_finalize",
                "before_finalize later"), root.ran);
    }

    @Test
    void answeringAtBeforeHandlerSkipsTheHandler() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("answer", answering())
                .config("[/]\ntools.answer.on = True\ntools.answer.at = 'BEFORE_HANDLER'\n");
        assertEquals(204, h.get("/app/").status());
        assertEquals(List.of("on_start_resource", "on_start_resource later", "before_request_body",
                "before_request_body later", "before_handler", "before_handler later", "before_finalize",
                "before_finalize later"), root.ran);
    }

    /** Reads the body into memory at before_request_body and names its length. */
    private static final Tool PEEK = setup -> setup.hook(HookPoint.BEFORE_REQUEST_BODY, 50, false,
            (request, response) -> response.setHeader("X-Peeked", String.valueOf(request.bodyBytes().length)));

    @Test
    void aBodyReadIntoMemoryIsStillParsedAsAForm() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("peek", PEEK)
                .config("[/]\ntools.peek.on = True\n");
        Harness.Result r = h.request("POST", "/app/form", "word=hello".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals("10", r.header("X-Peeked"));
        assertEquals("hello", r.text());
    }

    @Test
    void aBodyReadIntoMemoryKeepsTheSizeLimit() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("peek", PEEK)
                .config("[/]\ntools.peek.on = True\nrequest.body.maxbytes = 5\n");
        assertEquals(413, h.request("POST", "/app/form", "word=hello".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded").status());
    }

    @Test
    void aMultipartBodyReadIntoMemoryIsAServerErrorThatSaysWhy() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("peek", PEEK)
                .config("[/]\ntools.peek.on = True\n");
        Harness.Result r = h.request("POST", "/app/form", "--b\r\n\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: multipart/form-data; boundary=b");
        assertEquals(500, r.status());
        assertTrue(r.text().contains("can no longer be parsed into parts"), r.text());
    }

    @Test
    void theContentTypeCharsetIsTriedFirst() {
        List<String> seen = new ArrayList<>();
        Tool charsets = setup -> setup.hook(HookPoint.BEFORE_REQUEST_BODY, 50, false,
                (request, response) -> request.attemptCharsets().forEach(c -> seen.add(c.name())));
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("charsets", charsets)
                .config("[/]\ntools.charsets.on = True\n");
        Harness.Result r = h.request("POST", "/app/form", "word=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
                "Content-Type: application/x-www-form-urlencoded; charset=ISO-8859-1");
        assertEquals(List.of("ISO-8859-1", "UTF-8"), seen);
        assertEquals("caf\u00e9", r.text());
    }

    @Test
    void anUnknownContentTypeCharsetIs400NamingIt() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher());
        Harness.Result r = h.request("POST", "/app/form", "word=x".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded; charset=no-such-charset");
        assertEquals(400, r.status());
        assertTrue(r.text().contains("unknown charset no-such-charset"), r.text());
    }

    /** A tool that greets with a {@code Supplier} service selected by {@code tools.greet.by}. */
    private static final Tool GREET = setup -> {
        @SuppressWarnings("unchecked")
        Supplier<String> greeter = setup.service("by", Supplier.class, "greeter.name");
        setup.hook(HookPoint.BEFORE_FINALIZE, 50, false,
                (request, response) -> response.setHeader("X-Greeting", greeter.get()));
    };

    @Test
    void aNamedServiceIsFoundByItsProperty() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("greet", GREET)
                .service(Supplier.class, "greeter.name", "hello", () -> "hello there")
                .config("[/]\ntools.greet.on = True\ntools.greet.by = 'hello'\n");
        assertEquals("hello there", h.get("/app/").header("X-Greeting"));
    }

    @Test
    void aMissingNamedServiceMakesTheAppWaitSayingWhatItNeeds() {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("greet", GREET)
                .config("[/]\ntools.greet.on = True\ntools.greet.by = 'hello'\n");
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertInstanceOf(MissingServiceException.class, e);
        assertEquals("Config error in app.conf, line 3, section [/], key 'tools.greet.by': 'hello' names no registered "
                + "service: the app waits for a service java.util.function.Supplier registered with greeter.name=hello",
                e.getMessage());
    }

    @Test
    void argumentsATooldoesNotTakeAreRefusedByName() {
        Tool strict = setup -> setup.allowArgs("level", "debug");
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("strict", strict)
                .config("[/]\ntools.strict.on = True\ntools.strict.levle = 3\ntools.strict.priority = 10\n");
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertEquals("Config error in app.conf, line 3, section [/], key 'tools.strict.levle': 3 is not an argument "
                + "of tools.strict (it takes level, debug)", e.getMessage());
    }

    @Test
    void headerListIsEveryLineAndIsNotObserved() {
        List<String> observed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> observedBeforeFinalize = new ArrayList<>();
        Tool log = setup -> {
            setup.hook(HookPoint.ON_START_RESOURCE, 50, false, (request, response) -> {
                request.observeHeaders(observed::add);
                request.headerList().forEach(e -> lines.add(e.getKey() + ": " + e.getValue()));
            });
            // where autovary reads them (the access log reads Referer and User-Agent later)
            setup.hook(HookPoint.BEFORE_FINALIZE, 95, false, (request, response) -> observedBeforeFinalize.addAll(observed));
        };
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher()).tool("log", log)
                .config("[/]\ntools.log.on = True\n");
        h.get("/app/", "X-Twice: 1", "X-Twice: 2", "Accept: text/plain");
        assertEquals(List.of("Host: 127.0.0.1:8080", "X-Twice: 1", "X-Twice: 2", "Accept: text/plain"), lines);
        assertEquals(List.of(), observedBeforeFinalize);
    }

    @Test
    void withoutTheEncodeToolTextIsUtf8AndNoCharsetIsAdded() throws IOException {
        Harness h = Harness.of(root).dispatcher("tree", new ByNameDispatcher());
        Harness.Result r = h.get("/app/page");
        assertEquals("text/html", r.header("Content-Type"));
        assertEquals("caf\u00e9", new String(r.body(), StandardCharsets.UTF_8));
        assertNull(r.header("X-Peeked"));
    }
}
