package org.cerise.tool.etags.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.Response;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The etags tool in the real pipeline, with {@code autotags = True}. Every expected answer was
 * observed on CherryPy 18.8 with the same pages and headers, including the 412 messages (with the
 * tags listed as CherryPy parses them) and the ETag kept on the 304.
 */
class EtagsBehaviourTest {

    /** MD5 of "etag body", as CherryPy 18.8 sent it. */
    static final String TAG = "\"e639478e7940ab57076acd0c7ad27873\"";

    public static class Site {
        @Expose
        public String index() {
            return "etag body";
        }

        @Expose
        public String tagged(Response response) {
            response.setHeader("ETag", "\"abc\"");
            return "tagged";
        }

        @Expose
        public String created(Response response) {
            response.setStatus(201);
            return "made";
        }

        @Expose
        public String missing() {
            throw new HttpError(404);
        }

        @Expose
        public String lm(Response response) {
            response.setHeader("Last-Modified", "Tue, 15 Nov 1994 12:45:26 GMT");
            return "lm";
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("etags", new EtagsTool())
                .config("[/]\ntools.etags.on = True\n" + config);
    }

    private static Harness.Result get(String path, String... headers) {
        return harness("tools.etags.autotags = True\n").get(path, headers);
    }

    private static String message(Harness.Result r) {
        String page = r.text();
        int start = page.indexOf("<p>") + 3;
        return page.substring(start, page.indexOf("</p>", start));
    }

    @Test
    void autotagsAreTheMd5OfTheBody() {
        Harness.Result r = get("/app/");
        assertEquals(200, r.status());
        assertEquals(TAG, r.header("ETag"));
        assertEquals("etag body", r.text());
        assertNull(harness("").get("/app/").header("ETag"), "autotags is off by default");
        assertNull(get("/app/created").header("ETag"), "only for 200");
        assertEquals("\"abc\"", get("/app/tagged").header("ETag"), "a handler's ETag is kept");
    }

    @Test
    void aMatchingIfNoneMatchIs304ForGetAndHeadKeepingTheETag() {
        for (String value : new String[] {TAG, "\"x\", " + TAG, "*"}) {
            Harness.Result r = get("/app/", "If-None-Match: " + value);
            assertEquals(304, r.status(), value);
            assertEquals(TAG, r.header("ETag"));
            assertEquals(0, r.body().length);
            assertNull(r.header("Content-Type"));
        }
        assertEquals(304, harness("tools.etags.autotags = True\n").request("HEAD", "/app/", null,
                "If-None-Match: " + TAG).status());
        assertEquals(304, get("/app/tagged", "If-None-Match: \"abc\"").status());
        assertEquals(304, get("/app/created", "If-None-Match: *").status(), "any 2xx, even without an ETag");
        assertEquals(200, get("/app/", "If-None-Match: \"4fd7e0c4\"").status());
        assertEquals(200, get("/app/", "If-None-Match: ").status());
    }

    @Test
    void aMatchingIfNoneMatchIs412ForOtherMethods() {
        Harness.Result r = harness("tools.etags.autotags = True\n").request("POST", "/app/", new byte[0],
                "If-None-Match: " + TAG);
        assertEquals(412, r.status());
        assertEquals("If-None-Match failed: ETag '" + TAG + "' matched ['" + TAG + "']", message(r));
    }

    @Test
    void ifMatchWithoutTheETagIs412() {
        Harness.Result r = get("/app/", "If-Match: \"x\", \"y\"");
        assertEquals(412, r.status());
        assertEquals("If-Match failed: ETag '" + TAG + "' did not match ['\"y\"', '\"x\"']", message(r));
        assertEquals(412, get("/app/", "If-Match: W/" + TAG).status(), "weak tags do not match");
        assertEquals(200, get("/app/", "If-Match: *").status());
        assertEquals(200, get("/app/", "If-Match: " + TAG).status());
        assertEquals(200, get("/app/", "If-Match: ").status());
        Harness.Result none = harness("").get("/app/", "If-Match: \"x\"");
        assertEquals("If-Match failed: ETag None did not match ['\"x\"']", message(none), "no ETag at all");
    }

    @Test
    void theTagsAreListedAsCherryPyParsesThem() {
        // quoted commas stay in their tag, parameters are kept (names in lower case, values
        // unquoted), and the list is in descending order of the tags' values
        assertEquals("If-Match failed: ETag '" + TAG + "' did not match ['W/\"c\"', '\"a,b\"']",
                message(get("/app/", "If-Match: \"a,b\", W/\"c\"")));
        assertEquals("If-Match failed: ETag '" + TAG + "' did not match ['\"x\";v=1']",
                message(get("/app/", "If-Match: \"x\" ; V=\"1\"")));
        assertEquals("If-Match failed: ETag '" + TAG + "' did not match ['\"b\"', '\"a\";q=abc']",
                message(get("/app/", "If-Match: \"b\", \"a\";q=abc")), "no quality in If-Match");
        assertEquals(200, get("/app/", "If-None-Match: \"x\" ; V=\"1\", \"a,b\"").status());
        assertEquals("If-Match failed: ETag '" + TAG + "' did not match ['\"y\"', '\"x\"']",
                message(get("/app/", "If-Match: \"x\"", "If-Match: \"y\"")), "two lines are one list");
    }

    @Test
    void errorsIgnoreTheConditions() {
        assertEquals(404, get("/app/missing", "If-None-Match: *").status());
        assertEquals(404, get("/app/missing", "If-Match: \"zz\"").status());
    }

    @Test
    void lastModifiedIsNotValidatedByThisTool() {
        Harness.Result r = get("/app/lm", "If-Modified-Since: Tue, 15 Nov 1994 12:45:26 GMT");
        assertEquals(200, r.status(), "validate_since belongs to static serving and caching, not to etags");
        assertEquals("\"" + md5Hex("lm") + "\"", r.header("ETag"));
    }

    private static String md5Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
