package org.cerise.tool.staticfiles.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.cerise.api.HttpError;

/**
 * A folder (or, for {@code staticfile}, a single file) on disk. A request that finds its file in
 * the cache costs one {@code stat}: the cached copy is used while the file keeps its file key
 * (inode), size and modification time; anything else reads it again. A file is served only if
 * its real path (symbolic links resolved) is inside the folder's real path, compared by path
 * components.
 */
final class DiskFolder implements Folder {

    private final Path root;
    private final ContentTypes types;
    private final FileCache cache;
    private final long maxFileBytes;
    /** The root with links resolved, found once it exists. */
    private volatile Path realRoot;

    /**
     * @param root         the absolute, normalized folder (or file)
     * @param types        the scope's Content-Types
     * @param cache        the scope's cache
     * @param maxFileBytes the largest file whose bytes are cached
     */
    DiskFolder(Path root, ContentTypes types, FileCache cache, long maxFileBytes) {
        this.root = root;
        this.types = types;
        this.cache = cache;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public StaticFile find(String rel) throws IOException {
        StaticFile cached = cache.get(rel);
        Path p;
        if (cached != null) {
            p = cached.path();
        } else {
            try {
                p = rel.isEmpty() ? root : root.resolve(rel);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            if (cached != null) {
                cache.remove(rel);
            }
            return null;
        }
        if (cached != null && cached.unchanged(attrs)) {
            return cached;
        }
        if (!attrs.isRegularFile()) {
            if (cached != null) {
                cache.remove(rel);
            }
            return null;
        }
        Path real = realRoot();
        if (real == null) {
            return null;
        }
        Path target;
        try {
            target = p.toRealPath();
        } catch (IOException e) {
            return null;
        }
        if (!target.startsWith(real)) {
            // a symbolic link out of the served folder
            cache.remove(rel);
            throw new HttpError(403);
        }
        StaticFile f = StaticFile.disk(p, attrs, types.of(p.toString()), maxFileBytes);
        if (f == null) {
            // it changed while it was read: send it from disk this time
            f = StaticFile.disk(p, attrs, types.of(p.toString()), -1);
        } else {
            cache.put(rel, f);
        }
        return f;
    }

    private Path realRoot() {
        Path r = realRoot;
        if (r == null) {
            try {
                r = root.toRealPath();
            } catch (IOException e) {
                return null;
            }
            realRoot = r;
        }
        return r;
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
