package org.cerise.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cerise.testkit.internal.LogBuffer;
import org.cerise.testkit.internal.PyRepr;
import org.opentest4j.AssertionFailedError;

/**
 * CherryPy's {@code logtest.LogCase} over one of the container's logs, as captured during the
 * test: {@link CPWebCase#errorLog()} (CherryPy's {@code log.error_file}: engine and mount
 * messages, errors and their tracebacks, one entry per line) or {@link CPWebCase#accessLog()}
 * (one line per request, CherryPy's access format). Each test sees the lines written since it
 * began; {@link #markLog} and the {@code marker} arguments narrow that down to the region after a
 * marker, as in CherryPy.
 *
 * <pre>
 * getPage("/");
 * accessLog().assertInLog("\"GET / HTTP/1.1\" 200 12");
 * errorLog().markLog("boom");
 * getPage("/boom");
 * errorLog().assertInLog("java.lang.ArithmeticException", "boom");
 * </pre>
 */
public final class LogCase {

    /** CherryPy's {@code markerPrefix}. */
    public static final String MARKER_PREFIX = "test suite marker: ";

    private final LogBuffer buffer;
    private final String name;
    private int start;
    private String lastMarker;

    LogCase(LogBuffer buffer, String name) {
        this.buffer = buffer;
        this.name = name;
        this.start = buffer.size();
    }

    /** @return CherryPy's {@code lastmarker}: the last marker set, or {@code null} */
    public String lastMarker() {
        return lastMarker;
    }

    /** @return the lines of this test so far (whole log, not the marked region) */
    public List<String> lines() {
        return buffer.from(start);
    }

    /** Forgets the lines so far (CherryPy's {@code emptyLog}, which truncates the file). */
    public void emptyLog() {
        start = buffer.size();
        lastMarker = null;
    }

    /** Inserts a marker named by the current time (CherryPy's {@code markLog()}). */
    public void markLog() {
        markLog(String.valueOf(System.currentTimeMillis() / 1000.0));
    }

    /**
     * Inserts a marker line into the log and makes it the last marker.
     *
     * @param key the marker's name
     */
    public void markLog(String key) {
        lastMarker = key;
        buffer.add(MARKER_PREFIX + key);
    }

    /**
     * Fails unless a line of the region (from the last marker to the next, or the whole log of
     * this test without a marker) contains {@code line}.
     *
     * @param line a part of a line
     */
    public void assertInLog(String line) {
        assertInLog(line, null);
    }

    /**
     * @param line   a part of a line
     * @param marker the region's marker, {@code null} for the last one
     */
    public void assertInLog(String line, String marker) {
        for (String l : region(marker)) {
            if (l.contains(line)) {
                return;
            }
        }
        throw fail(PyRepr.str(line) + " not found in log");
    }

    /**
     * Fails if a line of the region contains {@code line}.
     *
     * @param line a part of a line
     */
    public void assertNotInLog(String line) {
        assertNotInLog(line, null);
    }

    /**
     * @param line   a part of a line
     * @param marker the region's marker, {@code null} for the last one
     */
    public void assertNotInLog(String line, String marker) {
        for (String l : region(marker)) {
            if (l.contains(line)) {
                throw fail(PyRepr.str(line) + " found in log");
            }
        }
    }

    /**
     * Fails unless line {@code index} of the region contains {@code line} (CherryPy's
     * {@code assertLog(int, str)}; a negative index counts from the end, as in Python).
     *
     * @param index the line's index in the region
     * @param line  a part of that line
     */
    public void assertLog(int index, String line) {
        List<String> data = region(null);
        int i = index < 0 ? data.size() + index : index;
        if (i < 0 || i >= data.size()) {
            throw fail("list index out of range: the log region has " + data.size() + " lines, not line " + index);
        }
        if (!data.get(i).contains(line)) {
            throw fail(PyRepr.bytes(line.getBytes(StandardCharsets.UTF_8)) + " not found on log line " + index);
        }
    }

    /**
     * Fails unless each of the lines {@code start} to {@code stop} (exclusive, Python's slice)
     * of the region contains the corresponding entry of {@code lines} (CherryPy's
     * {@code assertLog((start, stop), [..])}).
     *
     * @param start the first line's index
     * @param stop  the index after the last line
     * @param lines the parts to find, in order
     */
    public void assertLog(int start, int stop, List<String> lines) {
        List<String> data = region(null);
        int from = Math.max(0, start < 0 ? data.size() + start : Math.min(start, data.size()));
        int to = Math.max(from, stop < 0 ? data.size() + stop : Math.min(stop, data.size()));
        List<String> slice = data.subList(from, to);
        for (int i = 0; i < Math.min(lines.size(), slice.size()); i++) {
            if (!slice.get(i).contains(lines.get(i))) {
                throw fail(PyRepr.bytes(lines.get(i).getBytes(StandardCharsets.UTF_8)) + " not found in log");
            }
        }
    }

    /** CherryPy's {@code _read_marked_region}. */
    private List<String> region(String marker) {
        List<String> all = buffer.from(start);
        String m = marker != null ? marker : lastMarker;
        if (m == null) {
            return all;
        }
        List<String> data = new ArrayList<>();
        boolean in = false;
        for (String line : all) {
            if (in) {
                if (line.startsWith(MARKER_PREFIX) && !line.contains(m)) {
                    break;
                }
                data.add(line);
            } else if (line.contains(m)) {
                in = true;
            }
        }
        return data;
    }

    private AssertionFailedError fail(String message) {
        CPWebCase.checkCapture();
        return new AssertionFailedError(message);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(lines().toArray());
    }
}
