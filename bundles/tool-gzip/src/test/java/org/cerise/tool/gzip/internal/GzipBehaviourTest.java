package org.cerise.tool.gzip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Response;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The gzip tool in the real pipeline. Expected answers observed on CherryPy 18.8 with
 * {@code mime_types = ['text/html', 'text/plain', 'application/*+xml']}: which
 * {@code Accept-Encoding} values compress, which leave the body alone and which are 406 (no
 * {@code Vary} on the 406 page), {@code Vary: Accept-Encoding} on every other answer including
 * 304 and empty bodies, error pages compressed, streamed bodies compressed chunked.
 */
class GzipBehaviourTest {

    static final String PAGE = "x".repeat(100);
    static final AtomicBoolean CLOSED = new AtomicBoolean();
    static final List<String> PRODUCED = new ArrayList<>();

    public static class Site {
        @Expose
        public String index() {
            return PAGE;
        }

        @Expose
        public String empty() {
            return "";
        }

        @Expose
        public byte[] rss(Response response) {
            response.setHeader("Content-Type", "application/rss+xml");
            return "y".repeat(50).getBytes(StandardCharsets.US_ASCII);
        }

        @Expose
        public String css(Response response) {
            response.setHeader("Content-Type", "text/css");
            return "z".repeat(50);
        }

        @Expose
        public String vary(Response response) {
            response.setHeader("Vary", "Cookie, Accept-Language");
            return PAGE;
        }

        @Expose
        @Config("response.stream = True")
        public Stream<String> streamed() {
            CLOSED.set(false);
            PRODUCED.clear();
            return Stream.of("a".repeat(30), "b".repeat(30)).peek(PRODUCED::add).onClose(() -> CLOSED.set(true));
        }

        @Expose
        @Config("response.stream = True")
        public InputStream file() {
            return new ByteArrayInputStream("f".repeat(20000).getBytes(StandardCharsets.US_ASCII));
        }

        @Expose
        public String notmod() {
            throw HttpRedirect.notModified();
        }

        @Expose
        public String err() {
            throw new HttpError(404, "nope");
        }
    }

    private static Harness harness() {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("gzip", new GzipTool())
                .config("[/]\ntools.gzip.on = True\n"
                        + "tools.gzip.mime_types = ['text/html', 'text/plain', 'application/*+xml']\n");
    }

    private static Harness.Result get(String path, String... headers) {
        return harness().get(path, headers);
    }

    static byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertGzipped(Harness.Result r, String expected) {
        assertEquals(200, r.status(), r::toString);
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertEquals(expected, new String(gunzip(r.body()), StandardCharsets.UTF_8));
    }

