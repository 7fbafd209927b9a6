package org.cerise.tool.encode.internal;

/**
 * {@code tools.encode.failmsg}: the 500 message when the body cannot be encoded, a Python
 * format string applied with {@code %} to the charset's name, as CherryPy applies it.
 */
final class FailMessage {

    private FailMessage() {
    }

    /**
     * @param format the configured message
     * @return whether Python's {@code format % name} would succeed: exactly one {@code %r} or
     *         {@code %s}, any other percent sign doubled
     */
    static boolean valid(String format) {
        int conversions = 0;
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) != '%') {
                continue;
            }
            char next = i + 1 < format.length() ? format.charAt(i + 1) : 0;
            if (next == 'r' || next == 's') {
                conversions++;
            } else if (next != '%') {
                return false;
            }
            i++;
        }
        return conversions == 1;
    }

    /**
     * @param format a {@link #valid} message
     * @param name   the charset's name
     * @return the message, {@code %r} replaced by Python's {@code repr} of the name
     */
    static String format(String format, String name) {
        StringBuilder b = new StringBuilder(format.length() + name.length());
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                b.append(c);
                continue;
            }
            char next = format.charAt(++i);
            b.append(next == 'r' ? Charsets.repr(name) : next == 's' ? name : String.valueOf(next));
        }
        return b.toString();
    }
}
