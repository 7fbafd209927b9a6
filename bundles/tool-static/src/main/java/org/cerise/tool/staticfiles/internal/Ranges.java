package org.cerise.tool.staticfiles.internal;

import java.util.ArrayList;
import java.util.List;

/** CherryPy's {@code httputil.get_ranges}. */
final class Ranges {

    /** The header asks for nothing that can be served: answer 416. */
    static final long[] UNSATISFIABLE = new long[0];

    private Ranges() {
    }

    /**
     * @param header the Range header, or {@code null}
     * @param length the entity's length
     * @return {@code null} to send the whole entity (no header, a reversed range, an empty suffix,
     *         or a header Cerise cannot read), {@link #UNSATISFIABLE}, or start/stop pairs
     *         (stop exclusive, possibly beyond the length) in the order asked
     */
    static long[] parse(String header, long length) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        int eq = header.indexOf('=');
        if (eq < 0) {
            // CherryPy fails with a 500 here; a Range the server cannot read may be ignored (RFC 9110 14.2)
            return null;
        }
        List<long[]> out = new ArrayList<>(2);
        // like CherryPy, the unit before '=' is not checked
        for (String range : header.substring(eq + 1).split(",", -1)) {
            int dash = range.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String start = range.substring(0, dash).strip();
            String stop = range.substring(dash + 1).strip();
            try {
                if (!start.isEmpty()) {
                    long s = number(start);
                    long e = stop.isEmpty() ? length - 1 : number(stop);
                    if (s >= length) {
                        continue;
                    }
                    if (e < s) {
                        return null;
                    }
                    out.add(new long[] {s, e == Long.MAX_VALUE ? e : e + 1});
                } else {
                    if (stop.isEmpty()) {
                        return null;
                    }
                    long n = number(stop);
                    out.add(n > length ? new long[] {0, length} : new long[] {length - n, length});
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (out.isEmpty()) {
            return UNSATISFIABLE;
        }
        long[] flat = new long[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            flat[2 * i] = out.get(i)[0];
            flat[2 * i + 1] = out.get(i)[1];
        }
        return flat;
    }

    /** Python's int() of a stripped string: digits only here (no sign, as a byte position). */
    private static long number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
