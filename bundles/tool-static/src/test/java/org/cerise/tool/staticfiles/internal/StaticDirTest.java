package org.cerise.tool.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.encode.internal.EncodeTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools.staticdir} through the real pipeline, against a real folder. Every expectation was
 * observed on CherryPy 18.8 (a test app with the same files, asked with curl and raw sockets),
 * except where a comment says Cerise is deliberately safer.
 */
class StaticDirTest {

    @TempDir
    Path base;
    Path pub;
    Harness h;

    @BeforeEach
    void site() throws IOException {
        pub = Site.build(base);
        h = Harness.of(new Site.Root()).dispatcher("tree", new TreeDispatcher()).tool("staticdir", new StaticDirTool())
                .tool("encode", new EncodeTool()).mount("/")
                .config("[/]\ntools.staticdir.root = '" + base + "'\n"
                        + "[/static]\ntools.staticdir.on = True\ntools.staticdir.dir = 'public'\n"
                        + "tools.staticdir.index = 'index.html'\n");
    }

    @Test
    void servesAFileWithCherryPysHeaders() throws IOException {
        Harness.Result r = h.get("/static/css/style.css");
        assertEquals(200, r.status());
        assertEquals("body { color: red; }\n", r.text());
        // observed on CherryPy 18.8: no charset (the handler is gone, so encode leaves it alone)
        assertEquals("text/css", r.header("Content-Type"));
        assertEquals(HttpDate.format(Files.getLastModifiedTime(pub.resolve("css/style.css")).toMillis()),
                r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("21", r.header("Content-Length"));
    }

    @Test
    void contentTypesAsPythonsMimetypes() {
        // observed on CherryPy 18.8 (Python 3.11 with Debian's /etc/mime.types)
        assertEquals("text/html", h.get("/static/index.html").header("Content-Type"));
        assertEquals("text/javascript", h.get("/static/app.js").header("Content-Type"));
        assertEquals("image/png", h.get("/static/img.png").header("Content-Type"));
        assertEquals("text/plain", h.get("/static/digits.txt").header("Content-Type"));
        // no extension: the response's default type stays, without charset
        Harness.Result readme = h.get("/static/README");
        assertEquals("text/html", readme.header("Content-Type"));
        assertEquals("noext\n", readme.text());
        assertEquals("text/plain", h.get("/static/r%C3%A9sum%C3%A9.txt").header("Content-Type"));
        assertEquals("x", h.get("/static/r%C3%A9sum%C3%A9.txt").text());
    }

    @Test
    void indexForFolders() {
        assertEquals("<html><body>hi</body></html>\n", h.get("/static/").text());
        assertEquals("<html><body>hi</body></html>\n", h.get("/static").text());
        assertEquals("sub index\n", h.get("/static/sub/").text());
        // observed on CherryPy 18.8: no redirect to the slash, the index is served
        Harness.Result noSlash = h.get("/static/sub");
        assertEquals(200, noSlash.status());
        assertEquals("sub index\n", noSlash.text());
    }

    @Test
    void withoutIndexAFolderFallsThrough() {
        h.config("[/]\ntools.staticdir.root = '" + base + "'\n[/static]\ntools.staticdir.on = True\n"
                + "tools.staticdir.dir = 'public'\n");
        assertEquals("default:static/sub", h.get("/static/sub").text());
        assertEquals("default:static", h.get("/static/").text());
    }

    @Test
    void missingFilesAndOtherMethodsFallThroughToTheHandlers() {
        Harness.Result missing = h.get("/static/nonexist.txt");
        assertEquals(200, missing.status());
        assertEquals("default:static/nonexist.txt", missing.text());
        assertEquals("text/html;charset=utf-8", missing.header("Content-Type"));
        assertEquals("default:static/digits.txt", h.request("POST", "/static/digits.txt", new byte[0]).text());
        assertEquals("default:static/digits.txt", h.request("PUT", "/static/digits.txt", new byte[0]).text());
    }

    @Test
    void headHasTheFilesLengthAndNoBody() {
        Harness.Result r = h.request("HEAD", "/static/digits.txt", null);
        assertEquals(200, r.status());
        assertEquals("100", r.header("Content-Length"));
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals(0, r.body().length);
    }

    @Test
    void conditionalGet() {
        String lm = h.get("/static/digits.txt").header("Last-Modified");
        Harness.Result same = h.get("/static/digits.txt", "If-Modified-Since: " + lm);
        assertEquals(304, same.status());
        assertEquals(0, same.body().length);
        assertNull(same.header("Content-Length"));
        assertEquals(304, h.request("HEAD", "/static/digits.txt", null, "If-Modified-Since: " + lm).status());
        // string equality, as CherryPy: another date, even a later one, is a 200
        assertEquals(200, h.get("/static/digits.txt", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT").status());
        assertEquals(200, h.get("/static/digits.txt", "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT").status());
        Harness.Result other = h.get("/static/digits.txt", "If-Unmodified-Since: Sat, 01 Jan 2000 00:00:00 GMT");
        assertEquals(412, other.status());
        assertFalse(other.text().contains(Site.DIGITS));
        assertEquals(200, h.get("/static/digits.txt", "If-Unmodified-Since: " + lm).status());
    }

    @Test
    void singleRanges() {
        assertRange("bytes=0-9", 206, "bytes 0-9/100", "0123456789");
        assertRange("bytes=90-", 206, "bytes 90-99/100", "0123456789");
        assertRange("bytes=-5", 206, "bytes 95-99/100", "56789");
        assertRange("bytes=-500", 206, "bytes 0-99/100", Site.DIGITS);
        assertRange("bytes=95-200", 206, "bytes 95-99/100", "56789");
        // ranges that start past the end are dropped; one good one is left
        assertRange("bytes=200-300,0-1", 206, "bytes 0-1/100", "01");
        assertRange("bytes=0-1,100-200", 206, "bytes 0-1/100", "01");
        // the unit is not checked, as in CherryPy
        assertRange("items=0-1", 206, "bytes 0-1/100", "01");
        // reversed: the whole file
        assertRange("bytes=5-2", 200, null, Site.DIGITS);
        // CherryPy answers 500 to a Range it cannot parse; Cerise ignores it (RFC 9110 14.2)
        assertRange("bytes=abc", 200, null, Site.DIGITS);
        assertRange("foo", 200, null, Site.DIGITS);
    }

    private void assertRange(String range, int status, String contentRange, String body) {
        Harness.Result r = h.get("/static/digits.txt", "Range: " + range);
        assertEquals(status, r.status(), range);
        assertEquals(contentRange, r.header("Content-Range"), range);
        assertEquals(body, r.text(), range);
        assertEquals(String.valueOf(body.length()), r.header("Content-Length"), range);
        assertEquals("text/plain", r.header("Content-Type"), range);
    }

    @Test
    void unsatisfiableRangeIs416WithTheLength() {
        Harness.Result r = h.get("/static/digits.txt", "Range: bytes=100-");
        assertEquals(416, r.status());
        assertEquals("bytes */100", r.header("Content-Range"));
        assertTrue(r.text().contains("Invalid Range (first-byte-pos greater than Content-Length)"), r.text());
    }

    @Test
    void severalRangesAreMultipart() {
        Harness.Result r = h.get("/static/digits.txt", "Range: bytes=0-1,5-6");
        assertEquals(206, r.status());
        String ct = r.header("Content-Type");
        assertTrue(ct.matches("multipart/byteranges; boundary================\\d{19}=="), ct);
        String b = ct.substring(ct.indexOf("boundary=") + "boundary=".length());
        String expected = "\r\n--" + b + "\r\nContent-type: text/plain\r\nContent-range: bytes 0-1/100\r\n\r\n01\r\n"
                + "--" + b + "\r\nContent-type: text/plain\r\nContent-range: bytes 5-6/100\r\n\r\n56\r\n--" + b + "--\r\n";
        assertEquals(expected, r.text());
        assertEquals(String.valueOf(expected.length()), r.header("Content-Length"));
        assertNull(r.header("Content-Range"));
    }

    @Test
    void http10HasNoRanges() {
        h.protocol("HTTP/1.0");
        Harness.Result r = h.get("/static/digits.txt", "Range: bytes=0-9");
        assertEquals(200, r.status());
        assertNull(r.header("Accept-Ranges"));
        assertEquals(Site.DIGITS, r.text());
    }

    @Test
    void matchAndContentTypes() {
        h.config("[/p]\ntools.staticdir.on = True\ntools.staticdir.dir = '" + pub + "'\n"
                + "tools.staticdir.match = r'\\.(css|txt)$'\ntools.staticdir.content_types = {'txt': 'text/x-custom'}\n");
        Harness.Result txt = h.get("/p/digits.txt");
        assertEquals("text/x-custom", txt.header("Content-Type"));
        assertEquals(Site.DIGITS, txt.text());
        assertEquals("text/css", h.get("/p/css/style.css").header("Content-Type"));
        assertEquals("default:p/app.js", h.get("/p/app.js").text());
    }

    @Test
    void aChangedFileIsServedAnew() throws IOException, InterruptedException {
        assertEquals(Site.DIGITS, h.get("/static/digits.txt").text());
        Path f = pub.resolve("digits.txt");
        Site.write(f, "changed");
        // even with the same time, the size tells
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis()));
        assertEquals("changed", h.get("/static/digits.txt").text());
        Site.write(f, "CHANGED");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Harness.Result r = h.get("/static/digits.txt");
        assertEquals("CHANGED", r.text());
        assertEquals(HttpDate.format(Files.getLastModifiedTime(f).toMillis()), r.header("Last-Modified"));
        Files.delete(f);
        assertEquals("default:static/digits.txt", h.get("/static/digits.txt").text());
    }

    @Test
    void largeFilesAreSentFromDiskWithRanges() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(pub.resolve("big.bin"), big);
        Harness.Result r = h.get("/static/big.bin");
        assertArrayEquals(big, r.body());
        assertEquals("200000", r.header("Content-Length"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
        Harness.Result part = h.get("/static/big.bin", "Range: bytes=100000-100009");
        assertEquals(206, part.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(big, 100000, 100010), part.body());
        Harness.Result multi = h.get("/static/big.bin", "Range: bytes=0-2,199998-");
        assertEquals(206, multi.status());
        assertEquals(multi.header("Content-Length"), String.valueOf(multi.body().length));
    }

    @Test
    void percentSignsInNames() {
        assertEquals("percent", h.get("/static/100%25.txt").text());
    }

    @Test
    void innerDotDotStaysInside() {
        // observed on CherryPy 18.8: css/../css/style.css and css/%2e%2e/digits.txt are served
        assertEquals("body { color: red; }\n", h.get("/static/css/../css/style.css").text());
        assertEquals(Site.DIGITS, h.get("/static/css/%2e%2e/digits.txt").text());
        assertEquals(Site.DIGITS, h.get("/static/inner-link.txt").text(), "a link inside the folder is served");
    }
}
