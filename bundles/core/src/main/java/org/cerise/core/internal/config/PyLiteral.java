package org.cerise.core.internal.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses config values written as Python literals, the subset of CherryPy's {@code unrepr}
 * that is data: quoted strings (single, double, triple, raw, with escapes), integers
 * (decimal, hex, octal, binary, with underscores), floats, {@code True}/{@code False}/
 * {@code None}, lists, tuples and sets (as {@link List}) and dicts (as an insertion-ordered
 * {@link Map}). CherryPy also evaluates names and calls; Cerise names dispatchers, tools and
 * stores by string, so a bare name is an error that says to quote it. Bytes literals
 * ({@code b'...'}) give a String of their (Latin-1) bytes, and a leading {@code +} is accepted
 * though CherryPy's {@code unrepr} refuses it.
 *
 * <p>CherryPy parses the value as the right-hand side of an assignment statement, so a
 * {@code #} comment ends it and {@code 1, 2} is a tuple. Python would also end the statement at
 * a newline or {@code ;} outside brackets and silently drop whatever follows; Cerise reports
 * that text as an error instead.
 */
public final class PyLiteral {

    /** A value that is not a Python literal; the message says where and why. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    // Python's number grammar; '_' may only stand between digits.
    private static final Pattern DIGITS = Pattern.compile("[0-9](_?[0-9])*");
    private static final Pattern DECIMAL = Pattern.compile("[1-9](_?[0-9])*|0(_?0)*");
    private static final Pattern HEX = Pattern.compile("0[xX](_?[0-9a-fA-F])+");
    private static final Pattern OCTAL = Pattern.compile("0[oO](_?[0-7])+");
    private static final Pattern BINARY = Pattern.compile("0[bB](_?[01])+");
    private static final Pattern FLOAT = Pattern.compile(
            "(" + DIGITS + ")?\\." + DIGITS + "([eE][+-]?" + DIGITS + ")?"
            + "|" + DIGITS + "\\.([eE][+-]?" + DIGITS + ")?"
            + "|" + DIGITS + "[eE][+-]?" + DIGITS);
    private static final Pattern LEADING_ZERO = Pattern.compile("0[0-9_]*[1-9][0-9_]*");

    private final String text;
    private int pos;
    /** Brackets open at {@link #pos}: outside brackets a newline ends the statement, as in Python. */
    private int depth;

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
        // blank lines before the value are harmless (Python would refuse a newline after '=')
        p.depth = 1;
        p.skipSpace();
        p.depth = 0;
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length() && text.charAt(p.pos) == ',') {
            // "1, 2" and "1," are tuples, as on the right of Python's '='
            List<Object> tuple = new ArrayList<>();
            tuple.add(value);
            while (p.pos < text.length() && text.charAt(p.pos) == ',') {
                p.pos++;
                p.skipSpace();
                if (p.pos >= text.length() || p.atNewline()) {
                    break;
                }
                tuple.add(p.value());
                p.skipSpace();
            }
            value = Collections.unmodifiableList(tuple);
        }
        p.depth = 1;
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    private SyntaxError error(String why) {
        // counted in the stripped text that the message shows
        int lead = text.length() - text.stripLeading().length();
        return new SyntaxError(why + " at position " + Math.max(1, pos + 1 - lead) + " of " + text.strip());
    }

    private boolean atNewline() {
        return text.charAt(pos) == '\n' || text.charAt(pos) == '\r';
    }

    /** Skips blanks, {@code #} comments, backslash continuations and, inside brackets, newlines. */
    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f' || (depth > 0 && (c == '\n' || c == '\r'))) {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                while (pos < text.length() && !atNewline()) {
                    pos++;
                }
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
                List<Object> items = new ArrayList<>();
                boolean comma = sequenceInto(items, ')');
                // "(x)" is just a parenthesized value; "(x,)" is a tuple
                if (items.size() == 1 && !comma) {
                    return items.get(0);
                }
                return Collections.unmodifiableList(items);
            }
            case '{':
                pos++;
                depth++;
                return braces();
            case '\'':
            case '"':
                return strings();
            case '-':
            case '+': {
                pos++;
                skipSpace();
                int start = pos;
                Object operand = value();
                if (c == '+') {
                    if (!(operand instanceof Number)) {
                        pos = start;
                        throw error("'+' applies to numbers only");
                    }
                    return operand;
                }
                return negate(operand, start);
            }
            default:
                break;
        }
        if (c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
                if (!isPrefix(word)) {
                    pos = start;
                    throw error("'" + word + "' is not a string prefix Cerise reads (r, u, b, rb or br)");
                }
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

    private static boolean isPrefix(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "r":
            case "u":
            case "b":
            case "rb":
            case "br":
                return true;
            default:
                return false;
        }
    }

    private Object negate(Object operand, int start) throws SyntaxError {
        if (operand instanceof Long) {
            return -(Long) operand;
        }
        if (operand instanceof BigInteger) {
            return integer(((BigInteger) operand).negate());
        }
        if (operand instanceof Double) {
            return -(Double) operand;
        }
        pos = start;
        throw error("'-' applies to numbers only");
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
        depth++;
        boolean comma = false;
        skipSpace();
        while (true) {
            if (pos >= text.length()) {
                throw error("'" + close + "' is missing");
            }
            if (text.charAt(pos) == close) {
                pos++;
                depth--;
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
                depth--;
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

    /** Adjacent string literals concatenate, as in Python; bytes and text do not mix. */
    private String strings() throws SyntaxError {
        StringBuilder sb = new StringBuilder();
        Boolean bytes = null;
        do {
            boolean b = isBytes();
            if (bytes != null && bytes != b) {
                throw error("bytes and text literals cannot be concatenated");
            }
            bytes = b;
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

    private boolean isBytes() {
        for (int i = pos; i < text.length() && text.charAt(i) != '\'' && text.charAt(i) != '"'; i++) {
            if (text.charAt(i) == 'b' || text.charAt(i) == 'B') {
                return true;
            }
        }
        return false;
    }

    private boolean startsString() {
        int i = pos;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')
                && (i == pos || isPrefix(text.substring(pos, i)));
    }

    private String string() throws SyntaxError {
        boolean raw = false;
        boolean bytes = false;
        while ("rRbBuU".indexOf(text.charAt(pos)) >= 0) {
            raw |= text.charAt(pos) == 'r' || text.charAt(pos) == 'R';
            bytes |= text.charAt(pos) == 'b' || text.charAt(pos) == 'B';
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
            if (bytes && c > 127) {
                throw error("bytes literals can only contain ASCII characters");
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
                    case 'a': sb.append('\007'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'v': sb.append('\013'); break;
                    case '\\': sb.append('\\'); break;
                    case '\'': sb.append('\''); break;
                    case '"': sb.append('"'); break;
                    case '\n': break;
                    case 'x': sb.append((char) hex(2)); break;
                    case 'u':
                    case 'U':
                    case 'N':
                        if (bytes) {
                            // not escapes in bytes literals
                            sb.append('\\').append(e);
                        } else if (e == 'N') {
                            sb.appendCodePoint(named());
                        } else {
                            int cp = hex(e == 'u' ? 4 : 8);
                            if (cp > Character.MAX_CODE_POINT) {
                                pos -= 10;
                                throw error("illegal Unicode character in \\U escape");
                            }
                            sb.appendCodePoint(cp);
                        }
                        break;
                    default:
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int n = 1; n < 3 && pos < text.length() && text.charAt(pos) >= '0'
                                    && text.charAt(pos) <= '7'; n++) {
                                v = v * 8 + text.charAt(pos++) - '0';
                            }
                            sb.append((char) (bytes ? v & 0xff : v));
                        } else {
                            // Python keeps an unknown escape as it is
                            sb.append('\\').append(e);
                        }
                        break;
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
    }

    private int hex(int digits) throws SyntaxError {
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = pos + i < text.length() ? Character.digit(text.charAt(pos + i), 16) : -1;
            if (d < 0) {
                throw error("truncated \\" + text.charAt(pos - 1) + " escape: " + digits + " hex digits expected");
            }
            v = v * 16 + d;
        }
        pos += digits;
        return v;
    }

    /** {@code \N{EM DASH}} */
    private int named() throws SyntaxError {
        int close = text.indexOf('}', pos);
        if (pos >= text.length() || text.charAt(pos) != '{' || close < 0) {
            throw error("malformed \\N character escape");
        }
        String name = text.substring(pos + 1, close);
        try {
            int cp = Character.codePointOf(name);
            pos = close + 1;
            return cp;
        } catch (IllegalArgumentException e) {
            throw error("unknown Unicode character name '" + name + "'");
        }
    }

    private Object number() throws SyntaxError {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.'
                || ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
                        && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String body = text.substring(start, pos);
        String clean = body.replace("_", "");
        if (DECIMAL.matcher(body).matches()) {
            return integer(new BigInteger(clean));
        }
        if (HEX.matcher(body).matches()) {
            return integer(new BigInteger(clean.substring(2), 16));
        }
        if (OCTAL.matcher(body).matches()) {
            return integer(new BigInteger(clean.substring(2), 8));
        }
        if (BINARY.matcher(body).matches()) {
            return integer(new BigInteger(clean.substring(2), 2));
        }
        if (FLOAT.matcher(body).matches()) {
            return Double.valueOf(clean);
        }
        pos = start;
        if (LEADING_ZERO.matcher(body).matches()) {
            throw error("'" + body + "': leading zeros are not allowed (Python syntax)");
        }
        if (body.endsWith("j") || body.endsWith("J")) {
            throw error("'" + body + "': complex numbers are not supported");
        }
        throw error("'" + body + "' is not a number");
    }

    private static Object integer(BigInteger big) {
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
}
