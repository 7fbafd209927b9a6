package org.cerise.session.file.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreContract;
import org.cerise.api.session.StoredSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store passes the compliance suite (a fresh directory per test), and: sessions outlive
 * the store instance (a restart), corrupt and foreign files are skipped with a warning naming
 * them, paths cannot leave the directory, lock files go with their session, abandoned temporary
 * files are cleaned up.
 */
class FileSessionStoreTest extends SessionStoreContract {

    @TempDir
    Path temp;

    private Path dir;

    @Override
    protected SessionStore newStore() throws Exception {
        dir = temp.resolve("sessions");
        return open(dir);
    }

    static FileSessionStore open(Path dir) throws Exception {
        return new FileSessionStore(new Settings(dir, true, Duration.ofMillis(5), Duration.ofSeconds(600)));
    }

    private FileSessionStore files() {
        return (FileSessionStore) store();
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void theDirectoryIsCreatedAndHoldsOneFilePerSessionNamedAsCherryPyDoes() throws Exception {
        assertTrue(Files.isDirectory(dir));
        String id = newId();
        store().save(id, "x".getBytes(UTF_8), inAnHour());
        assertEquals(Set.of("session-" + id), names(), "no lock file, no temporary file left");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("session-" + id))), "only the owner reads sessions");
        }
    }

    @Test
    void sessionsSurviveANewStoreOnTheSameDirectory() throws Exception {
        String id = newId();
        Instant expires = inAnHour();
        store().save(id, "kept across a restart".getBytes(UTF_8), expires);
        FileSessionStore restarted = open(dir);
        StoredSession loaded = restarted.load(id);
        assertNotNull(loaded);
        assertArrayEquals("kept across a restart".getBytes(UTF_8), loaded.data());
        assertEquals(expires.toEpochMilli(), loaded.expires().toEpochMilli());
        assertEquals(1, restarted.count());
        assertEquals(List.of(id), List.copyOf(restarted.ids()));
    }

    @Test
    void twoStoresOnOneDirectoryShareTheirLocks() throws Exception {
        String id = newId();
        FileSessionStore other = open(dir);
        try (SessionLock held = store().lock(id, SHORT_WAIT)) {
            assertThrows(org.cerise.api.session.SessionLockTimeoutException.class, () -> other.lock(id, SHORT_WAIT));
        }
        try (SessionLock held = other.lock(id, SHORT_WAIT)) {
            assertNotNull(held);
        }
    }

    @Test
    void pathsCannotLeaveTheDirectory() throws Exception {
        Path real = files().directory();
        // below checkId, the path check refuses by itself (defence in depth)
        for (String name : new String[] {"../escape", "..", "a/../../b", "sub/session-x", "/etc/passwd", ""}) {
            assertThrows(IllegalArgumentException.class, () -> FileSessionStore.inside(real, name), name);
        }
        assertEquals(real.resolve("session-abc"), FileSessionStore.inside(real, "session-abc"));
        // and through the API, nothing is written anywhere
        assertThrows(IllegalArgumentException.class,
                () -> store().save("../../outside", new byte[1], inAnHour()));
        assertThrows(IllegalArgumentException.class, () -> store().lock("../x", SHORT_WAIT));
        try (Stream<Path> all = Files.walk(temp)) {
            assertEquals(List.of(temp, dir), all.collect(Collectors.toList()), "no file was created");
        }
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws Exception {
        String id = newId();
        Path outside = temp.resolve("outside");
        store().save(id, "secret elsewhere".getBytes(UTF_8), inAnHour());
        Files.move(dir.resolve("session-" + id), outside);
        Files.createSymbolicLink(dir.resolve("session-" + id), outside);
        String log = stderrOf(() -> {
            assertNull(store().load(id), "a link to a session file elsewhere is not loaded");
            assertFalse(store().exists(id));
            assertEquals(0, store().count());
        });
        assertTrue(log.contains("session-" + id) && log.contains("symbolic link"), log);
        // saving replaces the link itself, never the file it points to
        store().save(id, "new".getBytes(UTF_8), inAnHour());
        assertFalse(Files.isSymbolicLink(dir.resolve("session-" + id)));
        assertArrayEquals("new".getBytes(UTF_8), store().load(id).data());
        assertTrue(Files.readAllBytes(outside).length > 0, "the file outside is untouched");
    }

    @Test
    void corruptAndForeignFilesAreSkippedWithAWarningNamingThem() throws Exception {
        String good = newId();
        store().save(good, "good".getBytes(UTF_8), inAnHour());
        byte[] whole = Files.readAllBytes(dir.resolve("session-" + good));

        String garbage = newId();
        Files.write(dir.resolve("session-" + garbage), "(dp0\nS'pickle'\n".getBytes(UTF_8));
        String truncated = newId();
        Files.write(dir.resolve("session-" + truncated), java.util.Arrays.copyOf(whole, whole.length - 1));
        String padded = newId();
        Files.write(dir.resolve("session-" + padded), java.util.Arrays.copyOf(whole, whole.length + 1));
        String flipped = newId();
        byte[] bad = whole.clone();
        bad[SessionFileFormat.HEADER] ^= 1;
        Files.write(dir.resolve("session-" + flipped), bad);
        String future = newId();
        byte[] newer = whole.clone();
        newer[4] = 9;
        Files.write(dir.resolve("session-" + future), newer);
        String empty = newId();
        Files.write(dir.resolve("session-" + empty), new byte[0]);
        String directory = newId();
        Files.createDirectory(dir.resolve("session-" + directory));
        Files.writeString(dir.resolve("notes.txt"), "not a session");
        Files.writeString(dir.resolve("session-bad.name"), "not a session either");

        List<String> broken = List.of(garbage, truncated, padded, flipped, future, empty, directory);
        String log = stderrOf(() -> {
            for (String id : broken) {
                assertNull(store().load(id), id);
                assertFalse(store().exists(id), id);
            }
            // counting reads headers only: a whole file whose data was altered counts until loaded
            assertEquals(2, store().count());
            assertEquals(Set.of(good, flipped), Set.copyOf(store().ids()));
            assertEquals(0, store().removeExpired());
        });
        for (String id : broken) {
            assertTrue(log.contains("WARN") && log.contains("session-" + id), "warned about " + id + ":\n" + log);
        }
        assertTrue(log.contains("notes.txt") && log.contains("session-bad.name"), log);
        assertTrue(log.contains("checksum") && log.contains("truncated or padded") && log.contains("format 9"), log);
        assertEquals(1, countOccurrences(log, "session-" + garbage + ":"), "one warning per file, not one per read:\n" + log);

        String again = stderrOf(() -> store().count());
        assertFalse(again.contains("WARN"), "nothing new to warn about:\n" + again);
        assertTrue(names().containsAll(Set.of("notes.txt", "session-" + garbage, "session-" + flipped)),
                "a file the store does not understand is left alone");
        assertArrayEquals("good".getBytes(UTF_8), store().load(good).data());

        // a good save over a corrupt file repairs it
        store().save(flipped, "repaired".getBytes(UTF_8), inAnHour());
        assertArrayEquals("repaired".getBytes(UTF_8), store().load(flipped).data());
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void aLockFileGoesWithItsSessionAndStaysWhileTheSessionLives() throws Exception {
        String fresh = newId();
        try (SessionLock lock = store().lock(fresh, SHORT_WAIT)) {
            assertTrue(names().contains("session-" + fresh + ".lock"), "the lock file exists while held");
        }
        assertEquals(Set.of(), names(), "a lock of an id without data leaves nothing behind");

        String saved = newId();
        try (SessionLock lock = store().lock(saved, SHORT_WAIT)) {
            store().save(saved, new byte[] {1}, inAnHour());
        }
        assertEquals(Set.of("session-" + saved, "session-" + saved + ".lock"), names());
        try (SessionLock lock = store().lock(saved, SHORT_WAIT)) {
            store().delete(saved);
        }
        assertEquals(Set.of(), names(), "a deleted session's lock file goes at its release");
        assertEquals(0, LockFiles.gates(), "no in-process gate left behind");
    }

    @Test
    void removeExpiredDeletesExpiredFilesOrphanLockFilesAndAbandonedTemporaryFiles() throws Exception {
        String expired = newId();
        String live = newId();
        store().save(expired, new byte[] {1}, Instant.now().plusMillis(300));
        store().save(live, new byte[] {2}, inAnHour());
        // the lock file of a process killed while it held the lock of an id without data
        String orphan = newId();
        Files.createFile(dir.resolve("session-" + orphan + ".lock"));
        // a save interrupted by a kill: an old temporary file, and one being written right now
        Path abandoned = dir.resolve("session-" + live + ".1f2e3d.tmp");
        Files.write(abandoned, new byte[] {3});
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path current = dir.resolve("session-" + live + ".4c5b6a.tmp");
        Files.write(current, new byte[] {4});
        Thread.sleep(400);

        assertEquals(1, store().count(), "expired data is not counted even before it is removed");
        assertEquals(1, store().removeExpired());
        assertEquals(Set.of("session-" + live, current.getFileName().toString()), names());
        assertArrayEquals(new byte[] {2}, store().load(live).data());
    }

    @Test
    void anExpiredSessionInUseIsNotRemovedUnderItsHolder() throws Exception {
        String id = newId();
        store().save(id, new byte[] {1}, Instant.now().plusMillis(200));
        Thread.sleep(300);
        try (SessionLock lock = store().lock(id, SHORT_WAIT)) {
            assertEquals(0, store().removeExpired(), "its holder may be saving it again");
            store().save(id, new byte[] {2}, inAnHour());
        }
        assertEquals(0, store().removeExpired());
        assertArrayEquals(new byte[] {2}, store().load(id).data());
    }

    @Test
    void expiriesBeyondTheMillisecondRangeAreKept() throws Exception {
        String id = newId();
        store().save(id, new byte[] {7}, Instant.MAX);
        assertTrue(store().load(id).expires().isAfter(Instant.now().plus(Duration.ofDays(365_000))));
        store().save(id, new byte[] {7}, Instant.MIN);
        assertNull(store().load(id));
    }

    @Test
    void aLockWithAZeroTimeoutIsTakenIfFree() throws Exception {
        String id = newId();
        try (SessionLock lock = store().lock(id, Duration.ZERO)) {
            assertThrows(org.cerise.api.session.SessionLockTimeoutException.class,
                    () -> store().lock(id, Duration.ZERO));
        }
    }

    /** Runs the action with System.err captured (slf4j-simple writes there), and returns what was written. */
    static String stderrOf(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(UTF_8);
        original.print(text);
        return text;
    }

    /** An action that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
