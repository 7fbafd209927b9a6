package org.cerise.tool.caching.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.encode.internal.EncodeTool;
import org.cerise.tool.gzip.internal.GzipTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * caching (before_handler 90, tee at before_finalize 100) with gzip (before_finalize 80): the
 * cache stores what gzip made of the first answer, and gzip leaves a cached answer alone
 * ({@code request.cached}), so it is not compressed twice. Observed on CherryPy 18.8 with
 * {@code tools.caching.on} and {@code tools.gzip.on}: the second {@code Accept-Encoding: gzip}
 * request gets the first one's compressed body, {@code Content-Encoding: gzip},
 * {@code Vary: Accept-Encoding} and {@code Age}; a request without {@code Accept-Encoding} is
 * another variant, computed once and then cached uncompressed.
 */
class CachingWithGzipTest {

    public static class Site {
        final AtomicInteger calls = new AtomicInteger();

        @Expose
        public String page() {
            return ("page " + calls.incrementAndGet() + " ").repeat(20);
        }
    }

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final CachingTool tool = new CachingTool(clock::get, false);
    private final Site site = new Site();

    @AfterEach
    void stop() {
        tool.deactivate();
    }

    private static byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCachedAnswerIsServedAsStoredAndNotCompressedAgain() {
        Harness h = Harness.of(site).dispatcher("tree", new TreeDispatcher()).tool("caching", tool)
                .tool("encode", new EncodeTool()).tool("gzip", new GzipTool())
                .config("[/]\ntools.caching.on = True\ntools.gzip.on = True\n");
        byte[] page = "page 1 ".repeat(20).getBytes(StandardCharsets.UTF_8);

        Harness.Result first = h.get("/app/page", "Accept-Encoding: gzip");
        assertEquals("gzip", first.header("Content-Encoding"));
        assertEquals("Accept-Encoding", first.header("Vary"));
        assertArrayEquals(page, gunzip(first.body()));

        clock.addAndGet(2000);
        Harness.Result hit = h.get("/app/page", "Accept-Encoding: gzip");
        assertEquals(200, hit.status());
        assertEquals("2", hit.header("Age"));
        assertEquals("gzip", hit.header("Content-Encoding"));
        assertEquals("Accept-Encoding", hit.header("Vary"));
        assertArrayEquals(first.body(), hit.body(), "the stored bytes, compressed once");
        assertArrayEquals(page, gunzip(hit.body()));
        assertEquals(String.valueOf(hit.body().length), hit.header("Content-Length"));
        assertEquals(1, site.calls.get());

        Harness.Result plain = h.get("/app/page");
        assertNull(plain.header("Content-Encoding"));
        assertEquals("page 2 ".repeat(20), plain.text(), "another variant of the URL");
        Harness.Result plainHit = h.get("/app/page");
        assertNull(plainHit.header("Content-Encoding"));
        assertEquals("page 2 ".repeat(20), plainHit.text());
        assertEquals("0", plainHit.header("Age"));
        assertEquals(2, site.calls.get());
    }
}
