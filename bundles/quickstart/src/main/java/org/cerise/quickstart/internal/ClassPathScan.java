package org.cerise.quickstart.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Constants;

/**
 * What the class path holds for the container, read from the jars' manifests: the bundles to
 * install, the packages the framework shares from the class path, and the framework's JDK
 * exports.
 *
 * <p>Reading it means reading every jar's manifest (Jetty's runs to tens of kilobytes) and
 * Felix's default properties, some 30-60 ms of a start-up in the JVM's first, interpreted
 * moments. So the result is kept beside the framework caches, in a file per class path and JDK,
 * with the {@link FrameworkCache#stamp} of every class path entry, the JDK and this code it was
 * computed by: a later start checks those (a stat per entry) and reads the file instead. Anything changed, or a file
 * that does not parse, means scanning, as without the file. A class path that its entries do
 * not describe alone (a jar's {@code Class-Path}, a class loader that is not a plain class path)
 * is scanned through the class loader at each start, and nothing is kept.
 *
 * @param atOnce the bundles a first request needs, in class path order (the first of a
 *        symbolic name wins)
 * @param later the bundles that can wait until the first request is answered
 *        ({@link #deferrable}), in class path order. They are installed after the apps, and
 *        uninstalled at stop, so that the kept framework cache holds only what a first request
 *        needs: Felix reads and parses the manifest of every bundle in its cache when it
 *        initialises.
 * @param sharedExports the value of {@code org.osgi.framework.system.packages.extra}: the shared
 *        bundles' exports
 * @param systemPackages the value of {@code org.osgi.framework.system.packages}, or {@code null}
 *        to keep Felix's default: the OSGi API (Felix's own list) and, of the JDK's packages, only
 *        those the bundles import. By default Felix exports every package of every JDK module,
 *        about 12,000 characters of header that it builds and parses at each start; the short
 *        list saves a good part of the framework's start-up.
 * @param fromFile whether this came from the kept file rather than from the jars
 */
