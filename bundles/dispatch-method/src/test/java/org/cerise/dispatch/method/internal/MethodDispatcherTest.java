package org.cerise.dispatch.method.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.core.internal.mount.Harness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The method dispatcher through the real pipeline. Every row was observed on CherryPy 18.8
 * with the Python twin of {@link Root} ({@code @cherrypy.expose} classes with {@code GET},
 * {@code POST}, ... methods, {@code request.dispatch: MethodDispatcher()}) mounted at
 * {@code /app}: status, {@code Allow}, the verb method's own config header, and the body.
 */
class MethodDispatcherTest {

    @Expose
    public static class Item {
        public String GET(String... args) {
            return "item get " + String.join("/", args);
        }

        @Config("response.headers.X-Verb = 'put'")
        public String PUT(@Param(defaultValue = "None") String name) {
            return "item put " + name;
        }

        public String helper() {
            return "not a verb";
        }
    }

    /** Not exposed: never a resource. */
    public static class Hidden {
        public String GET() {
            return "hidden";
        }
    }

    @Expose
    public static class Root {
        public final Item items = new Item();
        public final Hidden hidden = new Hidden();

        public String GET() {
            return "root get";
        }

        public String POST(@Param(defaultValue = "2") String number) {
            return "root post " + number;
        }

        public String DELETE() {
            return "root delete";
        }
    }

    private final Harness harness = Harness.of(new Root()).dispatcher("method", new MethodDispatcher())
            .config("[/]\nrequest.dispatch = \"method\"\n");

    @ParameterizedTest(name = "[{index}] {0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // method | path          | body     | status | Allow                         | X-Verb | body
        "GET      | /             | -        | 200    | DELETE, GET, HEAD, POST       | -      | root get",
        "GET      | ''            | -        | 200    | DELETE, GET, HEAD, POST       | -      | root get",
        "POST     | /             | number=5 | 200    | DELETE, GET, HEAD, POST       | -      | root post 5",
        "POST     | /             | -        | 411    | DELETE, GET, HEAD, POST       | -      | -",
        "PUT      | /             | x=1      | 405    | DELETE, GET, HEAD, POST       | -      | -",
        "PATCH    | /             | -        | 411    | DELETE, GET, HEAD, POST       | -      | -",
        "PATCH    | /             | x=1      | 405    | DELETE, GET, HEAD, POST       | -      | -",
        "OPTIONS  | /             | -        | 405    | DELETE, GET, HEAD, POST       | -      | -",
        "DELETE   | /             | -        | 200    | DELETE, GET, HEAD, POST       | -      | root delete",
        "HEAD     | /             | -        | 200    | DELETE, GET, HEAD, POST       | -      | ''",
        "GET      | /items/       | -        | 200    | GET, HEAD, PUT                | -      | 'item get '",
        "GET      | /items/a/b    | -        | 200    | GET, HEAD, PUT                | -      | item get a/b",
        "PUT      | /items/       | name=n   | 200    | GET, HEAD, PUT                | put    | item put n",
        "POST     | /items/       | a=1      | 405    | GET, HEAD, PUT                | -      | -",
        "GET      | /items/helper | -        | 200    | GET, HEAD, PUT                | -      | item get helper",
        "GET      | /items        | -        | 200    | GET, HEAD, PUT                | -      | 'item get '",
        "GET      | /hidden/      | -        | 404    | DELETE, GET, HEAD, POST       | -      | -",
        "GET      | /nothing      | -        | 404    | DELETE, GET, HEAD, POST       | -      | -",
        "GET      | /GET          | -        | 404    | DELETE, GET, HEAD, POST       | -      | -",
    })
    void answersAsCherryPy(String method, String path, String body, int status, String allow, String verbHeader,
            String text) {
        Harness.Result r = body == null ? harness.request(method, "/app" + path, null)
                : harness.request(method, "/app" + path, body.getBytes(StandardCharsets.UTF_8),
                        "Content-Type: application/x-www-form-urlencoded");
        assertEquals(status, r.status(), r::toString);
        assertEquals(allow, r.header("Allow"), "Allow");
        assertEquals(verbHeader, r.header("X-Verb"), "the verb method's own config");
        if (text != null) {
            assertEquals(text, r.text());
        }
    }

    /** Observed on CherryPy 18.8: an exposed function is a resource without verbs; no resource at all, a 404. */
    @Test
    void anExposedMethodIsAResourceWithoutVerbsAndNothingIsA404WithoutAllow() {
        class Plain {
            @Expose
            public String index() {
                return "index";
            }

            public String other() {
                return "other";
            }
        }
        Harness h = Harness.of(new Plain()).dispatcher("method", new MethodDispatcher())
                .config("[/]\nrequest.dispatch = \"method\"\n");
        Harness.Result r = h.get("/app/");
        assertEquals(405, r.status());
        assertEquals("", r.header("Allow"));
        Harness.Result none = h.get("/app/other");
        assertEquals(404, none.status());
        assertNull(none.header("Allow"), "no resource, no Allow");
    }
}
