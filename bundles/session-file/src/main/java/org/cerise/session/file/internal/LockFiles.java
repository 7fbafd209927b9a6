package org.cerise.session.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Session locks that exclude threads and processes: an in-process gate per lock file, then an
 * OS lock ({@link FileLock}) on the lock file {@code session-<id>.lock}.
 *
 * <h2>Why both</h2>
 * An OS file lock is held by a process, so it cannot exclude two threads of this JVM (Java
 * throws {@link OverlappingFileLockException} instead); and on POSIX, closing <em>any</em>
 * channel of a file drops every lock the process holds on it. Hence a thread first passes the
 * gate of the lock file, a fair semaphore shared by the whole JVM (every store instance of this
 * bundle: a reconfigured store and its predecessor see the same gates), and only the gate's
 * holder opens, locks and closes the file. Waiting threads of this process wait on the gate,
 * without polling; only a lock held by another process is polled.
 *
 * <h2>Why no stale-lock timeout</h2>
 * The OS releases a process's file locks when it dies, however it dies ({@code kill -9}
 * included), so a lock file left behind is simply free; no age limit has to guess whether its
 * owner is alive, and a slow owner is never robbed of its lock.
 *
 * <h2>Removing lock files safely</h2>
 * Lock files are removed (by the holder, while it holds the lock) when their session has no data
 * file, so the directory does not fill with a lock file per cookie-less request. A process
 * waiting on the old file may then get a lock on a file that no longer has a name, while a third
 * one locks the new file of that name. To exclude that, a locker checks that the path still names
 * the very file it locked: it reads the path's {@linkplain BasicFileAttributes#fileKey() file key}
 * (device and inode) before and after opening it (equal keys: the channel is that file, which
 * cannot be freed and its inode reused while the channel is open), and again once the lock is
 * held; a mismatch means the file was removed meanwhile, and it tries again. Where the platform
 * has no file keys, lock files are never removed.
 */
final class LockFiles {

    /** The gates of this JVM, by lock file; a gate goes when nobody holds or waits for it. */
    private static final Map<Path, Gate> GATES = new ConcurrentHashMap<>();

    private static final Set<OpenOption> OPEN_EXISTING = Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> OPEN_OR_CREATE = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);

    private final boolean identity;
    private final FileAttribute<?>[] fileAttributes;

    /**
     * @param identity       whether the file system gives file keys (then lock files are removed
     *                       when their session has no data)
     * @param fileAttributes the attributes of a new lock file (owner-only permissions)
     */
    LockFiles(boolean identity, FileAttribute<?>[] fileAttributes) {
        this.identity = identity;
        this.fileAttributes = fileAttributes;
    }

    /** @return whether lock files are removed when their session has no data */
    boolean removesLockFiles() {
        return identity;
    }

    /**
     * @param lockFile a lock file
     * @return its gate, counted as used until {@link Gate#leave()}
     */
    static Gate enter(Path lockFile) {
        return GATES.compute(lockFile, (k, held) -> {
            Gate g = held != null ? held : new Gate(k);
            g.users++;
            return g;
        });
    }

    /** @return how many gates exist now (held or waited for), for tests */
    static int gates() {
        return GATES.size();
    }

    /**
     * Tries once to lock the lock file; the caller holds its gate.
     *
     * @param lockFile the lock file
     * @return the held lock, or {@code null} if another process holds it (or the file was just
     *         removed by its last holder: trying again soon will do)
     * @throws IOException if the file cannot be created, opened or locked
     */
    Held tryLock(Path lockFile) throws IOException {
        if (!identity) {
            FileChannel channel = FileChannel.open(lockFile, OPEN_OR_CREATE, fileAttributes);
            return lockOrClose(channel);
        }
        Object before = fileKey(lockFile);
        if (before == null) {
            try {
                Files.createFile(lockFile, fileAttributes);
            } catch (FileAlreadyExistsException e) {
                // another locker created it first: the same file will do
            }
            before = fileKey(lockFile);
            if (before == null) {
                return null;
            }
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, OPEN_EXISTING);
        } catch (NoSuchFileException e) {
            return null;
        }
        boolean held = false;
        try {
            if (!before.equals(fileKey(lockFile))) {
                return null;
            }
            Held lock = lockOrClose(channel);
            if (lock == null) {
                return null;
            }
            if (!before.equals(fileKey(lockFile))) {
                // its former holder removed it while we waited: the name is another file now
                lock.lock.release();
                return null;
            }
            held = true;
            return lock;
        } finally {
            if (!held) {
                channel.close();
            }
        }
    }

    private static Held lockOrClose(FileChannel channel) throws IOException {
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held through another channel of this JVM (a store of an older class loader of this
            // bundle): as busy as if another process held it
        } finally {
            if (lock == null) {
                channel.close();
            }
        }
        return lock == null ? null : new Held(channel, lock);
    }

    private static Object fileKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** An OS lock on a lock file, and the only channel of this JVM open on it. */
    static final class Held {
        final FileChannel channel;
        final FileLock lock;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        /** Releases the lock and closes the channel (the lock goes with the channel anyway). */
        void release() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** The in-process part of a lock file's lock: one permit, and how many hold or wait for it. */
    static final class Gate {
        private final Path lockFile;
        final Semaphore permit = new Semaphore(1, true);
        /** Guarded by the map's compute. */
        private int users;

        private Gate(Path lockFile) {
            this.lockFile = lockFile;
        }

        /** One holder or waiter fewer; the gate goes when there are none. */
        void leave() {
            GATES.computeIfPresent(lockFile, (k, g) -> --g.users == 0 ? null : g);
        }
    }
}