record ClassPathScan(List<Path> atOnce, List<Path> later, String sharedExports, String systemPackages,
        boolean fromFile) {

    /** Bundles that stay on the class path, shared with the application. */
    private static final Set<String> SHARED = Set.of("org.cerise.api", "slf4j.api");
    /** Jars on the class path that are not bundles of the container. */
    private static final List<String> NOT_INSTALLED = List.of("org.apache.felix.framework", "slf4j.",
            "ch.qos.logback.", "org.apache.logging.log4j",
            // the test class path (cerise-testkit and JUnit 5's jars are bundles too): the
            // container has no use for them, and installing them costs start-up time
            "org.cerise.testkit", "junit-", "org.junit.", "org.opentest4j", "org.apiguardian", "org.jacoco.",
            "org.hamcrest", "org.assertj", "org.mockito", "net.bytebuddy");
    /** Cerise's bundles a first request needs among its tools and dispatchers (see {@link #isOptionalPiece}). */
    private static final Set<String> CORE_BUNDLES = Set.of("org.cerise.api", "org.cerise.core",
            "org.cerise.dispatch.tree", "org.cerise.tool.trailingslash", "org.cerise.tool.encode",
            "org.cerise.tool.logging", "org.cerise.http.jetty");
    /** The first line of a kept scan; another version of this class writes another. */
    private static final String FORMAT = "cerise-quickstart class path scan 4";
    /** The last line of a kept scan: a file without it was cut short. */
    private static final String END = "end";

    /** A bundle of the class path, with the packages it exports and imports. */
    record Bundle(Path jar, String symbolicName, Set<String> exports, Set<String> imports) {
    }

    /**
     * The class path of {@code loader}: the kept scan if it still describes it, else a scan of
     * its jars (kept for the next start when it can be checked).
     *
     * @param loader the class loader that loaded Cerise: the class path of a plain
     *        {@code java -cp} run, or the one Maven's {@code exec:java} builds ({@code java.class.path}
     *        names Maven's own jars there)
     * @param keptIn the folder of the kept scans; {@code null} to scan and keep nothing
     */
    static ClassPathScan of(ClassLoader loader, Path keptIn) throws IOException {
        List<Path> entries = entries(loader);
        if (entries == null) {
            return scanResources(loader); // what an unknown loader finds; nothing to check a kept scan against
        }
        List<String> state = null;
        Path file = null;
        if (keptIn != null) {
            state = state(entries);
            // one file per class path and JDK: two JDKs on one class path do not overwrite each other's
            List<String> identity = new ArrayList<>();
            identity.add(state.get(0));
            entries.forEach(p -> identity.add(p.toString()));
            file = keptIn.resolve("classpath-" + FrameworkCache.hash(identity) + ".scan");
            ClassPathScan kept = read(file, state);
            if (kept != null) {
                return kept;
            }
        }
        ClassPathScan scanned = scanEntries(entries);
        if (scanned == null) {
            return scanResources(loader); // a jar's Class-Path: the loader searches more than the entries
        }
        if (file != null) {
            write(file, state, scanned);
        }
        return scanned;
    }

    /**
     * The class path entries of a loader and its parents up to the platform loader, parents
     * first (as {@code getResources} returns them), or {@code null} where a loader's entries
     * cannot be listed: a loader that is neither the application class loader nor a plain
     * {@code URLClassLoader} (a subclass may look resources up elsewhere, as Maven's realms do).
     */
    static List<Path> entries(ClassLoader loader) {
        List<List<Path>> chain = new ArrayList<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (ClassLoader l = loader; l != null && l != platform; l = l.getParent()) {
            List<Path> own = new ArrayList<>();
            if (l == ClassLoader.getSystemClassLoader()) {
                if (System.getProperty("jdk.module.path") != null || System.getProperty("jdk.boot.class.path.append") != null) {
                    return null; // jars the loader (or its parents) find that java.class.path does not name
                }
                for (String p : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                    if (!p.isEmpty()) {
                        try {
                            // not normalized: "bin/../lib" goes through a linked bin as the loader's does
                            own.add(Path.of(p).toAbsolutePath());
                        } catch (java.nio.file.InvalidPathException e) {
                            return null;
                        }
                    }
                }
            } else if (l.getClass() == URLClassLoader.class) {
                URLClassLoader u = (URLClassLoader) l;
                for (URL url : u.getURLs()) {
                    if (!"file".equals(url.getProtocol())) {
                        return null;
                    }
                    Path entry;
                    try {
                        entry = Path.of(url.toURI()).toAbsolutePath();
                    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                        return null;
                    }
                    if (url.getPath().endsWith("/") && !Files.isDirectory(entry)) {
                        return null; // a folder to the loader, a jar to JarFile
                    }
                    own.add(entry);
                }
            } else {
                return null;
            }
            chain.add(0, own);
        }
        List<Path> all = new ArrayList<>();
        chain.forEach(all::addAll);
        return all;
    }

    /**
     * What a kept scan is checked against: the JDK (its folder, version and the modules of the
     * boot layer, which {@code --add-modules} or {@code --limit-modules} change: the framework's
     * JDK exports come from them), the code of this scan (its rules, even from a folder of
     * classes), then each entry's path and {@link FrameworkCache#stamp}.
     */
    private static List<String> state(List<Path> entries) {
        List<String> lines = new ArrayList<>(entries.size() + 2);
        List<String> modules = new ArrayList<>();
        for (Module m : ModuleLayer.boot().modules()) {
            modules.add(m.getName());
        }
        Collections.sort(modules);
        lines.add("jdk\t" + System.getProperty("java.home") + "\t" + Runtime.version() + "\t" + FrameworkCache.hash(modules));
        lines.add("code\t" + FrameworkCache.stamp(ownCode()));
        for (Path p : entries) {
            lines.add("entry\t" + p + "\t" + FrameworkCache.stamp(p));
        }
        return lines;
    }

    /** The jar of this class, or its class file in a folder of classes (a build of the quickstart itself). */
    private static Path ownCode() {
        try {
            Path location = Path.of(ClassPathScan.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location.resolve(ClassPathScan.class.getName().replace('.', '/') + ".class") : location;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("unknown"); // stamped "missing": a change of the code is not seen, the entries' still are
        }
    }

    /** The kept scan in {@code file} if it was made on {@code state}, else {@code null}. */
    private static ClassPathScan read(Path file, List<String> state) {
        ClassPathScan kept;
        try {
            kept = parse(state, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null; // none yet, unreadable or damaged (a path that is none): scanned and written again
        }
        if (kept != null) {
            try {
                // the file's time says when it was last used (pruning keeps the latest)
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // only pruning reads it
            }
        }
        return kept;
    }

    private static ClassPathScan parse(List<String> state, List<String> lines) {
        int n = state.size();
        if (lines.size() < n + 4 || !FORMAT.equals(lines.get(0)) || !lines.subList(1, n + 1).equals(state)) {
            return null;
        }
        String shared = field(lines.get(n + 1), "shared");
        String system = field(lines.get(n + 2), "system");
        if (shared == null || system == null) {
            return null;
        }
        if (!END.equals(lines.get(lines.size() - 1))) {
            return null; // cut short
        }
        List<Path> atOnce = new ArrayList<>();
        List<Path> later = new ArrayList<>();
        for (String line : lines.subList(n + 3, lines.size() - 1)) {
            String jar = field(line, "now");
            if (jar != null) {
                atOnce.add(Path.of(jar));
            } else if ((jar = field(line, "later")) != null) {
                later.add(Path.of(jar));
            } else {
                return null;
            }
        }
        return new ClassPathScan(List.copyOf(atOnce), List.copyOf(later), shared, system.isEmpty() ? null : system, true);
    }

    private static String field(String line, String name) {
        return line.startsWith(name + "\t") ? line.substring(name.length() + 1) : null;
    }

    /** Writes the scan beside the caches (a temporary file moved in place: a reader sees all or nothing). */
    private static void write(Path file, List<String> state, ClassPathScan scan) {
        List<String> lines = new ArrayList<>(state.size() + scan.atOnce.size() + scan.later.size() + 3);
        lines.add(FORMAT);
        lines.addAll(state);
        lines.add("shared\t" + scan.sharedExports);
        lines.add("system\t" + (scan.systemPackages == null ? "" : scan.systemPackages));
        scan.atOnce.forEach(p -> lines.add("now\t" + p));
        scan.later.forEach(p -> lines.add("later\t" + p));
        lines.add(END);
        for (String line : lines) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                return; // a path with a line break: not kept, scanned at each start (a tab is fine: fields are prefixes)
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not kept: the next start scans again
        }
    }

    /**
     * Sorts the class path into bundles to install and packages to share, from the manifests of
     * the entries' jars, read directly rather than through the class loader's resources and
     * {@code jar:} URLs (the JDK shares a jar's parsed index with the loader's open copy).
     *
     * @return the scan, or {@code null} if a jar names others in its {@code Class-Path} (the
     *         class loader searches those too: {@link #scanResources} sees what it sees)
     */
    static ClassPathScan scanEntries(List<Path> entries) {
        Collector found = new Collector();
        for (Path entry : entries) {
            Manifest manifest;
            try (JarFile jar = new JarFile(entry.toFile(), false)) {
                manifest = jar.getManifest();
            } catch (IOException e) {
                continue; // a folder (never a bundle here), a missing entry or not a jar: the class loader skips it too
            }
            if (manifest == null) {
                continue;
            }
            Attributes main = manifest.getMainAttributes();
            String classPath = main.getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null && !classPath.isBlank()) {
                return null;
            }
            found.add(entry, main);
        }
        return found.result();
    }

    /** Sorts the class path into bundles to install and packages to share, from the manifests {@code loader} finds. */
    static ClassPathScan scanResources(ClassLoader loader) throws IOException {
        Collector found = new Collector();
        for (Enumeration<URL> e = loader.getResources(JarFile.MANIFEST_NAME); e.hasMoreElements();) {
            URL url = e.nextElement();
            Path jar = jarOf(url);
            if (jar == null) {
                continue; // a folder's or a module's manifest: never installed
            }
            try (InputStream in = url.openStream()) {
                found.add(jar, new Manifest(in).getMainAttributes());
            }
        }
        return found.result();
    }

    /** The bundles of the manifests it is given, in class path order. */
    private static final class Collector {
        private final Set<String> seen = new HashSet<>();
        private final List<Bundle> bundles = new ArrayList<>();
        private final StringBuilder shared = new StringBuilder();
        private final Set<String> imports = new HashSet<>();

        void add(Path jar, Attributes main) {
            String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null) {
                return;
            }
            bsn = bsn.split(";", 2)[0].strip();
            if (!seen.add(bsn)) {
                return; // the first on the class path wins, as for classes
            }
            if (SHARED.contains(bsn)) {
                String exports = main.getValue(Constants.EXPORT_PACKAGE);
                if (exports != null) {
                    if (shared.length() > 0) {
                        shared.append(',');
                    }
                    shared.append(exports);
                }
                return;
            }
            if (notInstalled(bsn)) {
                return;
            }
            Set<String> imported = packageNames(main.getValue(Constants.IMPORT_PACKAGE));
            bundles.add(new Bundle(jar, bsn, packageNames(main.getValue(Constants.EXPORT_PACKAGE)), imported));
            imports.addAll(imported);
        }

        ClassPathScan result() {
            Set<Bundle> deferred = deferrable(bundles);
            List<Path> atOnce = new ArrayList<>();
            List<Path> later = new ArrayList<>();
            for (Bundle b : bundles) {
                (deferred.contains(b) ? later : atOnce).add(b.jar());
            }
            return new ClassPathScan(List.copyOf(atOnce), List.copyOf(later), shared.toString(), systemPackages(imports), false);
        }
    }

    /**
     * Cerise's pieces that a first request to an app with the default config does not need: the
     * tools but those on by default, the dispatchers but the tree, the session stores. The API,
     * the core, the Jetty integration, Cerise's apps (the examples) and whatever is not Cerise's
     * (the OSGi stack, the user's own bundles) are needed.
     */
    private static boolean isOptionalPiece(String bsn) {
        return (bsn.startsWith("org.cerise.tool.") || bsn.startsWith("org.cerise.dispatch.")
                || bsn.startsWith("org.cerise.session.")) && !CORE_BUNDLES.contains(bsn);
    }

    /**
     * The bundles that can wait until the first request is answered: all but those needed at
     * once and what they import from. Needed at once: Cerise's bundles but the optional pieces
     * ({@link #isOptionalPiece}), and the bundles nobody on the class path imports from (the
     * application's own, SCR). What they import from is needed too, transitively (the user's
     * bundle that uses the JSON tool's API makes the JSON tool and Jackson needed). So the
     * optional pieces wait, and the libraries only they use (Jackson) with them.
     */
    static Set<Bundle> deferrable(List<Bundle> bundles) {
        int n = bundles.size();
        // importedBy[i]: does any other bundle import a package bundle i exports?
        boolean[] imported = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n && !imported[i]; j++) {
                imported[i] = j != i && !Collections.disjoint(bundles.get(j).imports(), bundles.get(i).exports());
            }
        }
        boolean[] needed = new boolean[n];
        ArrayDeque<Integer> toVisit = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            String bsn = bundles.get(i).symbolicName();
            if (bsn.startsWith("org.cerise.") ? !isOptionalPiece(bsn) : !imported[i]) {
                needed[i] = true;
                toVisit.add(i);
            }
        }
        while (!toVisit.isEmpty()) {
            Set<String> imports = bundles.get(toVisit.poll()).imports();
            for (int j = 0; j < n; j++) {
                if (!needed[j] && !Collections.disjoint(imports, bundles.get(j).exports())) {
                    needed[j] = true;
                    toVisit.add(j);
                }
            }
        }
        // by identity: the records' equals would compare their package sets
        Set<Bundle> result = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                result.add(bundles.get(i));
            }
        }
        return result;
    }

    private static boolean notInstalled(String bsn) {
        for (String prefix : NOT_INSTALLED) {
            if (bsn.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** See {@link #systemPackages()}. */
    private static String systemPackages(Set<String> imports) {
        Properties defaults = new Properties();
        try (InputStream in = FrameworkFactory.class.getResourceAsStream("/default.properties")) {
            if (in == null) {
                return null;
            }
            defaults.load(in);
        } catch (IOException e) {
            return null;
        }
        String osgi = defaults.getProperty("osgi-exports");
        if (osgi == null || osgi.contains("${")) {
            return null;
        }
        StringBuilder sb = new StringBuilder(osgi.strip());
        Set<String> jdk = new TreeSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            for (java.lang.module.ModuleDescriptor.Exports e : m.getDescriptor().exports()) {
                if (!e.isQualified() && imports.contains(e.source())) {
                    jdk.add(e.source());
                }
            }
        }
        for (String p : jdk) {
            sb.append(',').append(p);
        }
        return sb.toString();
    }

    /** The package names of an Import-Package or Export-Package header (clauses may name several packages). */
    static Set<String> packageNames(String header) {
        Set<String> names = new HashSet<>();
        if (header == null) {
            return names;
        }
        // indexOf rather than a loop over each character (headers such as Jetty's Export-Package
        // run to tens of kilobytes, read while the JVM still interprets this code), each
        // character's next position remembered until passed, so the header is read once.
        int length = header.length();
        int semicolon = -2;
        int comma = -2;
        int quote = -2;
        int at = 0;
        while (at < length) {
            semicolon = nextOf(header, ';', at, semicolon);
            comma = nextOf(header, ',', at, comma);
            int end = Math.min(semicolon < 0 ? length : semicolon, comma < 0 ? length : comma);
            String token = header.substring(at, end).strip();
            if (!token.isEmpty() && token.indexOf('=') < 0 && token.indexOf('"') < 0) {
                names.add(token);
                at = end + 1; // the clause's next package, or the next clause
                continue;
            }
            // An attribute or directive: the clause ends at the next comma outside quotes.
            while (true) {
                comma = nextOf(header, ',', at, comma);
                quote = nextOf(header, '"', at, quote);
                if (quote >= 0 && (comma < 0 || quote < comma)) {
                    int close = header.indexOf('"', quote + 1);
                    at = close < 0 ? length : close + 1;
                } else {
                    at = comma < 0 ? length : comma + 1;
                    break;
                }
            }
        }
        return names;
    }

    /** The position of {@code c} at or after {@code from}: {@code known} if still ahead (or -1, none left), else searched. */
    private static int nextOf(String header, char c, int from, int known) {
        return known == -1 || known >= from ? known : header.indexOf(c, from);
    }

    /** The jar file of a {@code jar:file:/x.jar!/META-INF/MANIFEST.MF} URL; {@code null} for a folder. */
    private static Path jarOf(URL manifest) {
        if (!"jar".equals(manifest.getProtocol())) {
            return null;
        }
        String spec = manifest.getPath();
        int bang = spec.indexOf("!/");
        if (bang < 0 || !spec.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(spec.substring(0, bang)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