    private static void assertIdentity(Harness.Result r) {
        assertEquals(200, r.status(), r::toString);
        assertNull(r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertEquals(PAGE, r.text());
        assertEquals("100", r.header("Content-Length"));
    }

    @Test
    void gzipIsUsedWhenItIsTheMostPreferredCoding() {
        Harness.Result r = get("/app/", "Accept-Encoding: gzip");
        assertGzipped(r, PAGE);
        assertEquals(String.valueOf(r.body().length), r.header("Content-Length"));
        assertGzipped(get("/app/", "Accept-Encoding: x-gzip"), PAGE);
        assertGzipped(get("/app/", "Accept-Encoding: gzip, deflate"), PAGE);
        assertGzipped(get("/app/", "Accept-Encoding: identity;q=0.5, gzip;q=0.8"), PAGE);
        assertGzipped(get("/app/", "Accept-Encoding: gzip; q=0.5"), PAGE);
    }

    @Test
    void identityPreferredOrGzipRefusedLeavesTheBodyAlone() {
        assertIdentity(get("/app/"));
        assertIdentity(get("/app/", "Accept-Encoding: "));
        // equal qualities: "identity" sorts after "gzip" and CherryPy tries the greater text first
        assertIdentity(get("/app/", "Accept-Encoding: gzip, identity"));
        assertIdentity(get("/app/", "Accept-Encoding: gzip;q=0"));
    }

    @Test
    void noUsableCodingIs406WithoutVary() {
        for (String ae : List.of("deflate", "*", "GZIP", "identity;q=0, deflate")) {
            Harness.Result r = get("/app/", "Accept-Encoding: " + ae);
            assertEquals(406, r.status(), ae);
            assertTrue(r.text().contains("<p>identity, gzip</p>"), r::text);
            assertNull(r.header("Vary"), ae);
            assertNull(r.header("Content-Encoding"), ae);
        }
        assertEquals(406, get("/app/css", "Accept-Encoding: deflate").status(), "whatever the type");
    }

    @Test
    void emptyBodiesAndNotModifiedGetVaryOnly() {
        Harness.Result empty = get("/app/empty", "Accept-Encoding: deflate");
        assertEquals(200, empty.status(), "an empty body is never 406");
        assertEquals("Accept-Encoding", empty.header("Vary"));
        assertEquals("0", empty.header("Content-Length"));
        Harness.Result notModified = get("/app/notmod", "Accept-Encoding: gzip");
        assertEquals(304, notModified.status());
        assertEquals("Accept-Encoding", notModified.header("Vary"));
        assertNull(notModified.header("Content-Encoding"));
    }

    @Test
    void onlyTheConfiguredMediaTypesAreCompressed() {
        assertGzipped(get("/app/rss", "Accept-Encoding: gzip"), "y".repeat(50));
        Harness.Result css = get("/app/css", "Accept-Encoding: gzip");
        assertNull(css.header("Content-Encoding"));
        assertEquals("Accept-Encoding", css.header("Vary"));
        assertEquals("z".repeat(50), css.text());
    }

    @Test
    void theDefaultMimeTypesAreHtmlAndPlainText() {
        Harness h = Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("gzip", new GzipTool())
                .config("[/]\ntools.gzip.on = True\n");
        assertEquals("gzip", h.get("/app/", "Accept-Encoding: gzip").header("Content-Encoding"));
        assertNull(h.get("/app/rss", "Accept-Encoding: gzip").header("Content-Encoding"));
        Harness star = Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("gzip", new GzipTool())
                .config("[/]\ntools.gzip.on = True\ntools.gzip.mime_types = ['text/*']\n");
        assertEquals("gzip", star.get("/app/css", "Accept-Encoding: gzip").header("Content-Encoding"));
    }

    @Test
    void errorPagesAreCompressedToo() {
        Harness.Result r = get("/app/err", "Accept-Encoding: gzip");
        assertEquals(404, r.status());
        assertEquals("gzip", r.header("Content-Encoding"));
        assertTrue(new String(gunzip(r.body()), StandardCharsets.UTF_8).contains("<p>nope</p>"));
    }

    @Test
    void varyKeepsTheNamesAlreadyThere() {
        assertEquals("Cookie, Accept-Language, Accept-Encoding", get("/app/vary").header("Vary"));
    }

    @Test
    void streamedBodiesAreCompressedAsProducedWithoutALength() {
        Harness.Result r = get("/app/streamed", "Accept-Encoding: gzip");
        assertGzipped(r, "a".repeat(30) + "b".repeat(30));
        assertNull(r.header("Content-Length"));
        assertTrue(CLOSED.get(), "the handler's stream is closed");
        Harness.Result file = get("/app/file", "Accept-Encoding: gzip");
        assertGzipped(file, "f".repeat(20000));
    }

    @Test
    void eachStreamedChunkCanBeDecompressedAsSoonAsItIsSent() throws IOException {
        List<byte[]> sent = new ArrayList<>();
        try (Stream<byte[]> s = Gzip.compressing(List.of("first ".getBytes(StandardCharsets.US_ASCII),
                "second".getBytes(StandardCharsets.US_ASCII)).iterator(), 5, () -> { })) {
            s.forEach(sent::add);
        }
        assertEquals(4, sent.size(), "header, one block per chunk, end");
        byte[] firstTwo = new byte[sent.get(0).length + sent.get(1).length];
        System.arraycopy(sent.get(0), 0, firstTwo, 0, sent.get(0).length);
        System.arraycopy(sent.get(1), 0, firstTwo, sent.get(0).length, sent.get(1).length);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(firstTwo))) {
            assertArrayEquals("first ".getBytes(StandardCharsets.US_ASCII), in.readNBytes(6));
        }
    }

    @Test
    void theHeaderIsCherryPys() {
        byte[] best = Gzip.compress(new byte[10], 9);
        assertEquals(0x1f, best[0] & 0xff);
        assertEquals(0x8b, best[1] & 0xff);
        assertEquals(2, best[8], "XFL: maximum compression");
        assertEquals((byte) 0xff, best[9], "OS: unknown");
        assertEquals(4, Gzip.compress(new byte[10], 1)[8]);
        assertEquals(0, Gzip.compress(new byte[10], 5)[8]);
        long mtime = (best[4] & 0xff) | (best[5] & 0xff) << 8 | (best[6] & 0xff) << 16 | (long) (best[7] & 0xff) << 24;
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - mtime) < 60, "MTIME is now");
    }

    /** CherryPy answers 500 here (see the README); the 400 is its message before that. */
    @Test
    void aMalformedQualityIs400() {
        Harness.Result r = get("/app/", "Accept-Encoding: gzip;q=abc");
        assertEquals(400, r.status());
        assertTrue(r.text().contains("Malformed HTTP header: `gzip;q=abc`"), r::text);
        assertEquals(400, get("/app/", "Accept-Encoding: identity;q=abc").status());
        assertEquals(400, get("/app/", "Accept-Encoding: gzip, deflate;q=abc").status(), "sorting reads it");
    }

    /** Observed on CherryPy 18.8: the quality of a lone coding that is neither gzip nor identity is never read. */
    @Test
    void aMalformedQualityThatIsNeverReadIsNoError() {
        Harness.Result r = get("/app/", "Accept-Encoding: deflate;q=abc");
        assertEquals(406, r.status());
        assertTrue(r.text().contains("<p>identity, gzip</p>"), r::text);
    }
}
