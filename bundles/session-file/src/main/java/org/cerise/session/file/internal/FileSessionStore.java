package org.cerise.session.file.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cerise.api.session.CeriseSessionStore;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.cerise.session.file.internal.SessionFileFormat.Corrupt;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code FileSession}: one file per session, {@code session-<id>}, in the directory
 * {@code storage_path}, locked with {@code session-<id>.lock}. Sessions outlive a restart of the
 * container, and several containers may share the directory.
 *
 * <ul>
 * <li>A save writes a temporary file in the same directory, forces it to disk and renames it over
 * the session file atomically: a crash at any moment leaves the old session or the new one, never
 * a torn one. The format is this store's own ({@link SessionFileFormat}: expiry, length, data,
 * checksum), never Java serialization.</li>
 * <li>A lock excludes threads of this JVM and other processes ({@link LockFiles}); the OS frees
 * the locks of a process that dies.</li>
 * <li>A file in the directory that is not a whole session file of this format is skipped with a
 * warning naming it (once per file and version of it), never loaded, never fatal.</li>
 * <li>Ids are checked ({@link SessionStore#checkId}), and every path is checked to stay in the
 * directory anyway; session files are opened without following symbolic links.</li>
 * </ul>
 */
@Component(service = SessionStore.class, configurationPid = FileSessionStore.PID)
@CeriseSessionStore("file")
@Designate(ocd = FileSessionStore.Config.class)
public final class FileSessionStore implements SessionStore {

    /** The configuration PID. */
    static final String PID = "org.cerise.session.file";

    static final String PREFIX = "session-";
    static final String LOCK_SUFFIX = ".lock";
    static final String TEMP_SUFFIX = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(FileSessionStore.class);

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
            LinkOption.NOFOLLOW_LINKS);

    /** The settings of the file store (metatype; the values are read and checked by {@link Settings}). */
    @ObjectClassDefinition(name = "Cerise file session store",
            description = "CherryPy's FileSession: one file per session in a directory (tools.sessions.storage = 'file')")
    public @interface Config {
        /** @return the directory of the session files */
        @AttributeDefinition(name = "storage_path", required = false,
                description = "Directory of the session files; created if missing; relative paths from the working "
                        + "directory. Empty (default): 'sessions' in the bundle's data area.")
        String storage__path() default "";

        /** @return whether a save waits for the disk */
        @AttributeDefinition(name = "fsync", required = false,
                description = "Force each saved file and its directory entry to disk before the save returns "
                        + "(survives power loss; a killed process never tears a file either way)")
        boolean fsync() default Settings.DEFAULT_FSYNC;

        /** @return how often a lock held by another process is tried again */
        @AttributeDefinition(name = "lock_poll_ms", required = false, min = "1", max = "60000",
                description = "Milliseconds between attempts to take a session lock that another process holds")
        int lock__poll__ms() default Settings.DEFAULT_LOCK_POLL_MS;

        /** @return the age of an abandoned temporary file */
        @AttributeDefinition(name = "temp_max_age_s", required = false, min = "1",
                description = "Seconds after which the periodic clean-up deletes a temporary file left by an "
                        + "interrupted save")
        int temp__max__age__s() default Settings.DEFAULT_TEMP_MAX_AGE_S;
    }

    private final Path dir;
    private final boolean fsync;
    private final boolean syncDirectory;
    private final long lockPollMillis;
    private final Duration tempMaxAge;
    private final FileAttribute<?>[] fileAttributes;
    private final LockFiles locks;
    /** Files already warned about, by name, with the size and time of the version warned about. */
    private final Map<String, String> warned = new ConcurrentHashMap<>();

    /**
     * Activates the store with its configuration.
     *
     * @param context    the bundle's context (its data area holds the default directory)
     * @param properties the configuration
     * @throws SessionStoreException    if the directory cannot be created or written
     * @throws IllegalArgumentException if a setting is not acceptable (naming its key)
     */
    @Activate
    public FileSessionStore(BundleContext context, Map<String, Object> properties) throws SessionStoreException {
        this(Settings.from(properties, () -> {
            File area = context.getDataFile(Settings.DATA_AREA_DIRECTORY);
            return area == null ? null : area.toPath();
        }));
    }

    /**
     * @param settings the checked settings
     * @throws SessionStoreException if the directory cannot be created or written
     */
    FileSessionStore(Settings settings) throws SessionStoreException {
        Path wanted = settings.storagePath();
        boolean posix = wanted.getFileSystem().supportedFileAttributeViews().contains("posix");
        // sessions are secrets: only the container's user may read them
        this.fileAttributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        this.dir = prepareDirectory(wanted, posix);
        this.fsync = settings.fsync();
        this.lockPollMillis = settings.lockPoll().toMillis();
        this.tempMaxAge = settings.tempMaxAge();
        BasicFileAttributes dirAttributes;
        try {
            dirAttributes = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new SessionStoreException(unwritable(dir, e), e);
        }
        this.locks = new LockFiles(dirAttributes.fileKey() != null, fileAttributes);
        this.syncDirectory = fsync && probeDirectorySync(dir);
        probeWrite();
        LOG.info("file session store in {} (fsync {}, lock files {})", dir, fsync ? "on" : "off",
                locks.removesLockFiles() ? "removed with their session" : "kept");
    }

    private static Path prepareDirectory(Path wanted, boolean posix) throws SessionStoreException {
        try {
            if (!Files.isDirectory(wanted)) {
                if (posix) {
                    Files.createDirectories(wanted,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(wanted);
                }
            }
            // the real path, so that every file name resolves under one canonical directory
            return wanted.toRealPath();
        } catch (IOException e) {
            throw new SessionStoreException(unwritable(wanted, e), e);
        }
    }

    private static String unwritable(Path dir, Exception e) {
        return "file session store (" + PID + "): " + Settings.STORAGE_PATH + " " + dir
                + " cannot be used as a writable directory: " + describe(e);
    }

    private static String describe(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getClass().getSimpleName() + " " + f.getFile() + ": " + f.getReason();
        }
        return e.toString();
    }

    /** Writes, renames atomically and removes a file, exactly as a save does. */
    private void probeWrite() throws SessionStoreException {
        Path probe = tempFile("activation-check");
        Path moved = tempFile("activation-check");
        try {
            try (FileChannel channel = FileChannel.open(probe, CREATE_NEW, fileAttributes)) {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
                if (fsync) {
                    channel.force(true);
                }
            }
            Files.move(probe, moved, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(moved);
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(probe);
            deleteQuietly(moved);
            throw new SessionStoreException(unwritable(dir, e), e);
        }
    }

    /** @return whether the directory can be forced to disk (so that a rename in it is durable) */
    private static boolean probeDirectorySync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("the directory {} cannot be forced to disk ({}): renames are as durable as the OS makes them", dir,
                    e.toString());
            return false;
        }
    }

    /** @return the directory of the session files (real path) */
    Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- paths

    /**
     * @param dir  a directory (absolute, normalized)
     * @param name a file name
     * @return the file of that name in the directory
     * @throws IllegalArgumentException if the name would resolve anywhere else
     */
    static Path inside(Path dir, String name) {
        Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("the file name '" + name + "' would leave the session directory " + dir);
        }
        return file;
    }

    private Path sessionFile(String id) {
        // checkId refuses anything but [A-Za-z0-9_-]; inside() checks again (defence in depth)
        return inside(dir, PREFIX + SessionStore.checkId(id));
    }

    private Path lockFile(String id) {
        return inside(dir, PREFIX + SessionStore.checkId(id) + LOCK_SUFFIX);
    }

    private Path tempFile(String id) {
        // a name no other writer picks (ThreadLocalRandom: no shared lock, unlike SecureRandom)
        return inside(dir, PREFIX + id + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                + TEMP_SUFFIX);
    }

    // ---------------------------------------------------------------- data

    @Override
    public StoredSession load(String id) throws SessionStoreException {
        Path file = sessionFile(id);
        long now = System.currentTimeMillis();
        try (FileChannel channel = FileChannel.open(file, READ)) {
            ByteBuffer header = SessionFileFormat.readHeader(channel);
            long expires = header.getLong(5);
            if (expires <= now) {
                return null;
            }
            byte[] data = SessionFileFormat.readData(channel, header);
            return new StoredSession(data, Instant.ofEpochMilli(expires));
        } catch (NoSuchFileException e) {
            return null;
        } catch (Corrupt e) {
            skip(file, e.getMessage());
            return null;
        } catch (IOException e) {
            if (foreign(file)) {
                return null;
            }
            throw new SessionStoreException("file session store: cannot read session " + id + " from " + file + ": "
                    + describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads and checks the whole file, as {@link #load} does: a session exists exactly when it
     * would load.
     */
    @Override
    public boolean exists(String id) throws SessionStoreException {
        return load(id) != null;
    }

    /** @return the expiry in the file's header (milliseconds since the epoch) */
    private static long expiry(Path file) throws IOException, Corrupt {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            return SessionFileFormat.readHeader(channel).getLong(5);
        }
    }

    @Override
    public void save(String id, byte[] data, Instant expires) throws SessionStoreException {
        Path target = sessionFile(id);
        long expiresMillis = millis(expires);
        if (expiresMillis <= System.currentTimeMillis()) {
            delete(id);
            return;
        }
        Path temp = tempFile(id);
        try {
            try (FileChannel channel = FileChannel.open(temp, CREATE_NEW, fileAttributes)) {
                ByteBuffer header = SessionFileFormat.header(expiresMillis, data.length);
                ByteBuffer trailer = SessionFileFormat.trailer(header, data);
                ByteBuffer[] parts = {header, ByteBuffer.wrap(data), trailer};
                while (trailer.hasRemaining()) {
                    channel.write(parts);
                }
                if (fsync) {
                    channel.force(true);
                }
            }
            // rename(2): readers see the old file or the new one, whole
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            String hint = e instanceof AtomicMoveNotSupportedException ? " (the file system cannot rename atomically)" : "";
            throw new SessionStoreException("file session store: cannot save session " + id + " to " + target + ": "
                    + describe(e) + hint, e);
        }
        if (syncDirectory) {
            // the rename is done and visible: a failure here only weakens durability, so it is not the
            // caller's error (the store did change)
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException e) {
                LOG.warn("file session store: saved session {}, but {} could not be forced to disk: {}", id, dir,
                        describe(e));
            }
        }
    }

    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public void delete(String id) throws SessionStoreException {
        Path file = sessionFile(id);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SessionStoreException("file session store: cannot delete session " + id + " (" + file + "): "
                    + describe(e), e);
        }
    }

    // ---------------------------------------------------------------- locks

    @Override
    public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
        Path lockFile = lockFile(id);
        long start = System.nanoTime();
        long allowed = nanos(timeout);
        LockFiles.Gate gate = LockFiles.enter(lockFile);
        boolean passed = false;
        LockFiles.Held held = null;
        try {
            passed = gate.permit.tryAcquire(allowed, TimeUnit.NANOSECONDS);
            if (!passed) {
                throw timedOut(id, timeout, "another thread of this process holds it");
            }
            while ((held = locks.tryLock(lockFile)) == null) {
                long left = allowed - (System.nanoTime() - start);
                if (left <= 0) {
                    throw timedOut(id, timeout, "another process holds " + lockFile);
                }
                Thread.sleep(Math.min(lockPollMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
            return new FileSessionLock(id, lockFile, gate, held);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreException("file session store: interrupted while waiting for the lock of session " + id,
                    e);
        } catch (IOException e) {
            if (e instanceof SessionStoreException s) {
                throw s;
            }
            throw new SessionStoreException("file session store: cannot lock session " + id + " with " + lockFile + ": "
                    + describe(e), e);
        } finally {
            if (held == null) {
                if (passed) {
                    gate.permit.release();
                }
                gate.leave();
            }
        }
    }

    /**
     * @param id a session id
     * @return its lock if it is free at once, else {@code null}
     * @throws IOException if the lock file cannot be used
     */
    private FileSessionLock lockNow(String id) throws IOException {
        Path lockFile = lockFile(id);
        LockFiles.Gate gate = LockFiles.enter(lockFile);
        LockFiles.Held held = null;
        boolean passed = gate.permit.tryAcquire();
        try {
            if (passed) {
                held = locks.tryLock(lockFile);
            }
            return held == null ? null : new FileSessionLock(id, lockFile, gate, held);
        } finally {
            if (held == null) {
                if (passed) {
                    gate.permit.release();
                }
                gate.leave();
            }
        }
    }

    private static SessionLockTimeoutException timedOut(String id, Duration timeout, String why) {
        return new SessionLockTimeoutException("the lock of session " + id + " was not free within " + timeout.toMillis()
                + " ms (file store: " + why + ")");
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A held session lock: the gate of its lock file, and the OS lock on it. */
    private final class FileSessionLock implements SessionLock {
        private final String id;
        private final Path lockFile;
        private final LockFiles.Gate gate;
        private final LockFiles.Held held;
        private final AtomicBoolean released = new AtomicBoolean();

        FileSessionLock(String id, Path lockFile, LockFiles.Gate gate, LockFiles.Held held) {
            this.id = id;
            this.lockFile = lockFile;
            this.gate = gate;
            this.held = held;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                if (locks.removesLockFiles() && !Files.exists(sessionFile(id), LinkOption.NOFOLLOW_LINKS)) {
                    // no data for this id (a request that never saved, a deleted session): its lock
                    // file goes, while it is still held (see LockFiles)
                    Files.deleteIfExists(lockFile);
                }
            } catch (IOException e) {
                LOG.warn("file session store: cannot remove the lock file of session {}: {}", id, describe(e));
            }
            try {
                held.release();
            } catch (IOException e) {
                LOG.warn("file session store: releasing the lock of session {} failed ({}); it is free once the channel is"
                        + " closed", id, describe(e));
            } finally {
                gate.permit.release();
                gate.leave();
            }
        }
    }

    // ---------------------------------------------------------------- the directory

    @Override
    public int removeExpired() throws SessionStoreException {
        long now = System.currentTimeMillis();
        Listing listing = list();
        int removed = 0;
        for (String id : listing.sessions) {
            Path file = sessionFile(id);
            long expires;
            try {
                expires = expiry(file);
            } catch (NoSuchFileException e) {
                continue;
            } catch (Corrupt e) {
                skip(file, e.getMessage());
                continue;
            } catch (IOException e) {
                if (!foreign(file)) {
                    skip(file, "cannot be read: " + describe(e));
                }
                continue;
            }
            if (expires <= now && removeIfStillExpired(id, file, now)) {
                removed++;
            }
        }
        for (String id : listing.locks) {
            if (!listing.sessions.contains(id)) {
                // the lock file of no session (its holder was killed): taking and releasing the
                // lock removes it, unless someone holds it now
                releaseNow(id);
            }
        }
        long oldest = System.currentTimeMillis() - tempMaxAge.toMillis();
        for (Path temp : listing.temps) {
            removeIfOlder(temp, oldest);
        }
        return removed;
    }

    /** Takes the session's lock without waiting, so that a session in use is never removed under its user. */
    private boolean removeIfStillExpired(String id, Path file, long now) {
        try (FileSessionLock lock = lockNow(id)) {
            if (lock == null) {
                return false;
            }
            try {
                if (expiry(file) > now) {
                    return false;
                }
            } catch (NoSuchFileException e) {
                return false;
            } catch (Corrupt e) {
                return false;
            }
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("file session store: cannot remove the expired session file {}: {}", file, describe(e));
            return false;
        }
    }

    private void releaseNow(String id) {
        try (FileSessionLock lock = lockNow(id)) {
            // nothing to do while held: closing removes the lock file of a session without data
        } catch (IOException e) {
            LOG.warn("file session store: cannot check the lock file of session {}: {}", id, describe(e));
        }
    }

    private void removeIfOlder(Path temp, long oldestMillis) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile() && attributes.lastModifiedTime().toMillis() < oldestMillis) {
                Files.deleteIfExists(temp);
                LOG.info("file session store: removed {}, left by a save that was interrupted", temp);
            }
        } catch (NoSuchFileException e) {
            // renamed into place or removed meanwhile
        } catch (IOException e) {
            LOG.warn("file session store: cannot remove the abandoned temporary file {}: {}", temp, describe(e));
        }
    }

    @Override
    public long count() throws SessionStoreException {
        return live().size();
    }

    @Override
    public Collection<String> ids() throws SessionStoreException {
        return live();
    }

    /**
     * @return the ids whose session file has a good header and length and is unexpired; the data's
     *         checksum is checked by {@code load} only, so that counting reads 17 bytes per
     *         session, not every session's data
     */
    private List<String> live() throws SessionStoreException {
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (String id : list().sessions) {
            Path file = sessionFile(id);
            try {
                if (expiry(file) > now) {
                    ids.add(id);
                }
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            } catch (Corrupt e) {
                skip(file, e.getMessage());
            } catch (IOException e) {
                if (!foreign(file)) {
                    skip(file, "cannot be read: " + describe(e));
                }
            }
        }
        return ids;
    }

    /** The directory's entries that are this store's, by kind; others are warned about and left alone. */
    private static final class Listing {
        final Set<String> sessions = new HashSet<>();
        final List<String> locks = new ArrayList<>();
        final List<Path> temps = new ArrayList<>();
    }

    private Listing list() throws SessionStoreException {
        Listing listing = new Listing();
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                names.add(name);
                classify(name, entry, listing);
            }
        } catch (IOException | DirectoryIteratorException e) {
            throw new SessionStoreException("file session store: cannot list the session directory " + dir + ": "
                    + describe(e instanceof DirectoryIteratorException d ? d.getCause() : (Exception) e), e);
        }
        // forget warnings about files that are gone, so that the map stays as small as the directory
        warned.keySet().retainAll(names);
        return listing;
    }

    private void classify(String name, Path entry, Listing listing) {
        if (name.startsWith(PREFIX)) {
            String rest = name.substring(PREFIX.length());
            if (SessionStore.isValidId(rest)) {
                listing.sessions.add(rest);
                return;
            }
            if (rest.endsWith(LOCK_SUFFIX)) {
                String id = rest.substring(0, rest.length() - LOCK_SUFFIX.length());
                if (SessionStore.isValidId(id)) {
                    listing.locks.add(id);
                    return;
                }
            }
            int dot = rest.indexOf('.');
            if (rest.endsWith(TEMP_SUFFIX) && dot > 0 && SessionStore.isValidId(rest.substring(0, dot))) {
                listing.temps.add(entry);
                return;
            }
        }
        skip(entry, "not a file of this session store");
    }

    /** @return whether the path is there but is not a regular file (then it was warned about) */
    private boolean foreign(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile()) {
                return false;
            }
            skip(file, attributes.isSymbolicLink() ? "a symbolic link (never followed)"
                    : attributes.isDirectory() ? "a directory" : "not a regular file");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Warns that a file is skipped: once per file, again if it changes. */
    private void skip(Path file, String why) {
        String version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            version = attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            version = "?";
        }
        String name = file.getFileName().toString();
        if (!version.equals(warned.put(name, version))) {
            LOG.warn("file session store: skipping {}: {}", file, why);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", file, e.toString());
        }
    }
}
