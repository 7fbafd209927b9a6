package org.cerise.quickstart.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The framework cache (Felix's storage folder) of an embedded container.
 *
 * <p>A fresh cache means installing every bundle again at each start: Felix writes a folder and
 * its bookkeeping per bundle, and SCR parses every component's XML (the JDK's XML parser is a
 * good part of the classes loaded at start-up). So the cache is kept between runs, in
 * {@code $XDG_CACHE_HOME/cerise/quickstart/<key>} (else {@code ~/.cache/...}), where the key is a
 * hash of the class path's bundles (path, size and modification time of each jar): a jar that
 * changes, or a class path with another set of bundles, gets another cache, so no stale bundle
 * is ever used. Only what derives from the jars is kept: the bundles' data areas (Config Admin's
 * configurations, a store's files) are emptied at each start, except SCR's, which holds its
 * parsed component descriptions.
 *
 * <p>Two JVMs never share a cache: a file lock ({@code <key>.lock}) is held while the container
 * runs, and a JVM that finds it taken (or the same JVM starting a second container) falls back
 * to a fresh temporary cache, deleted at stop, as does {@code -Dcerise.quickstart.cache=false}.
 * At most {@value #KEEP} caches are kept: older ones, unused for a day, are removed at stop.
 */
final class FrameworkCache {

    /** Caches kept, the most recently used ones (each is small: bookkeeping, no copied jars). */
    static final int KEEP = 8;
    /** Property: {@code false} for a fresh cache at each start, or the folder that holds the caches. */
    static final String PROPERTY = "cerise.quickstart.cache";

    private final Path dir;
    private final boolean persistent;
    private final boolean reused;
    private final FileChannel channel;
    private final FileLock lock;

    private FrameworkCache(Path dir, boolean persistent, boolean reused, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.persistent = persistent;
        this.reused = reused;
        this.channel = channel;
        this.lock = lock;
    }

    /** The folder for Felix's {@code org.osgi.framework.storage}. */
    Path dir() {
        return dir;
    }

    /** Whether this cache is kept after the run (else it is a temporary folder). */
    boolean persistent() {
        return persistent;
    }

    /** Whether this cache was filled by an earlier run (its bundles are installed already). */
    boolean reused() {
        return reused;
    }

    /**
     * The cache for these bundles: the persistent one if it can be had, else a fresh temporary
     * folder.
     *
     * @param bundles the jars that will be installed, in class path order
     * @param reason receives why the persistent cache is not used, if it is not
     */
    static FrameworkCache open(List<Path> bundles, StringBuilder reason) throws IOException {
        Path base = base();
        if (base == null) {
            reason.append(PROPERTY).append("=false");
            return temporary();
        }
        String key = key(bundles);
        FileChannel channel = null;
        try {
            Files.createDirectories(base);
            Path lockFile = base.resolve(key + ".lock");
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM runs a container on it already
            }
            if (lock == null) {
                channel.close();
                reason.append(base.resolve(key)).append(" is in use by another container");
                return temporary();
            }
            // the lock file's time says when the cache was last used (pruning keeps the latest)
            Files.setLastModifiedTime(lockFile, FileTime.fromMillis(System.currentTimeMillis()));
            Path dir = base.resolve(key);
            boolean reused = Files.isDirectory(dir);
            return new FrameworkCache(dir, true, reused, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            reason.append(base).append(" cannot be used: ").append(e);
            return temporary();
        }
    }

    /**
     * The folder that holds the kept caches (and the kept class path scans, see
     * {@link ClassPathScan}), or {@code null} if {@code -Dcerise.quickstart.cache=false}.
     */
    static Path base() {
        String setting = System.getProperty(PROPERTY, "").strip();
        if (setting.equalsIgnoreCase("false")) {
            return null;
        }
        if (!setting.isEmpty() && !setting.equalsIgnoreCase("true")) {
            return Path.of(setting);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("cerise").resolve("quickstart");
    }

    private static FrameworkCache temporary() throws IOException {
        return new FrameworkCache(Files.createTempDirectory("cerise-"), false, false, null, null);
    }

    /** The {@link #hash} of the bundles' paths and {@link #stamp}s, and the framework jar's. */
    static String key(List<Path> bundles) {
        List<Path> all = new ArrayList<>(bundles);
        Path framework = jarOf(org.apache.felix.framework.Felix.class);
        if (framework != null) {
            all.add(framework);
        }
        List<String> lines = new ArrayList<>(all.size());
        for (Path jar : all) {
            lines.add(jar.toAbsolutePath() + "\t" + stamp(jar));
        }
        return hash(lines);
    }

    /**
     * What tells a file's version, from one {@code stat}: its size, modification time, and where
     * the system has them its change time and inode, which no copying tool sets (a jar rebuilt
     * with the same size and a kept or fixed modification time, as {@code cp -p} or Jib leave
     * it, is told apart); {@code folder}, {@code missing} or {@code unreadable} otherwise.
     */
    static String stamp(Path file) {
        try {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(file, "unix:isDirectory,size,lastModifiedTime,ctime,ino");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                a = Files.readAttributes(file, "isDirectory,size,lastModifiedTime");
            }
            if (Boolean.TRUE.equals(a.get("isDirectory"))) {
                return "folder";
            }
            StringBuilder sb = new StringBuilder().append(a.get("size")).append('\t')
                    .append(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.MICROSECONDS));
            if (a.get("ctime") instanceof FileTime changed) {
                sb.append('\t').append(changed.to(TimeUnit.MICROSECONDS)).append('\t').append(a.get("ino"));
            }
            return sb.toString();
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * Two 64-bit FNV-1a hashes with different seeds of the lines, in hex. Not a cryptographic
     * digest on purpose: the JDK's MessageDigest loads the security providers, tens of
     * milliseconds of a start-up, and a key only has to tell class paths apart.
     */
    static String hash(List<String> lines) {
        long h1 = 0xcbf29ce484222325L;
        long h2 = 0x84222325cbf29ce4L;
        for (String line : lines) {
            String entry = line + "\n";
            for (int i = 0; i < entry.length(); i++) {
                char c = entry.charAt(i);
                h1 = (h1 ^ c) * 0x100000001b3L;
                h2 = (h2 ^ c) * 0x100000001b3L + i;
            }
        }
        return hex(h1) + hex(h2);
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    private static Path jarOf(Class<?> type) {
        try {
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** Empties the cache so that the framework starts afresh in it (a broken or partial cache). */
    void wipe() {
        delete(dir);
    }

    /**
     * Ends the use of the cache: a temporary one is deleted; a persistent one is unlocked, and
     * the oldest caches beyond {@value #KEEP} that no one uses are removed.
     */
    void close() {
        if (!persistent) {
            delete(dir);
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel, or with the JVM
        }
        prune(dir.getParent());
    }

    private static void prune(Path base) {
        List<Path> locks = new ArrayList<>();
        List<Path> scans = new ArrayList<>();
        try (Stream<Path> s = Files.list(base)) {
            s.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.endsWith(".lock")) {
                    locks.add(p);
                } else if (name.endsWith(".scan") || name.endsWith(".tmp")) {
                    scans.add(p); // and a scan's temporary file left by a JVM killed while it wrote
                }
            });
        } catch (IOException e) {
            return;
        }
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        // a kept class path scan needs no lock: one deleted under a starting JVM means a scan
        for (Path scan : oldest(scans)) {
            if (modified(scan).toMillis() <= dayAgo) {
                try {
                    Files.deleteIfExists(scan);
                } catch (IOException e) {
                    // left for a later run
                }
            }
        }
        for (Path lockFile : oldest(locks)) {
            if (modified(lockFile).toMillis() > dayAgo) {
                continue; // recently used: a JVM may be about to open it
            }
            try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock l = c.tryLock();
                if (l == null) {
                    continue; // in use
                }
                String name = lockFile.getFileName().toString();
                delete(base.resolve(name.substring(0, name.length() - ".lock".length())));
                Files.deleteIfExists(lockFile);
                l.release();
            } catch (IOException | OverlappingFileLockException e) {
                // in use or gone: left for a later run
            }
        }
    }

    /** The files beyond the {@value #KEEP} most recently modified ones. */
    private static List<Path> oldest(List<Path> files) {
        if (files.size() <= KEEP) {
            return List.of();
        }
        // each time read once: another JVM may touch a file while this one sorts
        Map<Path, FileTime> times = new java.util.HashMap<>();
        files.forEach(f -> times.put(f, modified(f)));
        files.sort(Comparator.comparing(times::get).reversed());
        return files.subList(KEEP, files.size());
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Deletes a folder and its contents, as far as possible. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a cache: what is left is removed with the next prune or by the system
        }
    }
}
