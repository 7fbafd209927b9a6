package org.cerise.tool.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.encode.internal.EncodeTool;
import org.cerise.tool.staticfiles.Static;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Static} from handlers, with encode on (as by default). Expectations observed on
 * CherryPy 18.8 with the same handlers calling {@code serve_file}, {@code serve_download} and
 * {@code serve_fileobj}.
 */
class ServeFileTest {

    @TempDir
    static Path base;
    static Path pub;
    Harness h;

    /** The handlers. */
    public static class Files {
        @Expose
        public Object file(String name) {
            return Static.serveFile(pub.resolve(name));
        }

        @Expose
        public Object download(String name) {
            return Static.serveDownload(pub.resolve(name));
        }

        @Expose
        public Object named() {
            return Static.serveFile(pub.resolve("digits.txt"), "text/plain", "attachment", "na\u00efve file \u20ac.txt");
        }

        @Expose
        public Object fobj() throws IOException {
            return Static.serveFileobj(new FileInputStream(pub.resolve("digits.txt").toFile()), "text/plain", "inline",
                    "d.txt");
        }

        @Expose
        public Object stream() {
            return Static.serveFileobj(new java.io.ByteArrayInputStream("abc".getBytes()), "application/x-thing",
                    "attachment", null);
        }

        @Expose
        public Object rel() {
            return Static.serveFile(Path.of("public/digits.txt"));
        }

        @Expose
        public Object nul() {
            return Static.serveFile(pub + "/digits.txt\0", null, null, null);
        }
    }

    @BeforeEach
    void site() throws IOException {
        if (pub == null) {
            pub = Site.build(base);
        }
        h = Harness.of(new Files()).dispatcher("tree", new TreeDispatcher()).tool("encode", new EncodeTool()).mount("/");
    }

    @Test
    void textGetsEncodesCharsetAsInCherryPy() {
        Harness.Result r = h.get("/file?name=digits.txt");
        assertEquals(200, r.status());
        assertEquals("text/plain;charset=utf-8", r.header("Content-Type"));
        assertEquals(Site.DIGITS, r.text());
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("100", r.header("Content-Length"));
        assertEquals("text/css;charset=utf-8", h.get("/file?name=css/style.css").header("Content-Type"));
        assertEquals("image/png", h.get("/file?name=img.png").header("Content-Type"));
        assertEquals("text/html;charset=utf-8", h.get("/file?name=README").header("Content-Type"));
    }

    @Test
    void foldersAndMissingFilesAre404() {
        assertEquals(404, h.get("/file?name=sub").status());
        assertEquals(404, h.get("/file?name=nope").status());
        assertEquals(404, h.get("/nul").status());
        // observed on CherryPy 18.8: a relative path is the handler's error, a 500
        Harness.Result rel = h.get("/rel");
        assertEquals(500, rel.status());
        assertTrue(rel.text().contains("is not an absolute path"), rel.text());
    }

    @Test
    void rangesAndConditionalsFromHandlers() {
        Harness.Result r = h.get("/file?name=digits.txt", "Range: bytes=10-19");
        assertEquals(206, r.status());
        assertEquals("0123456789", r.text());
        assertEquals("bytes 10-19/100", r.header("Content-Range"));
        String lm = h.get("/file?name=digits.txt").header("Last-Modified");
        assertEquals(304, h.get("/file?name=digits.txt", "If-Modified-Since: " + lm).status());
    }

    @Test
    void downloads() {
        Harness.Result r = h.get("/download?name=digits.txt");
        assertEquals("application/x-download", r.header("Content-Type"));
        assertEquals("attachment; filename=\"digits.txt\"", r.header("Content-Disposition"));
        assertEquals(Site.DIGITS, r.text());
        assertEquals("attachment; filename=\"rsum.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
                h.get("/download?name=r%C3%A9sum%C3%A9.txt").header("Content-Disposition"));
        assertEquals("attachment; filename=\"nave file .txt\"; filename*=UTF-8''na%C3%AFve%20file%20%E2%82%AC.txt",
                h.get("/named").header("Content-Disposition"));
    }

    @Test
    void fileObjects() {
        Harness.Result r = h.get("/fobj");
        assertEquals("inline; filename=\"d.txt\"", r.header("Content-Disposition"));
        assertEquals("text/plain;charset=utf-8", r.header("Content-Type"));
        // CherryPy's encode reads a text file object into memory and sends its length; Cerise's
        // encode drops the Content-Length of a text/* body it does not re-encode, and a stream is
        // then sent chunked (a Path or byte[] body gets its length back at finalize)
        assertNull(r.header("Content-Length"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        // CherryPy's fstat gives a Last-Modified; a Java stream has no time
        assertNull(r.header("Last-Modified"));
        assertEquals(Site.DIGITS, r.text());
        Harness.Result part = h.get("/fobj", "Range: bytes=0-1,98-");
        assertEquals(206, part.status());
        assertTrue(part.text().contains("\r\n\r\n01\r\n") && part.text().contains("\r\n\r\n89\r\n"), part.text());
        Harness.Result s = h.get("/stream");
        assertEquals("attachment", s.header("Content-Disposition"));
        assertEquals("abc", s.text());
        assertNull(s.header("Accept-Ranges"));
    }
}
