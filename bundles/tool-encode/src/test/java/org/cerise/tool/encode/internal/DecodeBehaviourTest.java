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
 * encoding appended.
 */
class DecodeBehaviourTest {

    public static class Site {
        @Expose
        public String index(String x) {
            return x;
        }
    }

    private static Harness.Result post(String config, String body) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("decode", new DecodeTool())
                .config(config).request("POST", "/app/", body.getBytes(StandardCharsets.US_ASCII),
                        "Content-Type: application/x-www-form-urlencoded");
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
}
