package org.cerise.session.file.internal;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.StoredSession;

/**
 * A second process using a file store, for {@link ProcessesTest}: started with the test class
 * path, it writes sessions in a loop, holds a lock, or contends for a lock with others, and
 * reports on its standard output.
 *
 * <ul>
 * <li>{@code write DIR}: saves sessions {@code w0..w7} in turn forever, data of 1 to 512 KiB that
 * checks itself ({@link #data}); prints {@code saving N} before each save and {@code saved N}
 * after it (so that whoever kills it knows whether a save was under way).</li>
 * <li>{@code hold DIR ID}: takes the lock of ID, prints {@code locked}, and sleeps.</li>
 * <li>{@code contend DIR ROUNDS}: ROUNDS times, takes the lock {@code mutex} (an id without data,
 * so its lock file is removed at every release), checks no one else is inside, adds one to the
 * session {@code counter}; prints {@code done}. Exits with 3 if it ever finds someone inside.</li>
 * </ul>
 */
public final class StoreProcess {

    private StoreProcess() {
    }

    /**
     * @param args the mode and its arguments
     * @throws Exception if the store fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        FileSessionStore store = new FileSessionStore(new Settings(dir, true, Duration.ofMillis(1),
                Duration.ofSeconds(600)));
        switch (args[0]) {
            case "write" -> write(store);
            case "hold" -> hold(store, args[2]);
            case "contend" -> contend(store, dir, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void write(FileSessionStore store) throws Exception {
        SplittableRandom random = new SplittableRandom();
        for (long n = 1;; n++) {
            String id = "w" + (n % 8);
            System.out.println("saving " + n);
            System.out.flush();
            store.save(id, data(id, n, 1024 + random.nextInt(512 * 1024)), Instant.now().plus(Duration.ofHours(1)));
            System.out.println("saved " + n);
            System.out.flush();
        }
    }

    private static void hold(FileSessionStore store, String id) throws Exception {
        SessionLock lock = store.lock(id, Duration.ofSeconds(10));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        lock.close();
    }

    private static void contend(FileSessionStore store, Path dir, int rounds) throws Exception {
        if (!contend(store, dir, rounds, "process")) {
            System.exit(3);
        }
        System.out.println("done");
        System.out.flush();
    }

    /**
     * @return whether the lock always excluded everyone else
     */
    static boolean contend(FileSessionStore store, Path dir, int rounds, String who) throws Exception {
        Path inside = dir.resolve("inside");
        for (int i = 0; i < rounds; i++) {
            try (SessionLock lock = store.lock("mutex", Duration.ofSeconds(30))) {
                try {
                    Files.writeString(inside, who, java.nio.file.StandardOpenOption.CREATE_NEW);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    System.err.println(who + " found someone inside the lock at round " + i);
                    return false;
                }
                StoredSession counter = store.load("counter");
                long value = counter == null ? 0 : ByteBuffer.wrap(counter.data()).getLong();
                store.save("counter", ByteBuffer.allocate(8).putLong(value + 1).array(),
                        Instant.now().plus(Duration.ofHours(1)));
                Files.delete(inside);
            }
        }
        return true;
    }

    /**
     * @param id     a session id
     * @param serial which save it is
     * @param length how long
     * @return data that {@link #check} recognizes: the serial, then bytes that follow from id and
     *         serial
     */
    static byte[] data(String id, long serial, int length) {
        byte[] data = new byte[length];
        ByteBuffer.wrap(data).putLong(serial).putInt(length);
        SplittableRandom fill = new SplittableRandom(id.hashCode() * 31L + serial);
        for (int i = 12; i < length; i++) {
            data[i] = (byte) fill.nextInt(256);
        }
        return data;
    }

    /**
     * @param id   the session id
     * @param data data loaded for it
     * @return whether it is exactly what {@link #data} wrote for some save
     */
    static boolean check(String id, byte[] data) {
        if (data.length < 12) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        long serial = b.getLong();
        int length = b.getInt();
        return length == data.length && java.util.Arrays.equals(data, data(id, serial, length));
    }

    /**
     * Starts this class in a new JVM with the test class path.
     *
     * @param log  where its standard error goes
     * @param args its arguments
     * @return the process
     * @throws IOException if it cannot be started
     */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StoreProcess.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile())).start();
    }
}
