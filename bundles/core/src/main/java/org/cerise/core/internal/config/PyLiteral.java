package org.cerise.core.internal.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses config values written as Python literals, the subset of CherryPy's {@code unrepr}
 * that is data: quoted strings (single, double, triple, raw, with escapes), integers
 * (decimal, hex, octal, binary, with underscores), floats, {@code True}/{@code False}/
 * {@code None}, lists, tuples and sets (as {@link List}) and dicts (as an insertion-ordered
 * {@link Map}). CherryPy also evaluates names and calls; Cerise names dispatchers, tools and
 * stores by string, so a bare name is an error that says to quote it.
 */
public final class PyLiteral {

    /** A value that is not a Python literal; the message says where and why. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses one value. An empty (or blank) text is the empty string, as in CherryPy.
     *
     * @param text the value as written
     * @return String, Long, BigInteger, Double, Boolean, {@code null}, List or Map
     * @throws SyntaxError if the text is not exactly one literal
     */
    public static Object parse(String text) throws SyntaxError {
        if (text.isBlank()) {
            return "";
        }
        PyLiteral p = new PyLiteral(text);
        p.skipSpace();
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    private SyntaxError error(String why) {
        return new SyntaxError(why + " at position " + (pos + 1) + " of " + text.strip());
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                break;
            }
        }
    }

    private Object value() throws SyntaxError {
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '[':
                pos++;
                return Collections.unmodifiableList(sequence(']'));
            case '(': {
                pos++;
                int start = pos;
                List<Object> items = new ArrayList<>();
                boolean comma = sequenceInto(items, ')');
                // "(x)" is just a parenthesized value; "(x,)" is a tuple
                if (items.size() == 1 && !comma && start != pos) {
                    return items.get(0);
                }
                return Collections.unmodifiableList(items);
            }
            case '{':
                pos++;
                return braces();
            case '\'':
            case '"':
                return strings();
            default:
                break;
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')
                    && word.length() <= 2 && word.toLowerCase().matches("[rbu]{1,2}")) {
                pos = start;
                return strings();
            }
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    pos = start;
                    throw error("'" + word + "' is a name, not a value; write text in quotes, e.g. \""
                            + restOfName() + "\"");
            }
        }
        throw error("'" + c + "' cannot start a value");
    }

    private String restOfName() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && ",]})".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(pos, end);
    }

    private List<Object> sequence(char close) throws SyntaxError {
        List<Object> items = new ArrayList<>();
        sequenceInto(items, close);
        return items;
    }

    /** @return whether a comma was seen (to tell a tuple of one from a parenthesized value) */
    private boolean sequenceInto(List<Object> items, char close) throws SyntaxError {
        boolean comma = false;
        skipSpace();
        while (true) {
            if (pos >= text.length()) {
                throw error("'" + close + "' is missing");
            }
            if (text.charAt(pos) == close) {
                pos++;
                return comma;
            }
            items.add(value());
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                comma = true;
                pos++;
                skipSpace();
            } else if (pos < text.length() && text.charAt(pos) != close) {
                throw error("',' or '" + close + "' expected");
            }
        }
    }

    private Object braces() throws SyntaxError {
        skipSpace();
        Map<Object, Object> map = new LinkedHashMap<>();
        List<Object> set = null;
        while (true) {
            if (pos >= text.length()) {
                throw error("'}' is missing");
            }
            if (text.charAt(pos) == '}') {
                pos++;
                return set != null ? Collections.unmodifiableList(set) : Collections.unmodifiableMap(map);
            }
            Object key = value();
            skipSpace();
            if (set == null && pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                skipSpace();
                map.put(key, value());
            } else if (map.isEmpty()) {
                if (set == null) {
                    set = new ArrayList<>();
                }
                if (!set.contains(key)) {
                    set.add(key);
                }
            } else {
                throw error("':' expected in a dict");
            }
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (pos < text.length() && text.charAt(pos) != '}') {
                throw error("',' or '}' expected");
            }
        }
    }

    /** Adjacent string literals concatenate, as in Python. */
    private String strings() throws SyntaxError {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(string());
            int save = pos;
            skipSpace();
            if (pos >= text.length() || !startsString()) {
                pos = save;
                break;
            }
        } while (true);
        return sb.toString();
    }

    private boolean startsString() {
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return true;
        }
        int i = pos;
        while (i < text.length() && i - pos < 2 && "rRbBuU".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i > pos && i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
    }

    private String string() throws SyntaxError {
        boolean raw = false;
        while ("rRbBuU".indexOf(text.charAt(pos)) >= 0) {
            raw |= text.charAt(pos) == 'r' || text.charAt(pos) == 'R';
            pos++;
        }
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("the string is not closed");
            }
            char c = text.charAt(pos);
            if (triple ? text.startsWith(String.valueOf(quote).repeat(3), pos) : c == quote) {
                pos += triple ? 3 : 1;
                return sb.toString();
            }
            if (c == '\n' && !triple) {
                throw error("the string is not closed on its line");
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char e = text.charAt(pos + 1);
                if (raw) {
                    sb.append(c).append(e);
                    pos += 2;
                    continue;
                }
                pos += 2;
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '0': sb.append('\0'); break;
                    case 'a': sb.append('\007'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'v': sb.append('\013'); break;
                    case '\\': sb.append('\\'); break;
                    case '\'': sb.append('\''); break;
                    case '"': sb.append('"'); break;
                    case '\n': break;
                    case 'x': sb.append((char) hex(2)); break;
                    case 'u': sb.append((char) hex(4)); break;
                    case 'U': sb.appendCodePoint(hex(8)); break;
                    default: sb.append('\\').append(e); break;
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
    }

    private int hex(int digits) throws SyntaxError {
        if (pos + digits > text.length()) {
            throw error("truncated escape");
        }
        try {
            int v = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error("bad escape");
        }
    }

    private Object number() throws SyntaxError {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
            skipSpace();
        }
        int digitsStart = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.'
                || ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
                        && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String sign = text.charAt(start) == '-' ? "-" : "";
        String body = text.substring(digitsStart, pos);
        if (body.isEmpty()) {
            throw error("a number is missing");
        }
        if (body.startsWith("_") || body.endsWith("_") || body.contains("__")) {
            throw error("'" + body + "' is not a number");
        }
        String clean = body.replace("_", "");
        try {
            String lower = clean.toLowerCase();
            if (lower.startsWith("0x")) {
                return integer(sign + clean.substring(2), 16);
            }
            if (lower.startsWith("0o")) {
                return integer(sign + clean.substring(2), 8);
            }
            if (lower.startsWith("0b")) {
                return integer(sign + clean.substring(2), 2);
            }
            if (lower.matches("[0-9]+")) {
                if (clean.length() > 1 && clean.startsWith("0") && !clean.matches("0+")) {
                    throw error("'" + body + "': leading zeros are not allowed (Python syntax)");
                }
                return integer(sign + clean, 10);
            }
            if (lower.equals("inf") || lower.equals("nan")) {
                throw error("'" + body + "' is a name, not a number");
            }
            return Double.valueOf(sign + clean);
        } catch (NumberFormatException e) {
            throw error("'" + body + "' is not a number");
        }
    }

    private static Object integer(String digits, int radix) {
        BigInteger big = new BigInteger(digits, radix);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
}
