package org.cerise.tool.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.encode.internal.EncodeTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools.staticfile}, files from the app's own bundle ({@code bundle:}; in the harness the
 * test class path's {@code public/} folder stands for the bundle's), and config errors.
 */
class StaticFileAndBundleTest {

    @TempDir
    Path base;
    Path pub;
    Harness h;

    @BeforeEach
    void site() throws IOException {
        pub = Site.build(base);
        h = Harness.of(new Site.Root()).dispatcher("tree", new TreeDispatcher()).tool("staticdir", new StaticDirTool())
                .tool("staticfile", new StaticFileTool()).tool("encode", new EncodeTool()).mount("/");
    }

    @Test
    void staticfileServesOneFile() {
        h.config("[/style.css]\ntools.staticfile.on = True\ntools.staticfile.filename = '" + pub.resolve("css/style.css")
                + "'\n");
        Harness.Result r = h.get("/style.css");
        assertEquals(200, r.status());
        assertEquals("text/css", r.header("Content-Type"));
        assertEquals("body { color: red; }\n", r.text());
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("body", h.get("/style.css", "Range: bytes=0-3").text());
        assertEquals("default:style.css", h.request("POST", "/style.css", new byte[0]).text());
    }

    @Test
    void staticfileWithRootAndAMissingFile() {
        h.config("[/]\ntools.staticfile.root = '" + pub + "'\n[/fav.ico]\ntools.staticfile.on = True\n"
                + "tools.staticfile.filename = 'img.png'\n[/gone]\ntools.staticfile.on = True\n"
                + "tools.staticfile.filename = 'gone.png'\n");
        assertEquals("image/png", h.get("/fav.ico").header("Content-Type"));
        assertEquals("default:gone", h.get("/gone").text());
    }

    @Test
    void bundleFolderByDir() {
        h.config("[/static]\ntools.staticdir.on = True\ntools.staticdir.dir = 'bundle:/public'\n"
                + "tools.staticdir.index = 'index.html'\n");
        assertBundle();
    }

    @Test
    void bundleFolderByRoot() {
        // tutorial 8's config with root = 'bundle:' instead of os.getcwd()
        h.config("[/]\ntools.staticdir.root = 'bundle:'\n[/static]\ntools.staticdir.on = True\n"
                + "tools.staticdir.dir = './public'\ntools.staticdir.index = 'index.html'\n");
        assertBundle();
    }

    private void assertBundle() {
        Harness.Result css = h.get("/static/css/site.css");
        assertEquals(200, css.status());
        assertEquals("text/css", css.header("Content-Type"));
        assertEquals("h1 { color: teal; }\n", css.text());
        assertNotNull(css.header("Last-Modified"));
        assertEquals(304, h.get("/static/css/site.css", "If-Modified-Since: " + css.header("Last-Modified")).status());
        assertEquals("<html><body>bundled index</body></html>\n", h.get("/static/").text());
        assertEquals("bundled docs index\n", h.get("/static/docs").text());
        assertEquals("bundled docs index\n", h.get("/static/docs/").text());
        assertEquals("default:static/css", h.get("/static/css").text(), "a folder without index falls through");
        assertEquals("default:static/nope.css", h.get("/static/nope.css").text());
        // the bundle's other entries are not the folder's
        assertEquals(403, h.get("/static/../private.txt").status());
        assertEquals(403, h.get("/static/%2e%2e/private.txt").status());
        // an entry too large for the cache: streamed, by ranges too
        byte[] big = h.get("/static/big.bin").body();
        assertEquals(102400, big.length);
        assertEquals(0x10, big[0x10] & 0xff);
        Harness.Result part = h.get("/static/big.bin", "Range: bytes=256-259");
        assertEquals(206, part.status());
        assertArrayEquals(new byte[] {0, 1, 2, 3}, part.body());
        assertEquals("bytes 256-259/102400", part.header("Content-Range"));
    }

    @Test
    void staticfileFromTheBundle() {
        h.config("[/favicon.css]\ntools.staticfile.on = True\ntools.staticfile.filename = 'bundle:/public/css/site.css'\n");
        assertEquals("h1 { color: teal; }\n", h.get("/favicon.css").text());
    }

    @Test
    void harnessEntriesFromAFolder() {
        // a test may point the app's "bundle" at any folder
        h.appEntries(name -> {
            java.io.File f = base.resolve(name).toFile();
            try {
                return f.exists() ? f.toURI().toURL() : null;
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).config("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = 'bundle:/public'\n");
        assertEquals(Site.DIGITS, h.get("/s/digits.txt").text());
    }

    private String mountError(String config) {
        h.config(config);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.get("/"));
        return e.getMessage();
    }

    @Test
    void badConfigKeepsTheAppFromMounting() {
        String m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = 'public'\n");
        assertTrue(m.contains("tools.staticdir.dir") && m.contains("'public'") && m.contains("relative"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\n");
        assertTrue(m.contains("tools.staticdir.dir"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = '/tmp'\ntools.staticdir.match = '(['\n");
        assertTrue(m.contains("tools.staticdir.match") && m.contains("regular expression"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = '/tmp'\n"
                + "tools.staticdir.content_types = 'text/plain'\n");
        assertTrue(m.contains("tools.staticdir.content_types"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = '/tmp'\ntools.staticdir.indx = 'a'\n");
        assertTrue(m.contains("tools.staticdir.indx"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = 'public'\ntools.staticdir.root = 'rel'\n");
        assertTrue(m.contains("tools.staticdir.root") && m.contains("absolute"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = 'bundle:/../etc'\n");
        assertTrue(m.contains("tools.staticdir.dir") && m.contains("inside the app's bundle"), m);
        // CherryPy fails each request with a 500 here; Cerise refuses to mount
        m = mountError("[/f]\ntools.staticfile.on = True\ntools.staticfile.filename = 'img.png'\n");
        assertTrue(m.contains("tools.staticfile.filename") && m.contains("relative"), m);
        m = mountError("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = '/tmp'\n"
                + "tools.staticdir.cache_max_size = -1\n");
        assertTrue(m.contains("tools.staticdir.cache_max_size"), m);
    }

    @Test
    void cacheSettings() throws IOException {
        // no caching at all still serves, from disk
        h.config("[/s]\ntools.staticdir.on = True\ntools.staticdir.dir = '" + pub + "'\n"
                + "tools.staticdir.cache_max_size = 0\ntools.staticdir.cache_max_file_size = 0\n");
        assertEquals(Site.DIGITS, h.get("/s/digits.txt").text());
        assertEquals("56789", h.get("/s/digits.txt", "Range: bytes=-5").text());
        FileCache cache = new FileCache(1000);
        try (InputStream ignored = InputStream.nullInputStream()) {
            StaticFile small = StaticFile.disk(pub.resolve("digits.txt"),
                    java.nio.file.Files.readAttributes(pub.resolve("digits.txt"),
                            java.nio.file.attribute.BasicFileAttributes.class), "text/plain", 1000);
            for (int i = 0; i < 10; i++) {
                cache.put("f" + i, small);
            }
            assertTrue(cache.used() <= 1000, "bounded: " + cache.used());
            assertTrue(cache.size() >= 1 && cache.size() <= 2, "entries: " + cache.size());
        }
    }
}
