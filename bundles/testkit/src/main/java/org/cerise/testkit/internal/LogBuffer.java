package org.cerise.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The captured lines of one log (the error log or the access log), in the order they were
 * written: what CherryPy's {@code LogCase} reads back from {@code log.error_file} or
 * {@code log.access_file}. Appended from the server's threads, read by the test's.
 */
public final class LogBuffer {

    /** Everything but the access lines: CherryPy's error log (engine, mounts, tracebacks). */
    public static final LogBuffer ERROR = new LogBuffer();
    /** The access lines ({@code cerise.access.*}). */
    public static final LogBuffer ACCESS = new LogBuffer();

    private final List<String> lines = new ArrayList<>();

    private LogBuffer() {
    }

    /** @param line a line, without its line break */
    public synchronized void add(String line) {
        lines.add(line);
    }

    /** @return the number of lines so far */
    public synchronized int size() {
        return lines.size();
    }

    /**
     * @param from the first index
     * @return a copy of the lines from that index on
     */
    public synchronized List<String> from(int from) {
        return new ArrayList<>(lines.subList(Math.min(from, lines.size()), lines.size()));
    }
}
