package org.cerise.session.file.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.StoredSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store with other processes ({@link StoreProcess}, a JVM of its own on the same
 * directory): a kill -9 in the middle of writing leaves only whole sessions; a lock held by a
 * killed process is free again; locks exclude threads and processes alike.
 */
class ProcessesTest {

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws IOException {
        Process p = StoreProcess.start(temp.resolve("process-" + started.size() + ".log"), args);
        started.add(p);
        return p;
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < started.size(); i++) {
            Path log = temp.resolve("process-" + i + ".log");
            if (Files.exists(log)) {
                all.append("--- process ").append(i).append(":\n").append(Files.readString(log));
            }
        }
        return all.toString();
    }

    /** The output of a process, read on a thread of its own so that the process never blocks writing it. */
    private static final class Output {
        private final Thread reader;
        private volatile String last = "";
        private volatile long saved = -1;
        private volatile boolean locked;
        private volatile boolean done;

        Output(Process p) {
            reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
                    for (String line; (line = out.readLine()) != null;) {
                        last = line;
                        if (line.startsWith("saved ")) {
                            saved = Long.parseLong(line.substring(6));
                        }
                        locked |= line.equals("locked");
                        done |= line.equals("done");
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            }, "output of " + p.pid());
            reader.setDaemon(true);
            reader.start();
        }

        /** @return the last line, once the process has ended and all its output was read */
        String lastLine() throws InterruptedException {
            reader.join(10_000);
            return last;
        }
    }

    private void await(Process p, java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("the other process did not " + what + ":\n" + logs());
            }
            Thread.sleep(2);
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "killed");
    }

    @Test
    void aKillInTheMiddleOfWritingLeavesOnlyWholeSessions() throws Exception {
        Path dir = temp.resolve("sessions");
        Files.createDirectories(dir);
        int kills = 0;
        int midSave = 0;
        // at least 3 kills, and until one of them hit a save under way
        while (kills < 3 || midSave == 0 && kills < 10) {
            Process writer = start("write", dir.toString());
            Output output = new Output(writer);
            long target = 5 + ThreadLocalRandom.current().nextInt(20);
            await(writer, () -> output.saved >= target, "save sessions");
            Thread.sleep(ThreadLocalRandom.current().nextInt(5));
            kill(writer);
            kills++;
            if (output.lastLine().startsWith("saving ")) {
                midSave++;
            }
        }
        assertTrue(midSave > 0, "in " + kills + " kills, none hit a save under way: the test proves nothing");
        int abandoned = temporaryFiles(dir).size();

        // every session file is whole and loads; nothing else is seen as a session
        FileSessionStore store = FileSessionStoreTest.open(dir);
        Set<String> files = new HashSet<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.endsWith(FileSessionStore.TEMP_SUFFIX)) {
                    continue;
                }
                assertTrue(name.matches("session-w[0-7]"), "only session files and temporary files: " + name);
                String id = name.substring("session-".length());
                StoredSession loaded = store.load(id);
                assertNotNull(loaded, name + " loads");
                assertTrue(StoreProcess.check(id, loaded.data()), name + " holds exactly what one save wrote");
                files.add(id);
            }
        }
        assertEquals(8, files.size(), "every id was saved at least once: " + files);
        assertEquals(files, new HashSet<>(store.ids()), "temporary files are not sessions");
        assertEquals(8, store.count());

        // the clean-up removes them once they are old enough to be surely abandoned
        assertEquals(0, store.removeExpired());
        assertEquals(abandoned, temporaryFiles(dir).size(), "recent temporary files are left to their writer");
        for (Path t : temporaryFiles(dir)) {
            Files.setLastModifiedTime(t, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        assertEquals(0, store.removeExpired());
        assertEquals(List.of(), temporaryFiles(dir));
        assertEquals(8, store.count());
    }

    private static List<Path> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(FileSessionStore.TEMP_SUFFIX)).toList();
        }
    }

    @Test
    void aLockHeldByAKilledProcessIsFreeAgain() throws Exception {
        Path dir = temp.resolve("sessions");
        Files.createDirectories(dir);
        String id = "abc123";
        Process holder = start("hold", dir.toString(), id);
        Output output = new Output(holder);
        await(holder, () -> output.locked, "take the lock");

        FileSessionStore store = FileSessionStoreTest.open(dir);
        SessionLockTimeoutException busy = assertThrows(SessionLockTimeoutException.class,
                () -> store.lock(id, Duration.ofMillis(300)), "another process holds the lock");
        assertTrue(busy.getMessage().contains("another process holds"), busy.getMessage());

        kill(holder);
        long start = System.nanoTime();
        try (SessionLock lock = store.lock(id, Duration.ofSeconds(5))) {
            assertNotNull(lock);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis < 1000, "free at once, not after some stale-lock timeout: " + tookMillis + " ms");
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(), entries.toList(), "the killed holder's lock file is gone with its release");
        }
    }

    @Test
    void locksExcludeThreadsAndProcessesAlike() throws Exception {
        Path dir = temp.resolve("sessions");
        Files.createDirectories(dir);
        int rounds = 100;
        List<Process> processes = List.of(start("contend", dir.toString(), String.valueOf(rounds)),
                start("contend", dir.toString(), String.valueOf(rounds)));
        List<Output> outputs = new ArrayList<>();
        for (Process p : processes) {
            outputs.add(new Output(p));
        }
        FileSessionStore store = FileSessionStoreTest.open(dir);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> mine = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String who = "thread " + t;
                mine.add(threads.submit(() -> StoreProcess.contend(store, dir, rounds, who)));
            }
            for (Future<Boolean> f : mine) {
                assertTrue(f.get(60, TimeUnit.SECONDS), "no one else inside the lock");
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process " + i + " finished");
            assertEquals(0, p.exitValue(), "process " + i + " never found anyone inside the lock:\n" + logs());
            assertEquals("done", outputs.get(i).lastLine());
        }
        long counted = ByteBuffer.wrap(store.load("counter").data()).getLong();
        assertEquals(4L * rounds, counted, "no update was lost");
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(Set.of("session-counter"),
                    entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "the lock file of the id without data was removed");
        }
    }
}
