package org.cerise.quickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cerise.api.Expose;
import org.cerise.api.embed.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework cache kept between runs: keyed, locked, and holding nothing of an earlier run's state. */
class FrameworkCacheTest {

    @TempDir
    Path base;

    @BeforeEach
    void useTheTemporaryBase() {
        System.setProperty(FrameworkCache.PROPERTY, base.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(FrameworkCache.PROPERTY);
    }

    @Test
    void theKeyChangesWithAJarsSizeOrTime() throws Exception {
        Path a = Files.writeString(base.resolve("a.jar"), "one");
        Path b = Files.writeString(base.resolve("b.jar"), "two");
        String key = FrameworkCache.key(List.of(a, b));
        assertEquals(key, FrameworkCache.key(List.of(a, b)));
        assertNotEquals(key, FrameworkCache.key(List.of(b, a)), "the class path's order counts");
        assertNotEquals(key, FrameworkCache.key(List.of(a)));

        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() - 10_000));
        String touched = FrameworkCache.key(List.of(a, b));
        assertNotEquals(key, touched, "a rebuilt jar gets a new cache");
        FileTime time = Files.getLastModifiedTime(b);
        Files.writeString(b, "two!");
        Files.setLastModifiedTime(b, time);
        assertNotEquals(touched, FrameworkCache.key(List.of(a, b)), "so does a jar of another size");
    }

    @Test
    void aCacheInUseIsNotSharedAndATemporaryOneIsDeleted() throws Exception {
        List<Path> bundles = List.of(Files.writeString(base.resolve("a.jar"), "one"));
        FrameworkCache first = FrameworkCache.open(bundles, new StringBuilder());
        assertTrue(first.persistent());
        assertFalse(first.reused());
        Files.createDirectories(first.dir());

        StringBuilder why = new StringBuilder();
        FrameworkCache second = FrameworkCache.open(bundles, why);
        assertFalse(second.persistent(), "locked by the first");
        assertTrue(why.toString().contains("in use"), why.toString());
        assertNotEquals(first.dir(), second.dir());
        second.close();
        assertFalse(Files.exists(second.dir()), "a temporary cache goes at stop");

        first.close();
        FrameworkCache again = FrameworkCache.open(bundles, new StringBuilder());
        assertTrue(again.persistent());
        assertTrue(again.reused(), "unlocked at close, found by the next run");
        assertEquals(first.dir(), again.dir());
        again.close();
        assertTrue(Files.isDirectory(first.dir()), "a persistent cache stays");
    }

    @Test
    void cachesAndClassPathScansBeyondTheLimitAreRemovedOnceUnusedForADay() throws Exception {
        long twoDaysAgo = System.currentTimeMillis() - 2 * 86_400_000L;
        int old = FrameworkCache.KEEP + 2;
        for (int i = 0; i < old; i++) {
            // the older the higher i; each a cache (folder and lock file) and a kept scan
            FileTime time = FileTime.fromMillis(twoDaysAgo - i * 60_000L);
            Files.createDirectories(base.resolve("cache" + i));
            Files.setLastModifiedTime(Files.writeString(base.resolve("cache" + i + ".lock"), ""), time);
            Files.setLastModifiedTime(Files.writeString(base.resolve("classpath-" + i + ".scan"), "x"), time);
        }
        Files.writeString(base.resolve("classpath-new.scan"), "x");
        // what a JVM killed while it wrote a scan leaves
        Files.setLastModifiedTime(Files.writeString(base.resolve("classpath-9.scan123.tmp"), "x"),
                FileTime.fromMillis(twoDaysAgo - old * 60_000L));
        FrameworkCache current = FrameworkCache.open(List.of(Files.writeString(base.resolve("a.jar"), "one")), new StringBuilder());
        Files.createDirectories(current.dir());
        current.close();

        // KEEP kept of each: the current one and the KEEP - 1 most recently used old ones
        for (int i = 0; i < old; i++) {
            boolean kept = i < FrameworkCache.KEEP - 1;
            assertEquals(kept, Files.isDirectory(base.resolve("cache" + i)), "cache" + i);
            assertEquals(kept, Files.exists(base.resolve("cache" + i + ".lock")), "cache" + i + ".lock");
            assertEquals(kept, Files.exists(base.resolve("classpath-" + i + ".scan")), "classpath-" + i + ".scan");
        }
        assertTrue(Files.isDirectory(current.dir()));
        assertTrue(Files.exists(base.resolve("classpath-new.scan")));
        assertFalse(Files.exists(base.resolve("classpath-9.scan123.tmp")));

        // all used within the day: none is removed, however many
        for (int i = 0; i < old; i++) {
            Files.writeString(base.resolve("recent-" + i + ".scan"), "x");
        }
        FrameworkCache.open(List.of(base.resolve("a.jar")), new StringBuilder()).close();
        for (int i = 0; i < old; i++) {
            assertTrue(Files.exists(base.resolve("recent-" + i + ".scan")), "recent-" + i + ".scan");
        }
    }

    @Test
    void falseMeansAFreshCacheEachRun() throws Exception {
        System.setProperty(FrameworkCache.PROPERTY, "false");
        FrameworkCache cache = FrameworkCache.open(List.of(), new StringBuilder());
        assertFalse(cache.persistent());
        assertTrue(Files.isDirectory(cache.dir()));
        cache.close();
        assertFalse(Files.exists(cache.dir()));
    }

    /** An app: its response shows whether the global config of an earlier run is still there. */
    public static class Page {
        /** @return the page */
        @Expose
        public String index() {
            return "Hello world!";
        }
    }

    @Test
    void aReusedCacheKeepsNoConfigOfTheEarlierRun() throws Exception {
        // run 1: gzip on for the whole site (a global config, kept by Config Admin in its data area)
        EmbeddedCerise one = new EmbeddedCerise();
        one.update(Map.of("tools.gzip.on", true));
        one.mount(new Page(), "/", Map.of());
        one.startWithoutServer();
        try {
            LocalServer.Response r = get(one);
            assertEquals(200, r.status());
            assertEquals("gzip", header(r, "Content-Encoding"));
        } finally {
            one.stop();
        }
        List<String> caches = folders();
        assertEquals(1, caches.size(), caches.toString());
        // The optional bundles (the gzip tool among them, which run 1 used) are installed at each
        // start and uninstalled at stop: the kept cache holds what a first request needs.
        List<String> locations = bundleLocations(base.resolve(caches.get(0)));
        assertTrue(locations.stream().anyMatch(l -> l.contains("cerise-core")), locations.toString());
        assertTrue(locations.stream().anyMatch(l -> l.contains("jetty12")), locations.toString());
        assertTrue(locations.stream().noneMatch(l -> l.contains("cerise-tool-gzip") || l.contains("jackson")), locations.toString());
        // what a bundle leaves in its data area (Config Admin's files, a session store's files)
        List<Path> areas;
        try (Stream<Path> s = Files.list(base.resolve(caches.get(0)))) {
            areas = s.map(p -> p.resolve("data")).filter(Files::isDirectory).collect(Collectors.toList());
        }
        assertTrue(areas.size() >= 2, areas.toString());
        for (Path area : areas) {
            Files.writeString(area.resolve("left-by-run-1"), "x");
        }

        // run 2: the same class path, so the same cache, and no global config
        EmbeddedCerise two = new EmbeddedCerise();
        two.mount(new Page(), "/", Map.of());
        two.startWithoutServer();
        try {
            // while it runs, a second container in this JVM gets a cache of its own
            EmbeddedCerise three = new EmbeddedCerise();
            three.mount(new Page(), "/", Map.of());
            three.startWithoutServer();
            try {
                assertEquals("Hello world!", new String(get(three).body(), java.nio.charset.StandardCharsets.UTF_8));
            } finally {
                three.stop();
            }
            LocalServer.Response r = get(two);
            assertEquals(200, r.status());
            assertEquals("Hello world!", new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(null, header(r, "Content-Encoding"), "the first run's global config is gone");
        } finally {
            two.stop();
        }
        assertEquals(caches, folders(), "the cache was reused, the second container's was temporary");
        // Run 2 set no key that the core translates for another bundle (server.*, log.*) and no
        // global config: Config Admin's store stays empty (no empty configuration is created
        // just to find there is none; each costs a file and the JDK's SecureRandom at start-up).
        try (Stream<Path> s = Files.walk(base.resolve(caches.get(0)))) {
            List<Path> stored = s.filter(p -> p.getFileName().toString().endsWith(".config")).collect(Collectors.toList());
            assertEquals(List.of(), stored);
        }
        for (Path area : areas) {
            // SCR's area is kept: its parsed components are derived from the jars alone
            boolean scr = Files.exists(area.resolve("componentMetadataStore"));
            assertEquals(scr, Files.exists(area.resolve("left-by-run-1")), area.toString());
        }
        assertTrue(areas.stream().anyMatch(a -> Files.exists(a.resolve("componentMetadataStore"))), "SCR's parsed components are kept");
    }

    private static LocalServer.Response get(EmbeddedCerise cerise) {
        return cerise.localServer().serve("GET", "/", "HTTP/1.1",
                List.of(Map.entry("Host", "127.0.0.1"), Map.entry("Accept-Encoding", "gzip")), new byte[0]);
    }

    private static String header(LocalServer.Response r, String name) {
        return r.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The locations of the bundles a framework cache holds (line 2 of each bundle's {@code bundle.info}). */
    private static List<String> bundleLocations(Path cache) throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.resolve("bundle.info")).filter(Files::isRegularFile).map(info -> {
                try {
                    List<String> lines = Files.readAllLines(info);
                    return lines.size() > 1 ? lines.get(1) : "";
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
    }

    private List<String> folders() throws Exception {
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
