package org.cerise.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The static tools in the real container over real HTTP: a test app bundle serves its own
 * {@code public/} folder ({@code bundle:}), a folder on disk, one file with {@code staticfile},
 * and a download from a handler; a traversal test sends every escape form as raw bytes against
 * a folder with a secret file beside it. Expectations were observed on CherryPy 18.8 with the
 * same files, except the escapes CherryPy lets through (a symbolic link out, the sibling
 * {@code public2}), which Cerise refuses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StaticIT extends CeriseTestSupport {

    private static final Class<?> APP = org.cerise.itests.apps.statics.StaticApp.class;
    private static final String SECRET = "SECRET-TOKEN-4c1d";
    private static final String DIGITS = "0123456789".repeat(10);

    private Path base;
    private Bundle app;

    @Before
    public void install() throws Exception {
        base = Files.createTempDirectory("cerise-static-it").toRealPath();
        Path pub = Files.createDirectories(base.resolve("public"));
        Files.createDirectories(pub.resolve("css"));
        write(pub.resolve("css/style.css"), "body { color: red; }\n");
        write(pub.resolve("index.html"), "<html><body>hi</body></html>\n");
        write(pub.resolve("app.js"), "console.log(1);\n");
        Files.write(pub.resolve("img.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'x', 'x'});
        write(pub.resolve("digits.txt"), DIGITS);
        write(base.resolve("secret.txt"), SECRET + "\n");
        Files.createDirectories(base.resolve("public2"));
        write(base.resolve("public2/p2.txt"), SECRET + " in public2\n");
        Files.createSymbolicLink(pub.resolve("link.txt"), Path.of("../secret.txt"));

        String conf = "[/]\ntools.staticdir.root = 'bundle:'\n"
                + "[/static]\ntools.staticdir.on = True\ntools.staticdir.dir = './public'\n"
                + "tools.staticdir.index = 'index.html'\n"
                + "[/disk]\ntools.staticdir.on = True\ntools.staticdir.dir = '" + pub + "'\n"
                + "tools.staticdir.index = 'index.html'\n"
                + "[/favicon.ico]\ntools.staticfile.on = True\ntools.staticfile.filename = 'bundle:/public/favicon.ico'\n";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("static.conf", conf.getBytes(StandardCharsets.UTF_8));
        entries.put("public/", new byte[0]);
        entries.put("public/css/", new byte[0]);
        entries.put("public/index.html", "<html><body>bundled</body></html>\n".getBytes(StandardCharsets.UTF_8));
        entries.put("public/css/site.css", "h1 { color: teal; }\n".getBytes(StandardCharsets.UTF_8));
        entries.put("public/favicon.ico", new byte[] {0, 0, 1, 0, 1, 0});
        entries.put("private.txt", (SECRET + " in the bundle\n").getBytes(StandardCharsets.UTF_8));
        try (InputStream jar = AppBundles.jar("org.cerise.itests.statics", "1.0.0", APP, "/files",
                Map.of("Cerise-Test-Config", "/static.conf", "Import-Package",
                        "org.cerise.api;version=\"[1.0,2)\",org.cerise.tool.staticfiles;version=\"[1.0,2)\","
                                + "org.osgi.framework;version=\"[1.8,2)\""),
                entries)) {
            app = context().installBundle("itest:statics", jar);
        }
        app.start();
        await("/files/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
    }

    @After
    public void uninstall() throws Exception {
        if (app != null) {
            app.uninstall();
        }
        try (var walk = Files.walk(base)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(url(path)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    public void theAppsOwnBundleFolder() throws Exception {
        HttpResponse<String> css = get("/files/static/css/site.css");
        assertEquals(200, css.statusCode());
        assertEquals("h1 { color: teal; }\n", css.body());
        assertEquals("text/css", header(css, "Content-Type"));
        assertEquals("bytes", header(css, "Accept-Ranges"));
        String lm = header(css, "Last-Modified");
        assertNotNull(lm);
        assertEquals(304, get("/files/static/css/site.css", "If-Modified-Since", lm).statusCode());
        assertEquals("<html><body>bundled</body></html>\n", get("/files/static/").body());
        // a folder without index, and a missing file, fall through to the handlers: none here
        assertEquals(404, get("/files/static/css").statusCode());
        assertEquals(404, get("/files/static/nope.css").statusCode());
        HttpResponse<byte[]> ico = client.send(HttpRequest.newBuilder(java.net.URI.create(url("/files/favicon.ico")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/x-icon", header(ico, "Content-Type"));
        assertArrayEquals(new byte[] {0, 0, 1, 0, 1, 0}, ico.body());
    }

    @Test
    public void aFolderOnDiskAsCherryPyServesIt() throws Exception {
        // Content-Types observed on CherryPy 18.8: no charset on static files
        assertEquals("text/css", header(get("/files/disk/css/style.css"), "Content-Type"));
        assertEquals("text/html", header(get("/files/disk/index.html"), "Content-Type"));
        assertEquals("text/javascript", header(get("/files/disk/app.js"), "Content-Type"));
        assertEquals("image/png", header(get("/files/disk/img.png"), "Content-Type"));
        HttpResponse<String> txt = get("/files/disk/digits.txt");
        assertEquals("text/plain", header(txt, "Content-Type"));
        assertEquals("100", header(txt, "Content-Length"));
        assertEquals(DIGITS, txt.body());
        assertEquals("<html><body>hi</body></html>\n", get("/files/disk/").body());

        String lm = header(txt, "Last-Modified");
        assertEquals(304, get("/files/disk/digits.txt", "If-Modified-Since", lm).statusCode());
        assertEquals(412, get("/files/disk/digits.txt", "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
                .statusCode());

        HttpResponse<String> part = get("/files/disk/digits.txt", "Range", "bytes=-5");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 95-99/100", header(part, "Content-Range"));
        assertEquals("56789", part.body());
        HttpResponse<String> multi = get("/files/disk/digits.txt", "Range", "bytes=0-1,5-6");
        assertEquals(206, multi.statusCode());
        assertTrue(header(multi, "Content-Type").startsWith("multipart/byteranges; boundary="));
        assertTrue(multi.body(), multi.body().contains("Content-range: bytes 5-6/100\r\n\r\n56\r\n"));
        HttpResponse<String> none = get("/files/disk/digits.txt", "Range", "bytes=100-");
        assertEquals(416, none.statusCode());
        assertEquals("bytes */100", header(none, "Content-Range"));

        RawResponse head = raw("HEAD /files/disk/digits.txt HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals(200, head.status);
        assertEquals("100", head.header("Content-Length"));
        assertEquals(0, head.body.length);
        RawResponse http10 = raw("GET /files/disk/digits.txt HTTP/1.0\r\nRange: bytes=0-1\r\n\r\n");
        assertEquals(200, http10.status);
        assertNull(http10.header("Accept-Ranges"));
        assertEquals(DIGITS, http10.text());

        // a changed file is served anew
        write(base.resolve("public/digits.txt"), "changed!");
        assertEquals("changed!", get("/files/disk/digits.txt").body());
    }

    @Test
    public void aDownloadFromAHandler() throws Exception {
        HttpResponse<String> r = get("/files/download?path=" + base.resolve("public/digits.txt"));
        assertEquals(200, r.statusCode());
        assertEquals("application/x-download", header(r, "Content-Type"));
        assertEquals("attachment; filename=\"rsum.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
                header(r, "Content-Disposition"));
        assertEquals(DIGITS, r.body());
    }

    /**
     * Every escape form, sent exactly as written. The status is what Cerise answers (pinned
     * after observing; CherryPy 18.8 gave 403 for the climbing forms and a fall-through for the
     * rest, and served link.txt and public2), and the secret never appears.
     */
    @Test
    public void noRequestReadsOutsideTheServedFolder() throws Exception {
        // status observed here; CherryPy 18.8 gave the same 403s, served link.txt and public2 (200),
        // and let the backslash and NUL forms fall through (404 without a default handler);
        // Jetty itself refuses a raw backslash and an encoded NUL with 400
        Map<String, Integer> forms = new LinkedHashMap<>();
        for (String f : new String[] {"/files/disk/../secret.txt", "/files/disk/..", "/files/disk/%2e%2e/secret.txt",
            "/files/disk/%2E%2E/secret.txt", "/files/disk/..%2fsecret.txt", "/files/disk/..%2Fsecret.txt",
            "/files/disk/%252e%252e/secret.txt", "/files/disk/%252e%252e%252fsecret.txt",
            "/files/disk/css/../../secret.txt", "/files/disk/./../secret.txt", "/files/disk/%2fetc/passwd",
            "/files/disk/%2F%2Fetc%2Fpasswd", "/files/disk/%2f" + base.toString().substring(1).replace("/", "%2f")
                    + "%2fsecret.txt",
            "/files/disk/link.txt", "/files/disk/../public2/p2.txt", "/files/disk/%2e%2e/public2/p2.txt",
            "/files/disk/%2e%2e%2fpublic2/p2.txt", "/files/static/../private.txt", "/files/static/%2e%2e/private.txt",
            "/files/static/..%2fprivate.txt", "/files/static/%252e%252e/private.txt"}) {
            forms.put(f, 403);
        }
        forms.put("/files/disk/..\\secret.txt", 400);
        forms.put("/files/disk/secret.txt%00", 400);
        forms.put("/files/disk/..%00/secret.txt", 400);
        forms.put("/files/disk/..%5csecret.txt", 404);
        forms.put("/files/disk//etc/passwd", 404);
        forms.put("/files/disk/" + base.toString().substring(1) + "/secret.txt", 404);
        StringBuilder seen = new StringBuilder();
        for (Map.Entry<String, Integer> e : forms.entrySet()) {
            String form = e.getKey();
            for (String method : new String[] {"GET", "HEAD"}) {
                for (String extra : new String[] {"", "Range: bytes=0-\r\n"}) {
                    RawResponse r = raw(method + " " + form + " HTTP/1.1\r\n" + host() + extra + "Connection: close\r\n\r\n");
                    assertFalse(form + " leaked:\n" + r, new String(r.body, StandardCharsets.ISO_8859_1).contains("SECRET"));
                    assertEquals(form + ":\n" + r, (int) e.getValue(), r.status);
                    if (method.equals("GET") && extra.isEmpty()) {
                        seen.append(r.status).append(' ').append(form).append('\n');
                    }
                }
            }
        }
        System.out.println("StaticIT traversal statuses:\n" + seen);
    }
}
