package org.cerise.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an upload's manifest, OSGi header syntax, and editing one key of a .cfg file. */
class ManifestCheckTest {

    @Test
    void headersSplitOnCommasAndSemicolonsOutsideQuotes() {
        List<ManifestCheck.Clause> c = ManifestCheck.parse(
                "a.b;c.d;version=\"[1.0,2)\";resolution:=optional,osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\"");
        assertEquals(2, c.size());
        assertEquals(List.of("a.b", "c.d"), c.get(0).paths());
        assertEquals("[1.0,2)", c.get(0).attributes().get("version"));
        assertEquals("optional", c.get(0).directives().get("resolution"));
        assertEquals("(&(osgi.ee=JavaSE)(version=17))", c.get(1).directives().get("filter"));
        assertEquals(Map.of("version", "1.2"), ManifestCheck.parse("x;version:Version=1.2").get(0).attributes());
    }

    @Test
    void aJarWithoutSymbolicNameIsNotABundle() throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JarOutputStream(out, m).close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestCheck.read("x.jar", out.toByteArray()));
        assertTrue(e.getMessage().contains("x.jar has no Bundle-SymbolicName"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ManifestCheck.read("y.jar", "text".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("y.jar is not a jar"), e.getMessage());
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.hello;singleton:=true");
        m.getMainAttributes().putValue("Bundle-Version", "1.2.3");
        out.reset();
        new JarOutputStream(out, m).close();
        ManifestCheck.Bundle b = ManifestCheck.read("z.jar", out.toByteArray());
        assertEquals("org.example.hello", b.symbolicName());
        assertEquals("1.2.3", b.version().toString());
    }

    @Test
    void oneKeyOfACfgFileChangesAndCommentsStay(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("org.cerise.app-shop.cfg");
        Files.writeString(f, "# mine\ncerise.app = shop\ntools.gzip.on = False\n[/a]tools.etags.on = True\n");
        ConfigEditor.rewrite(f, "tools.gzip.on", "True");
        ConfigEditor.rewrite(f, "[/a]tools.etags.on", null);
        ConfigEditor.rewrite(f, "response.headers.X-A", "'b'");
        assertEquals(List.of("# mine", "cerise.app = shop", "tools.gzip.on = True", "response.headers.X-A = 'b'"),
                Files.readAllLines(f));
        assertEquals("a:b", ConfigEditor.keyOf("a\\:b = c"));
    }
}
