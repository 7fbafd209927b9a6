package org.cerise.tool.autovary.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. Observed on CherryPy 18.8 (with {@code tools.encode} off, which
 * otherwise adds the {@code Accept-Charset} it reads): a handler reading
 * {@code 'accept-language'}, {@code 'Content-Type'} and testing {@code 'X-Foo' in headers} gets
 * {@code Vary: X-Foo, accept-language} (names as the code spelled them, sorted by code point,
 * {@code Content-Type} ignored by default); reading nothing gives an empty {@code Vary: };
 * a handler setting {@code Vary: Cookie,  Accept ;q=1, ,Cookie} and reading {@code Accept} gives
 * {@code Vary: , Accept, Cookie}; with {@code ignore=[]} reading {@code Content-Type},
 * {@code content-type} and {@code _a} gives {@code Vary: Content-Type, _a, content-type}; a 406
 * raised after reading {@code Accept} carries {@code Vary: Accept}.
 */
class AutovaryBehaviourTest {

    public static class Site {
        @Expose
        public String reads(Request request) {
            request.header("accept-language");
            request.header("Content-Type");
            request.headers("X-Foo");
            return "reads";
        }

        @Expose
        public String nothing() {
            return "nothing";
        }

        @Expose
        public String merges(Request request, Response response) {
            response.setHeader("Vary", "Cookie,  Accept ;q=1, ,Cookie");
            request.header("Accept");
            return "merges";
        }

        @Expose
        public String cases(Request request) {
            request.header("Content-Type");
            request.header("content-type");
            request.header("_a");
            return "cases";
        }

        @Expose
        public String refuses(Request request) {
            request.header("Accept");
            throw new HttpError(406);
        }

        @Expose
        public String fails(Request request) {
            request.header("Accept");
            throw new IllegalStateException("no Vary on a 500");
        }
    }

    private static Harness harness(String args) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("autovary", new AutovaryTool())
                .config("[/]\ntools.autovary.on = True\n" + args);
    }

    @Test
    void theHeadersReadAreNamedAsAskedSorted() {
        Harness.Result r = harness("").get("/app/reads", "Accept-Language: en");
        assertEquals(200, r.status());
        assertEquals(List.of("X-Foo, accept-language"), r.headers("Vary"));
    }

    @Test
    void nothingReadGivesAnEmptyVary() {
        assertEquals(List.of(""), harness("").get("/app/nothing").headers("Vary"));
    }

    @Test
    void theResponsesOwnVaryIsMergedElementByElement() {
        assertEquals(", Accept, Cookie", harness("").get("/app/merges").header("Vary"));
    }

    @Test
    void ignoreReplacesTheDefaults() {
        assertEquals("_a, content-type", harness("").get("/app/cases").header("Vary"),
                "Content-Type is ignored in its exact spelling only");
        assertEquals("Content-Type, _a, content-type", harness("tools.autovary.ignore = []\n").get("/app/cases")
                .header("Vary"));
        assertEquals("Content-Type, X-Foo", harness("tools.autovary.ignore = ['accept-language']\n").get("/app/reads")
                .header("Vary"));
    }

    @Test
    void errorPagesOfHttpErrorsVaryToo() {
        Harness.Result r = harness("").get("/app/refuses");
        assertEquals(406, r.status());
        assertEquals("Accept", r.header("Vary"));
    }

    @Test
    void unexpectedErrorsDoNot() {
        Harness.Result r = harness("").get("/app/fails");
        assertEquals(500, r.status());
        assertNull(r.header("Vary"));
    }
}
