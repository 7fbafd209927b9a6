package org.cerise.admin.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.felix.fileinstall.shaded.util.properties.TypedProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the console writes into a .cfg file is what FileInstall reads back, byte for byte what stays. */
class ConfigFileTest {

    @TempDir
    Path dir;

    /** As FileInstall's ConfigInstaller reads a .cfg file: ISO-8859-1 (its default), with ${...} substitution. */
    private static TypedProperties readAsFileInstall(Path file) throws Exception {
        TypedProperties p = new TypedProperties();
        try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void valuesReadBackUnchanged() throws Exception {
        List<String> values = List.of("x${y}z", "${user.home}/static", "${", "}{", "$", "a\\b", "a\\\\b", "end\\",
                "C:\\dir\\{x}", "caf\u00e9 \u20ac \u65e5\u672c", "'quoted' \"double\"", "[('X-Frame-Options', 'DENY')]",
                "{'a': 1}", "#not a comment", "!nor this", "a = b : c", "tab\there");
        Path f = dir.resolve("org.cerise.app-shop.cfg");
        Files.writeString(f, "cerise.app = shop\n");
        for (int i = 0; i < values.size(); i++) {
            ConfigEditor.rewrite(f, "k" + i, values.get(i));
        }
        TypedProperties read = readAsFileInstall(f);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), read.get("k" + i), "k" + i + " in\n" + Files.readString(f, StandardCharsets.ISO_8859_1));
        }
        for (byte b : Files.readAllBytes(f)) {
            assertEquals(b & 0x7f, b & 0xff, "written as ASCII");
        }
    }

    @Test
    void keysReadBackUnchangedAndAreFoundAgain() throws Exception {
        List<String> keys = List.of("[/caf\u00e9]tools.gzip.on", "a:b", "a=b", "#hash", "!bang", "sp ace", "back\\slash");
        Path f = dir.resolve("org.cerise.app-shop.cfg");
        Files.writeString(f, "cerise.app = shop\n");
        for (String k : keys) {
            ConfigEditor.rewrite(f, k, "1");
        }
        for (String k : keys) {
            ConfigEditor.rewrite(f, k, "2"); // found by its line, replaced: no second line
        }
        TypedProperties read = readAsFileInstall(f);
        for (String k : keys) {
            assertEquals("2", read.get(k), k + " in\n" + Files.readString(f, StandardCharsets.ISO_8859_1));
        }
        assertEquals(keys.size() + 1, Files.readAllLines(f, StandardCharsets.ISO_8859_1).size());
        ConfigEditor.rewrite(f, "[/caf\u00e9]tools.gzip.on", null);
        assertEquals(null, readAsFileInstall(f).get("[/caf\u00e9]tools.gzip.on"), "removed");
    }

    @Test
    void theOtherLinesKeepTheirBytesWhateverTheirEncoding() throws Exception {
        Path f = dir.resolve("org.cerise.app-shop.cfg");
        byte[] utf8Comment = "# r\u00e9sum\u00e9 in UTF-8\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1Line = "greeting = 'h\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = "cerise.app = shop\ntools.gzip.on = False\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(f, concat(utf8Comment, latin1Line, rest));
        ConfigEditor.rewrite(f, "tools.gzip.on", "True");
        byte[] expected = concat(utf8Comment, latin1Line, "cerise.app = shop\ntools.gzip.on = True\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, Files.readAllBytes(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
    }

    @Test
    void continuedLinesAreOneEntry() throws Exception {
        Path f = dir.resolve("org.cerise.app-shop.cfg");
        Files.writeString(f, "cerise.app = shop\nother = a \\\n  continued\nk = one \\\n  two\nlast = 1\n",
                StandardCharsets.ISO_8859_1);
        ConfigEditor.rewrite(f, "k", "3");
        TypedProperties read = readAsFileInstall(f);
        assertEquals("a continued", read.get("other"));
        assertEquals("3", read.get("k"));
        assertEquals(null, read.get("two"), "no line of the old value is left as a key of its own");
        assertEquals("1", read.get("last"));
        ConfigEditor.rewrite(f, "other", null);
        assertEquals(List.of("cerise.app = shop", "k = 3", "last = 1"), Files.readAllLines(f, StandardCharsets.ISO_8859_1));
    }

    @Test
    void theFilesLineEndsStayAndAKeysEscapesAreReadAsTheParserDoes() throws Exception {
        Path f = dir.resolve("org.cerise.app-shop.cfg");
        Files.writeString(f, "cerise.app = shop\r\n# note\r\na\\tb = 1\r\natb = 2\r\n", StandardCharsets.ISO_8859_1);
        ConfigEditor.rewrite(f, "atb", "3");
        ConfigEditor.rewrite(f, "k", " leading blank");
        assertEquals("cerise.app = shop\r\n# note\r\na\\tb = 1\r\natb = 3\r\nk = \\ leading blank\r\n",
                Files.readString(f, StandardCharsets.ISO_8859_1));
        TypedProperties read = readAsFileInstall(f);
        assertEquals("1", read.get("a\tb"));
        assertEquals("3", read.get("atb"));
        assertEquals(" leading blank", read.get("k"));
        assertEquals("a\tb", ConfigEditor.keyOf("a\\tb = 1"));
    }

    @Test
    void aFileInFileInstallsTypedFormatIsLeftToItsAuthor() throws Exception {
        Path typed = Files.writeString(dir.resolve("org.cerise.app-typed.cfg"), "cerise.app = \"shop\"\ntools.gzip.on = B\"true\"\n");
        Path plain = Files.writeString(dir.resolve("org.cerise.app-plain.cfg"), "cerise.app = shop\nk = \"quoted\"\n");
        Path config = Files.writeString(dir.resolve("org.cerise.app-other.config"), "cerise.app = \"shop\"\n");
        assertEquals("shop", readAsFileInstall(typed).get("cerise.app"), "FileInstall reads it typed");
        assertEquals("\"quoted\"", readAsFileInstall(plain).get("k"), "and this one plain");
        org.junit.jupiter.api.Assertions.assertNotNull(ConfigEditor.typedFormat(typed));
        org.junit.jupiter.api.Assertions.assertNotNull(ConfigEditor.typedFormat(config));
        assertEquals(null, ConfigEditor.typedFormat(plain));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
