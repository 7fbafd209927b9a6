package org.cerise.tool.responseheaders.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.NotFound;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.Hook;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. Expected answers observed on CherryPy 18.8 with
 * {@code headers=[('X-A', '1'), ('Content-Type', 'text/plain'), ('X-A', '2')]}: one
 * {@code X-A: 2} (a later pair replaces an earlier one), {@code Content-Type:
 * text/plain;charset=utf-8}; and when {@code tools.allow} refuses the method at the same hook
 * point, the 405 page still carries the configured header (the tool is failsafe).
 */
class ResponseHeadersBehaviourTest {

    public static class Site {
        @Expose
        public String page() {
            return "page";
        }

        @Expose
        public String missing() {
            throw new NotFound();
        }
    }

    /** Refuses every request at on_start_resource, like tools.allow refusing a method. */
    public static class Refuse implements Hook {
        @Override
        public void run(Request request, Response response) {
            response.setHeader("Allow", "POST");
            throw new HttpError(405);
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher())
                .tool("response_headers", new ResponseHeadersTool()).config(config);
    }

    @Test
    void setsEachPairALaterPairOfTheSameNameWins() {
        Harness.Result r = harness("[/]\ntools.response_headers.on = True\n"
                + "tools.response_headers.headers = [('X-A', '1'), ('Content-Type', 'text/plain'), ('X-A', '2')]\n")
                .get("/app/page");
        assertEquals(200, r.status());
        assertEquals(List.of("2"), r.headers("X-A"));
        // CherryPy answers text/plain;charset=utf-8: the charset is the encode tool's, off in this harness
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals("page", r.text());
    }

    @Test
    void nonTextValuesAreWrittenAsPythonWritesThem() {
        Harness.Result r = harness("[/]\ntools.response_headers.on = True\n"
                + "tools.response_headers.headers = [('X-Count', 5), ('X-Flag', True)]\n").get("/app/page");
        assertEquals("5", r.header("X-Count"));
        assertEquals("True", r.header("X-Flag"));
    }

    @Test
    void theHeadersSurviveAFailureOfAnotherHookAtTheSamePoint() {
        String config = "[/]\nhooks.on_start_resource = '" + Refuse.class.getName() + "'\n"
                + "tools.response_headers.on = True\ntools.response_headers.headers = [('X-A', '1')]\n";
        Harness.Result r = harness(config).get("/app/page");
        assertEquals(405, r.status());
        assertEquals("1", r.header("X-A"));
        assertEquals("POST", r.header("Allow"));
    }

    @Test
    void theHeadersStayOnErrorPages() {
        Harness.Result r = harness("[/]\ntools.response_headers.on = True\n"
                + "tools.response_headers.headers = [('X-Frame-Options', 'DENY')]\n").get("/app/missing");
        assertEquals(404, r.status());
        assertEquals("DENY", r.header("X-Frame-Options"));
    }

    @Test
    void onlyWhereTheToolIsOn() {
        Harness.Result r = harness("[/]\ntools.response_headers.headers = [('X-A', '1')]\n").get("/app/page");
        assertEquals(null, r.header("X-A"));
    }
}
