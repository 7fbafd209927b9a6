package org.cerise.core.internal.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Response headers: an ordered, case-insensitive multimap kept as one flat array of
 * name/value pairs, because a response carries a handful of headers and a linear scan over an
 * array beats hashing (and allocates nothing) at that size.
 */
public final class HeaderList {

    private String[] entries = new String[16];
    private int size;

    /** @param name the header @return the first value or {@code null} */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (entries[2 * i].equalsIgnoreCase(name)) {
                return entries[2 * i + 1];
            }
        }
        return null;
    }

    /** @param name the header @return all values, empty if none */
    public List<String> getAll(String name) {
        List<String> out = null;
        for (int i = 0; i < size; i++) {
            if (entries[2 * i].equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(entries[2 * i + 1]);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** @param name the header @return whether it is present */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Replaces all values of a header, keeping the position of its first occurrence.
     *
     * @param name  the header
     * @param value the value, {@code null} to remove
     */
    public void set(String name, String value) {
        if (value == null) {
            remove(name);
            return;
        }
        checkValue(name, value);
        int first = -1;
        for (int i = 0; i < size; i++) {
            if (entries[2 * i].equalsIgnoreCase(name)) {
                if (first < 0) {
                    first = i;
                    entries[2 * i + 1] = value;
                } else {
                    delete(i);
                    i--;
                }
            }
        }
        if (first < 0) {
            append(name, value);
        }
    }

    /** @param name the header @param value a further value */
    public void add(String name, String value) {
        checkValue(name, value);
        append(name, value);
    }

    /** @param name the header @return the first removed value or {@code null} */
    public String remove(String name) {
        String first = null;
        for (int i = 0; i < size; i++) {
            if (entries[2 * i].equalsIgnoreCase(name)) {
                if (first == null) {
                    first = entries[2 * i + 1];
                }
                delete(i);
                i--;
            }
        }
        return first;
    }

    /** Removes every header. */
    public void clear() {
        Arrays.fill(entries, 0, 2 * size, null);
        size = 0;
    }

    /** @return the distinct names, in order */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            names.add(entries[2 * i]);
        }
        return Collections.unmodifiableSet(names);
    }

    /** @return the number of entries */
    public int size() {
        return size;
    }

    /** @param i index @return the name of entry i */
    public String name(int i) {
        return entries[2 * i];
    }

    /** @param i index @return the value of entry i */
    public String value(int i) {
        return entries[2 * i + 1];
    }

    private void append(String name, String value) {
        if (2 * size == entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[2 * size] = name;
        entries[2 * size + 1] = value;
        size++;
    }

    private void delete(int i) {
        System.arraycopy(entries, 2 * (i + 1), entries, 2 * i, 2 * (size - i - 1));
        size--;
        entries[2 * size] = null;
        entries[2 * size + 1] = null;
    }

    private static void checkValue(String name, String value) {
        // A CR or LF in a header value would let a handler's input split the response.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("header " + name + " must not contain CR or LF");
            }
        }
    }
}
