package org.cerise.core.internal.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Response headers: an ordered, case-insensitive multimap kept as a flat list, because a
 * response carries a handful of headers and a linear scan beats hashing at that size.
 */
public final class HeaderList {

    private final ArrayList<String> names = new ArrayList<>(8);
    private final ArrayList<String> values = new ArrayList<>(8);

    /** @param name the header @return the first value or {@code null} */
    public String get(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** @param name the header @return all values, empty if none */
    public List<String> getAll(String name) {
        List<String> out = null;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values.get(i));
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
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (first < 0) {
                    first = i;
                    values.set(i, value);
                } else {
                    names.remove(i);
                    values.remove(i);
                    i--;
                }
            }
        }
        if (first < 0) {
            names.add(name);
            values.add(value);
        }
    }

    /** @param name the header @param value a further value */
    public void add(String name, String value) {
        checkValue(name, value);
        names.add(name);
        values.add(value);
    }

    /** @param name the header @return the first removed value or {@code null} */
    public String remove(String name) {
        String first = null;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (first == null) {
                    first = values.get(i);
                }
                names.remove(i);
                values.remove(i);
                i--;
            }
        }
        return first;
    }

    /** @return the distinct names, in order */
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** @return the number of entries */
    public int size() {
        return names.size();
    }

    /** @param i index @return the name of entry i */
    public String name(int i) {
        return names.get(i);
    }

    /** @param i index @return the value of entry i */
    public String value(int i) {
        return values.get(i);
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
