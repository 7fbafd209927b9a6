package org.cerise.tool.params.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Python types a parameter may be declared as, each converting one value the way Python's
 * builtin does and writing it back as text the handler's binder (and {@code Long.parseLong},
 * {@code Double.parseDouble}, {@code Boolean.parseBoolean}) reads.
 */
enum ParamType {
    /** Python's {@code str}: the text as it is. */
    STR("str"),
    /** Python's {@code int()}: blanks around, a sign, digits with single {@code _} between them. */
    INT("int"),
    /** Python's {@code float()}: decimal or exponent notation with {@code _}, {@code inf}, {@code nan}. */
    FLOAT("float"),
    /** Python's {@code bool()} of text: {@code False} for the empty string, {@code True} for any other. */
    BOOL("bool"),
    /** Python's {@code list}: the parameter's values as they are, however many. */
    LIST("list");

    private static final Pattern DECIMAL = Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*)(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:e[+-]?\\d(?:_?\\d)*)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)");

    private final String pythonName;

    ParamType(String pythonName) {
        this.pythonName = pythonName;
    }

    /** @return the name config uses, as in Python */
    String pythonName() {
        return pythonName;
    }

    /**
     * @param name a Python type name from config
     * @return the type, or {@code null} if Cerise does not convert to it
     */
    static ParamType named(Object name) {
        for (ParamType t : values()) {
            if (t.pythonName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Converts one value.
     *
     * @param text the value from the request
     * @return {@code Long} or {@code BigInteger}, {@code Double}, {@code Boolean} or the text
     * @throws IllegalArgumentException with Python's ValueError message if it does not convert
     */
    Object convert(String text) {
        switch (this) {
            case INT:
                return toInt(text);
            case FLOAT:
                return toFloat(text);
            case BOOL:
                return !text.isEmpty();
            default:
                return text;
        }
    }

    /**
     * @param value a converted value
     * @return it as text the binder converts back without loss
     */
    static String asText(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        return value.toString();
    }

    private static Object toInt(String text) {
        String t = text.strip();
        int i = 0;
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            negative = t.charAt(0) == '-';
            i = 1;
        }
        StringBuilder digits = new StringBuilder(t.length());
        if (negative) {
            digits.append('-');
        }
        boolean lastWasDigit = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            // Python counts every Unicode decimal digit (Arabic-Indic, fullwidth, ...)
            int digit = Character.digit(c, 10);
            if (digit >= 0 && Character.isDigit(c)) {
                digits.append((char) ('0' + digit));
                lastWasDigit = true;
            } else if (c == '_' && lastWasDigit && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1))) {
                lastWasDigit = false;
            } else {
                throw new IllegalArgumentException("invalid literal for int() with base 10: " + pyRepr(text));
            }
        }
        if (!lastWasDigit) {
            throw new IllegalArgumentException("invalid literal for int() with base 10: " + pyRepr(text));
        }
        BigInteger value = new BigInteger(digits.toString());
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Double toFloat(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (SPECIAL.matcher(t).matches()) {
            if (t.endsWith("nan")) {
                return Double.NaN;
            }
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new IllegalArgumentException("could not convert string to float: " + pyRepr(text));
        }
        return Double.valueOf(t.replace("_", ""));
    }

    /** Python's {@code repr()} of a string, as its ValueError messages quote the value. */
    static String pyRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (printable(c)) {
                out.appendCodePoint(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        });
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one character: not a control, format, separator (but space) or unassigned. */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
