package org.cerise.tool.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request reads outside the served folder. Each form is sent as the core hands it to the
 * pipeline (decoded once); the statuses are CherryPy 18.8's for the same forms (observed: 403 for
 * the forms that climb out, a fall-through to the handlers for names that are not files), except
 * where CherryPy serves what lies outside (a symbolic link, and the sibling {@code public2} its
 * string-prefix check lets through): Cerise answers 403 there.
 */
class TraversalTest {

    @TempDir
    Path base;
    Harness h;

    @BeforeEach
    void site() throws IOException {
        Site.build(base);
        // no default handler: a fall-through is a 404
        h = Harness.of(new Object() {
            @org.cerise.api.Expose
            public String index() {
                return "root";
            }
        }).dispatcher("tree", new TreeDispatcher()).tool("staticdir", new StaticDirTool()).mount("/")
                .config("[/pub]\ntools.staticdir.on = True\ntools.staticdir.dir = '" + base.resolve("public") + "'\n"
                        + "tools.staticdir.index = 'index.html'\n");
    }

    /** The form, as sent, and the status CherryPy 18.8 gave it (or Cerise's, where safer). */
    private static final Map<String, Integer> FORMS = Map.ofEntries(
            Map.entry("/pub/../secret.txt", 403),
            Map.entry("/pub/..", 403),
            Map.entry("/pub/%2e%2e/secret.txt", 403),
            Map.entry("/pub/%2E%2E/secret.txt", 403),
            Map.entry("/pub/%2e%2e", 403),
            Map.entry("/pub/..%2fsecret.txt", 403),
            Map.entry("/pub/..%2Fsecret.txt", 403),
            Map.entry("/pub/%252e%252e/secret.txt", 403),
            Map.entry("/pub/%252e%252e%252fsecret.txt", 403),
            Map.entry("/pub/css/../../secret.txt", 403),
            Map.entry("/pub/css/%2e%2e/%2e%2e/secret.txt", 403),
            Map.entry("/pub/%2fetc/passwd", 403),
            Map.entry("/pub/%2Fetc%2Fpasswd", 403),
            Map.entry("/pub/%252fetc%252fpasswd", 403),
            // a literal file name on Linux, as in CherryPy: not found
            Map.entry("/pub/..\\secret.txt", 404),
            Map.entry("/pub/..%5csecret.txt", 404),
            Map.entry("/pub/..%5Csecret.txt", 404),
            // NUL: not a file name (CherryPy: stat fails, not found)
            Map.entry("/pub/secret.txt%00", 404),
            Map.entry("/pub/..%00/secret.txt", 404),
            Map.entry("/pub/index.html%00.txt", 404),
            // CherryPy strips the leading slashes: etc/passwd inside the folder, not found
            Map.entry("/pub//etc/passwd", 404),
            Map.entry("/pub///etc/passwd", 404),
            // CherryPy serves these (a link out, and its string-prefix check); Cerise refuses
            Map.entry("/pub/link.txt", 403),
            Map.entry("/pub/linkdir/secret.txt", 403),
            Map.entry("/pub/linkdir/public2/p2.txt", 403),
            Map.entry("/pub/../public2/p2.txt", 403),
            Map.entry("/pub/%2e%2e/public2/p2.txt", 403),
            Map.entry("/pub/%2e%2e%2fpublic2/p2.txt", 403));

    @Test
    void everyEscapeIsRefusedAndTheSecretNeverShows() {
        for (Map.Entry<String, Integer> form : FORMS.entrySet()) {
            for (String method : new String[] {"GET", "HEAD"}) {
                Harness.Result r = h.request(method, form.getKey(), null);
                assertEquals((int) form.getValue(), r.status(), method + " " + form.getKey() + ": " + r);
                assertFalse(r.text().contains(Site.SECRET), method + " " + form.getKey() + " leaked: " + r);
                assertTrue(r.status() >= 400 && r.status() < 500, form.getKey());
            }
            for (String range : new String[] {"bytes=0-", "bytes=-5", "bytes=0-1,2-3"}) {
                Harness.Result r = h.get(form.getKey(), "Range: " + range);
                assertFalse(r.text().contains("SECRET"), form.getKey() + " " + range + " leaked: " + r);
            }
        }
    }

    @Test
    void theSameFilesAreServedInside() {
        assertEquals(200, h.get("/pub/digits.txt").status());
        assertEquals(200, h.get("/pub/css/../digits.txt").status());
        assertEquals(200, h.get("/pub/./digits.txt").status());
    }

    @Test
    void branchNormalization() {
        assertEquals("a/c", Branches.normalize("a/./b//../c"));
        assertEquals("", Branches.normalize(""));
        assertEquals("", Branches.normalize("a/.."));
        assertEquals("css/x.css", Branches.normalize("//css/x.css"));
        assertEquals("x y", Branches.normalize("x%20y"));
        assertEquals("\u00e9", Branches.normalize("%C3%A9"));
        assertEquals("100%.txt", Branches.normalize("100%.txt"));
        assertTrue(Branches.normalize("..") == Branches.FORBIDDEN);
        assertTrue(Branches.normalize("a/../..") == Branches.FORBIDDEN);
        assertTrue(Branches.normalize("%2e%2e") == Branches.FORBIDDEN);
        assertTrue(Branches.normalize("%2Fetc") == Branches.FORBIDDEN);
        assertTrue(Branches.normalize("a%00") == Branches.NOT_A_FILE);
    }
}
