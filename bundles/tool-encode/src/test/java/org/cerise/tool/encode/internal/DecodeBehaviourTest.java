package org.cerise.tool.encode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The decode tool in the real pipeline: which charsets decode a urlencoded body. Observed on
 * CherryPy 18.8: {@code x=%E9} is 400 without the tool (UTF-8 only), {@code 'щ'} with
 * {@code default_encoding = ['iso-8859-5']} (UTF-8 first, then ISO-8859-5), {@code 'é'} with
 * {@code encoding = 'iso-8859-1'}, and {@code x=%C3%A9} still {@code 'é'} with the default
 * encoding appended. The 400 messages were observed there too, with the same bodies and
 * Content-Types.
 */
class DecodeBehaviourTest {

    public static class Site {
        @Expose
        public String index(String x) {
            return x;
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String UTF8 = FORM + "; charset=utf-8";
    private static final String UTF16 = FORM + "; charset=utf-16";

    private static Harness.Result post(String config, String body) {
        return post(config, body, FORM);
    }

    private static Harness.Result post(String config, String body, String contentType) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("decode", new DecodeTool())
                .config(config).request("POST", "/app/", body.getBytes(StandardCharsets.US_ASCII),
                        "Content-Type: " + contentType);
    }

    private static String message(Harness.Result r) {
        String page = r.text();
        int start = page.indexOf("<p>") + 3;
        return page.substring(start, page.indexOf("</p>", start));
    }

    private static String tried(String list) {
        return "The request entity could not be decoded. The following charsets were attempted: " + list;
    }

    @Test
    void utf8AloneCannotDecodeLatinBytes() {
        assertEquals(400, post("", "x=%E9").status());
        assertEquals(400, post("[/]\ntools.decode.on = True\n", "x=%E9").status(), "default_encoding utf-8 appended");
    }

    @Test
    void theDefaultEncodingIsTriedAfterTheRequestsCharsets() {
        String config = "[/]\ntools.decode.on = True\ntools.decode.default_encoding = ['iso-8859-5']\n";
        assertEquals("\u0449", post(config, "x=%E9").text());
        assertEquals("\u00e9", post(config, "x=%C3%A9").text());
    }

    @Test
    void anEncodingReplacesTheCharsetsTried() {
        String config = "[/]\ntools.decode.on = True\ntools.decode.encoding = 'iso-8859-1'\n";
        assertEquals("\u00e9", post(config, "x=%E9").text());
        assertEquals("\u00c3\u00a9", post(config, "x=%C3%A9").text(), "UTF-8 is no longer tried");
    }

    @Test
    void theDefaultEncodingIsAppendedToWhatTheRequestAlreadyTries() {
        String on = "[/]\ntools.decode.on = True\n";
        assertEquals(tried("['utf-8']"), message(post("", "x=%E9")), "without the tool");
        assertEquals(tried("['utf-16', 'utf-8']"), message(post("", "x=%E9", UTF16)), "without the tool");
        assertEquals(tried("['utf-8', 'utf-8']"), message(post(on, "x=%E9")));
        assertEquals(tried("['utf-8', 'utf-8']"), message(post(on, "x=%E9", UTF8)));
        assertEquals(tried("['utf-16', 'utf-8', 'utf-8']"), message(post(on, "x=%E9", UTF16)));
        String utf16 = on + "tools.decode.default_encoding = 'utf-16'\n";
        assertEquals(tried("['utf-8', 'utf-16']"), message(post(utf16, "x=%E9")));
        assertEquals(tried("['utf-8', 'utf-16']"), message(post(utf16, "x=%E9", UTF8)));
        String none = on + "tools.decode.default_encoding = None\n";
        assertEquals(tried("['utf-8']"), message(post(none, "x=%E9")));
        assertEquals(tried("['utf-16', 'utf-8']"), message(post(none, "x=%E9", UTF16)));
    }

    @Test
    void anEncodingIsTriedAloneEvenWhenTheContentTypeNamesAnother() {
        String latin = "[/]\ntools.decode.on = True\ntools.decode.encoding = 'iso-8859-1'\n";
        assertEquals("\u00c3\u00a9", post(latin, "x=%C3%A9", UTF8).text());
        assertEquals("\u00c3\u00a9", post(latin, "x=%C3%A9", UTF16).text());
        assertEquals("A", post("", "x=%41", UTF8).text());
        Harness.Result r = post("[/]\ntools.decode.on = True\ntools.decode.encoding = 'utf-16'\n", "x=%41", UTF8);
        assertEquals(400, r.status(), "one byte is no UTF-16, and UTF-8 is not tried");
        assertEquals(tried("['utf-16']"), message(r));
    }
}
