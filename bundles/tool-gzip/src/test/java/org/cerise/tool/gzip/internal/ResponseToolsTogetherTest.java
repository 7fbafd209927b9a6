package org.cerise.tool.gzip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.encode.internal.EncodeTool;
import org.cerise.tool.etags.internal.EtagsTool;
import org.junit.jupiter.api.Test;

/**
 * encode (before_handler 70), etags (before_finalize 75) and gzip (80) on one response, in
 * CherryPy's order: the text is encoded in the negotiated charset, the ETag is the MD5 of those
 * bytes before compression, then they are compressed.
 */
class ResponseToolsTogetherTest {

    public static class Site {
        @Expose
        public String index() {
            return "h\u00e9llo ".repeat(20);
        }

        @Expose
        @Config("response.stream = True")
        public Stream<String> streamed() {
            return Stream.of("\u00e9t\u00e9 ", "hiver");
        }
    }

    private static Harness harness() {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("encode", new EncodeTool())
                .tool("etags", new EtagsTool()).tool("gzip", new GzipTool())
                .config("[/]\ntools.encode.on = True\ntools.etags.on = True\ntools.etags.autotags = True\n"
                        + "tools.gzip.on = True\n");
    }

    @Test
    void encodedThenTaggedThenCompressed() throws Exception {
        byte[] latin = "h\u00e9llo ".repeat(20).getBytes(StandardCharsets.ISO_8859_1);
        String tag = '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(latin)) + '"';
        Harness.Result r = harness().get("/app/", "Accept-Encoding: gzip", "Accept-Charset: iso-8859-1");
        assertEquals(200, r.status());
        assertEquals("text/html;charset=iso-8859-1", r.header("Content-Type"));
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals(tag, r.header("ETag"));
        assertArrayEquals(latin, GzipBehaviourTest.gunzip(r.body()));
        assertEquals(String.valueOf(r.body().length), r.header("Content-Length"));

        Harness.Result again = harness().get("/app/", "Accept-Encoding: gzip", "Accept-Charset: iso-8859-1",
                "If-None-Match: " + tag);
        assertEquals(304, again.status());
        assertEquals("Accept-Encoding", again.header("Vary"));
        assertNull(again.header("Content-Encoding"));
        assertEquals(0, again.body().length);
    }

    @Test
    void aStreamIsEncodedTaggedAndCompressed() throws Exception {
        byte[] latin = "\u00e9t\u00e9 hiver".getBytes(StandardCharsets.ISO_8859_1);
        Harness.Result r = harness().get("/app/streamed", "Accept-Encoding: gzip", "Accept-Charset: iso-8859-1");
        assertEquals("text/html;charset=iso-8859-1", r.header("Content-Type"));
        assertNull(r.header("Content-Length"));
        // autotags reads the whole stream to hash it, as CherryPy's collapse_body() does
        assertEquals('"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(latin)) + '"',
                r.header("ETag"));
        assertArrayEquals(latin, GzipBehaviourTest.gunzip(r.body()));
    }
}
