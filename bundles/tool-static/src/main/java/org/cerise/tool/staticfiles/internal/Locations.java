package org.cerise.tool.staticfiles.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.ToolSetup;
import org.slf4j.Logger;

/**
 * Reads where a static scope's files are, from {@code dir}/{@code filename} and {@code root}:
 *
 * <ul>
 * <li>{@code bundle:/public} (or {@code bundle:public}): the folder {@code public} of the app's own
 * bundle;</li>
 * <li>an absolute path (after {@code ~} expansion): that path on disk; {@code root} is not
 * used;</li>
 * <li>a relative path: joined to {@code root}, which is either {@code bundle:} (with an
 * optional folder, {@code bundle:/web}) or an absolute path on disk; without {@code root}, the
 * app does not mount (CherryPy fails each request with a 500 instead).</li>
 * </ul>
 */
final class Locations {

    /** The scheme that names the app's own bundle. */
    static final String BUNDLE = "bundle:";

    private Locations() {
    }

    /**
     * @param setup        the tool's setup
     * @param arg          the argument holding the path ({@code dir} or {@code filename})
     * @param spec         its value
     * @param root         {@code root}, or {@code null}/empty
     * @param types        the scope's Content-Types
     * @param cache        the scope's cache
     * @param maxFileBytes the largest file whose bytes are cached
     * @param log          where to say that the folder is not there (yet)
     * @return the folder
     * @throws ConfigException naming the argument when the location cannot be served
     */
    static Folder folder(ToolSetup setup, String arg, String spec, String root, ContentTypes types, FileCache cache,
            long maxFileBytes, Logger log) throws ConfigException {
        String path = expandUser(spec);
        if (path.startsWith(BUNDLE)) {
            return bundle(setup, arg, "", path.substring(BUNDLE.length()), types, cache, maxFileBytes, log);
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw setup.badArg(arg, "is not a valid path: " + e.getMessage());
        }
        if (!p.isAbsolute()) {
            if (root == null || root.isEmpty()) {
                throw setup.badArg(arg, "is relative: make it absolute, or set tools." + setup.toolName()
                        + ".root to an absolute folder, or to 'bundle:' to serve from the app's own bundle");
            }
            String r = expandUser(root);
            if (r.startsWith(BUNDLE)) {
                return bundle(setup, arg, r.substring(BUNDLE.length()), path, types, cache, maxFileBytes, log);
            }
            Path rp;
            try {
                rp = Path.of(r);
            } catch (InvalidPathException e) {
                throw setup.badArg("root", "is not a valid path: " + e.getMessage());
            }
            if (!rp.isAbsolute()) {
                throw setup.badArg("root", "must be an absolute folder, or 'bundle:' for the app's own bundle");
            }
            p = rp.resolve(p);
        }
        p = p.normalize();
        if (!Files.exists(p)) {
            log.warn("tools.{}.{} in the config for {} names {}, which does not exist (yet): requests there fall "
                    + "through to the handlers until it does", setup.toolName(), arg, setup.path(), p);
        }
        return new DiskFolder(p, types, cache, maxFileBytes);
    }

    private static Folder bundle(ToolSetup setup, String arg, String base, String rel, ContentTypes types,
            FileCache cache, long maxFileBytes, Logger log) throws ConfigException {
        String joined = Branches.normalize(base.replace('\\', '/') + "/" + rel.replace('\\', '/'));
        if (joined == Branches.FORBIDDEN || joined == Branches.NOT_A_FILE || joined.contains("%")) {
            throw setup.badArg(arg, "must name a folder inside the app's bundle, e.g. 'bundle:/public'");
        }
        if (setup.appEntry(joined.isEmpty() ? "/" : joined + "/") == null && setup.appEntry(joined) == null) {
            log.warn("tools.{}.{} in the config for {} names bundle:/{}, which the app's bundle does not have: "
                    + "requests there fall through to the handlers", setup.toolName(), arg, setup.path(), joined);
        }
        return new BundleFolder(joined, setup::appEntry, types, cache, maxFileBytes);
    }

    /** Python's {@code os.path.expanduser} for {@code ~} and {@code ~/...}. */
    private static String expandUser(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
