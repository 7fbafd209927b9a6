package org.cerise.quickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class path scan, and the copy of it kept for the next start of the same class path. */
class ClassPathScanTest {

    @TempDir
    Path dir;

    /** A jar holding only a manifest with these main attributes (name, value, name, value...). */
    private Path jar(String name, String... attributes) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < attributes.length; i += 2) {
            m.getMainAttributes().putValue(attributes[i], attributes[i + 1]);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            // the manifest is all
        }
        return jar;
    }

    private static URLClassLoader loader(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private Path kept() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("kept"))) {
            List<Path> scans = s.filter(p -> p.toString().endsWith(".scan")).toList();
            return scans.isEmpty() ? null : scans.get(0);
        }
    }

    private static void touch(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() - 60_000));
    }

    @Test
    void theScanSortsTheClassPathAndIsReadBackUntilAnEntryChanges() throws Exception {
        Path api = jar("api.jar", "Bundle-SymbolicName", "org.cerise.api", "Export-Package", "org.cerise.api;version=\"1.2\"");
        Path app = jar("app.jar", "Bundle-SymbolicName", "org.example.app;singleton:=true",
                "Import-Package", "org.cerise.api,javax.net.ssl,org.example.lib");
        Path lib = jar("lib.jar", "Bundle-SymbolicName", "org.example.lib", "Export-Package", "org.example.lib");
        Path gzip = jar("gzip.jar", "Bundle-SymbolicName", "org.cerise.tool.gzip", "Import-Package", "org.cerise.api",
                "Export-Package", "org.cerise.tool.gzip");
        Path plain = jar("plain.jar", "Main-Class", "Nothing");
        Path keptIn = dir.resolve("kept");
        try (URLClassLoader loader = loader(api, app, lib, gzip, plain)) {
            ClassPathScan first = ClassPathScan.of(loader, keptIn);
            assertFalse(first.fromFile());
            assertEquals(List.of(app, lib), first.atOnce(), "the app and what it imports, in class path order");
            assertEquals(List.of(gzip), first.later(), "an optional tool waits");
            assertEquals("org.cerise.api;version=\"1.2\"", first.sharedExports(), "the API is shared, not installed");
            assertNotNull(first.systemPackages());
            assertTrue(first.systemPackages().contains("javax.net.ssl"), "the JDK package an app imports");
            assertFalse(first.systemPackages().contains("javax.swing"), "but not the JDK packages nobody imports");
            assertNotNull(kept(), "kept for the next start");

            ClassPathScan second = ClassPathScan.of(loader, keptIn);
            assertTrue(second.fromFile());
            assertEquals(first.atOnce(), second.atOnce());
            assertEquals(first.later(), second.later());
            assertEquals(first.sharedExports(), second.sharedExports());
            assertEquals(first.systemPackages(), second.systemPackages());
        }

        // a rebuilt jar: same size, another time
        touch(plain);
        try (URLClassLoader loader = loader(api, app, lib, gzip, plain)) {
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile());
            assertTrue(ClassPathScan.of(loader, keptIn).fromFile(), "the new scan is kept in its turn");
        }

        // a jar that now is something else (same time, another size): the app uses the gzip tool's API
        FileTime time = Files.getLastModifiedTime(app);
        long size = Files.size(app);
        jar("app.jar", "Bundle-SymbolicName", "org.example.app",
                "Import-Package", "org.cerise.api,javax.net.ssl,org.example.lib,org.cerise.tool.gzip");
        Files.setLastModifiedTime(app, time);
        assertNotEquals(size, Files.size(app));
        try (URLClassLoader loader = loader(api, app, lib, gzip, plain)) {
            ClassPathScan changed = ClassPathScan.of(loader, keptIn);
            assertFalse(changed.fromFile(), "the jar is read again");
            assertEquals(List.of(app, lib, gzip), changed.atOnce(), "the tool the app imports from starts with it");
            assertEquals(List.of(), changed.later());
        }
    }

    @Test
    void aKeptScanOfAnotherJdkOrCodeOrInAnotherFormatIsNotUsed() throws Exception {
        Path app = jar("app.jar", "Bundle-SymbolicName", "org.example.app");
        Path keptIn = dir.resolve("kept");
        try (URLClassLoader loader = loader(app)) {
            ClassPathScan.of(loader, keptIn);
            Path file = kept();
            List<String> lines = Files.readAllLines(file);
            String[] jdk = lines.get(1).split("\t");
            assertEquals(List.of("jdk", System.getProperty("java.home"), Runtime.version().toString()),
                    List.of(jdk).subList(0, 3), "the JDK's folder, version and boot modules");
            assertTrue(lines.get(2).startsWith("code\t"), lines.get(2));

            // each part of what the scan depends on, changed alone
            List<String> changed = List.of(
                    String.join("\t", jdk[0], "/elsewhere", jdk[2], jdk[3]),
                    String.join("\t", jdk[0], jdk[1], "11.0.2", jdk[3]),
                    String.join("\t", jdk[0], jdk[1], jdk[2], "0123456789abcdef0123456789abcdef"));
            for (String line : changed) {
                Files.write(file, Stream.concat(Stream.of(lines.get(0), line), lines.stream().skip(2)).toList());
                assertFalse(ClassPathScan.of(loader, keptIn).fromFile(), line);
                assertEquals(lines, Files.readAllLines(file), "and written again");
            }
            Files.write(file, Stream.concat(lines.stream().limit(2), Stream.concat(Stream.of("code\tmissing"),
                    lines.stream().skip(3))).toList());
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile(), "made by another build of this code");

            Files.write(file, Stream.concat(Stream.of("cerise-quickstart class path scan 0"), lines.stream().skip(1)).toList());
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile(), "another format");

            Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, '\t', '\n'});
            ClassPathScan rescanned = ClassPathScan.of(loader, keptIn);
            assertFalse(rescanned.fromFile(), "garbage");
            assertEquals(List.of(app), rescanned.atOnce());
            assertEquals(lines, Files.readAllLines(file), "replaced by a good one");

            List<String> damaged = new java.util.ArrayList<>(lines);
            damaged.set(damaged.size() - 2, "now\t/jars/\u0000.jar"); // no path at all
            Files.write(file, damaged);
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile(), "a line that names no path");

            Files.write(file, lines.subList(0, lines.size() - 1));
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile(), "cut short");
            assertTrue(ClassPathScan.of(loader, keptIn).fromFile());
        }
    }

    @Test
    void aJarReplacedByAnotherOfTheSameSizeAndTimeIsReadAgain() throws Exception {
        Path app = jar("app.jar", "Bundle-SymbolicName", "org.example.app");
        Path keptIn = dir.resolve("kept");
        try (URLClassLoader loader = loader(app)) {
            ClassPathScan.of(loader, keptIn);
            assertTrue(ClassPathScan.of(loader, keptIn).fromFile());
            // as cp -p or an image build leaves it: same size, same modification time, another file
            FileTime time = Files.getLastModifiedTime(app);
            Path copy = Files.copy(app, dir.resolve("copy.jar"));
            Files.move(copy, app, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(app, time);
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile(), "the inode and change time tell it");
        }
    }

    @Test
    void aJarReachedThroughAnotherJarsClassPathIsScannedEachTime() throws Exception {
        Path lib = jar("lib.jar", "Bundle-SymbolicName", "org.example.lib");
        Path app = jar("app.jar", "Bundle-SymbolicName", "org.example.app", "Class-Path", "lib.jar");
        Path keptIn = dir.resolve("kept");
        try (URLClassLoader loader = loader(app)) {
            ClassPathScan scan = ClassPathScan.of(loader, keptIn);
            assertEquals(List.of(app, lib), scan.atOnce(), "the class loader finds lib.jar through app.jar");
            assertFalse(Files.exists(keptIn) && kept() != null,
                    "not kept: lib.jar could change or appear without any entry of the class path changing");
            assertFalse(ClassPathScan.of(loader, keptIn).fromFile());
        }
    }

    @Test
    void withoutAFolderNothingIsKept() throws Exception {
        Path app = jar("app.jar", "Bundle-SymbolicName", "org.example.app");
        try (URLClassLoader loader = loader(app)) {
            ClassPathScan scan = ClassPathScan.of(loader, null);
            assertFalse(scan.fromFile());
            assertEquals(List.of(app), scan.atOnce());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(app), files.toList());
        }
    }

    @Test
    void theEntriesOfNestedLoadersComeParentsFirst() throws Exception {
        Path a = jar("a.jar");
        Path b = jar("b.jar");
        try (URLClassLoader parent = loader(a);
                URLClassLoader child = new URLClassLoader(new URL[] {b.toUri().toURL()}, parent)) {
            assertEquals(List.of(a, b), ClassPathScan.entries(child));
        }
        ClassLoader unknown = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        };
        assertNull(ClassPathScan.entries(unknown), "a loader whose entries cannot be listed: no kept scan");
    }

    @Test
    void aLoaderThatMayLookElsewhereIsAskedAndNothingIsKept() throws Exception {
        Path app = jar("app.jar", "Bundle-SymbolicName", "org.example.app");
        Path imported = jar("imported.jar", "Bundle-SymbolicName", "org.example.imported");
        Path keptIn = dir.resolve("kept");
        // as Maven's class realms do: resources from elsewhere than the loader's URLs
        try (URLClassLoader realm = new URLClassLoader(new URL[] {app.toUri().toURL()}, ClassLoader.getPlatformClassLoader()) {
            @Override
            public java.util.Enumeration<URL> findResources(String name) throws IOException {
                List<URL> found = new java.util.ArrayList<>(java.util.Collections.list(super.findResources(name)));
                if (name.equals("META-INF/MANIFEST.MF")) {
                    found.add(new URL("jar:" + imported.toUri() + "!/META-INF/MANIFEST.MF"));
                }
                return java.util.Collections.enumeration(found);
            }
        }) {
            assertNull(ClassPathScan.entries(realm));
            ClassPathScan scan = ClassPathScan.of(realm, keptIn);
            assertEquals(List.of(app, imported), scan.atOnce(), "what the loader finds, its URLs or not");
            assertFalse(ClassPathScan.of(realm, keptIn).fromFile());
            assertFalse(Files.exists(keptIn));
        }
    }

    @Test
    void readingTheEntriesFindsWhatTheClassLoaderFinds() throws Exception {
        Path api = jar("api.jar", "Bundle-SymbolicName", "org.cerise.api", "Export-Package", "org.cerise.api");
        Path first = jar("first.jar", "Bundle-SymbolicName", "org.example.twice", "Import-Package", "org.cerise.api");
        Path second = jar("second.jar", "Bundle-SymbolicName", "org.example.twice;singleton:=true");
        Path tool = jar("tool.jar", "Bundle-SymbolicName", "org.cerise.tool.json");
        Path noManifest = dir.resolve("bare.jar");
        try (OutputStream out = Files.newOutputStream(noManifest); JarOutputStream j = new JarOutputStream(out)) {
            // no manifest at all
        }
        Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        Path folder = Files.createDirectories(dir.resolve("classes/META-INF"));
        Files.writeString(folder.resolve("MANIFEST.MF"), "Manifest-Version: 1.0\nBundle-SymbolicName: org.example.folder\n");
        Path missing = dir.resolve("missing.jar");
        List<Path> entries = List.of(api, first, noManifest, notAJar, dir.resolve("classes"), missing, second, tool);
        try (URLClassLoader loader = loader(entries.toArray(Path[]::new))) {
            assertEquals(entries, ClassPathScan.entries(loader));
            ClassPathScan read = ClassPathScan.scanEntries(entries);
            ClassPathScan asked = ClassPathScan.scanResources(loader);
            assertEquals(List.of(first), read.atOnce(), "the first of a symbolic name; no folder");
            assertEquals(List.of(tool), read.later());
            assertEquals(asked.atOnce(), read.atOnce());
            assertEquals(asked.later(), read.later());
            assertEquals(asked.sharedExports(), read.sharedExports());
            assertEquals(asked.systemPackages(), read.systemPackages());
        }
    }
}
