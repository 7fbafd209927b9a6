package org.cerise.tool.staticfiles.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A folder (or, for {@code staticfile}, a single entry) of the app's own bundle. Entries do not
 * change while the app is mounted, so a found entry is cached without validation: a cached
 * answer costs no I/O at all.
 */
final class BundleFolder implements Folder {

    private final String folder;
    private final Function<String, URL> entries;
    private final ContentTypes types;
    private final FileCache cache;
    private final long maxFileBytes;
    private final long mountedSince = System.currentTimeMillis();

    /**
     * @param folder       the folder (or entry) inside the bundle, normalized, no leading or
     *                     trailing slash; {@code ""} for the bundle's root
     * @param entries      the app's bundle entries ({@code ToolSetup.appEntry})
     * @param types        the scope's Content-Types
     * @param cache        the scope's cache
     * @param maxFileBytes the largest entry whose bytes are cached
     */
    BundleFolder(String folder, Function<String, URL> entries, ContentTypes types, FileCache cache,
            long maxFileBytes) {
        this.folder = folder;
        this.entries = entries;
        this.types = types;
        this.cache = cache;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public StaticFile find(String rel) throws IOException {
        StaticFile cached = cache.get(rel);
        if (cached != null) {
            return cached;
        }
        String name = rel.isEmpty() ? folder : folder.isEmpty() ? rel : folder + "/" + rel;
        if (name.isEmpty()) {
            return null;
        }
        URL url = entries.apply(name);
        if (url == null || isFolder(url, name)) {
            return null;
        }
        StaticFile f = StaticFile.entry(url, "/" + name, types.of(name), maxFileBytes, mountedSince);
        cache.put(rel, f);
        return f;
    }

    /**
     * A folder entry: a directory on disk (a class path folder in tests), or a name the bundle
     * also has with a trailing slash (ZipFile finds "a" for "a/").
     */
    private boolean isFolder(URL url, String name) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Files.isDirectory(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return true;
            }
        }
        return url.getPath().endsWith("/") || entries.apply(name + "/") != null;
    }

    @Override
    public String describe() {
        return "bundle:/" + folder;
    }
}
