package org.cerise.examples.support;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.cerise.api.Session;

/**
 * Python built-ins the CherryPy tutorials rely on, with Python's failures: where Python raises,
 * these throw, so the tutorial answers 500 just as CherryPy does.
 */
public final class Python {

    /** Python's {@code string.hexdigits}. */
    public static final String HEXDIGITS = "0123456789abcdefABCDEF";

    private Python() {
    }

    /**
     * Python's {@code int(value)} for a request value.
     *
     * @param value a String, or a List when the parameter was repeated
     * @return the integer
     * @throws NumberFormatException   "invalid literal for int() with base 10: 'x'"
     * @throws IllegalArgumentException for a list, as Python's TypeError
     * @throws ArithmeticException     beyond Java's int (Python's int has no bound)
     */
    public static int toInt(Object value) {
        return toInteger(value).intValueExact();
    }

    /**
     * Python's {@code int(value)} for a request value, unbounded as Python's integers are.
     *
     * @param value a String, or a List when the parameter was repeated
     * @return the integer
     * @throws NumberFormatException   "invalid literal for int() with base 10: 'x'"
     * @throws IllegalArgumentException for a list, as Python's TypeError
     */
    public static BigInteger toInteger(Object value) {
        if (value instanceof List) {
            throw new IllegalArgumentException(
                    "int() argument must be a string, a bytes-like object or a real number, not 'list'");
        }
        String text = String.valueOf(value);
        String t = text.strip();
        String digits = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (!digits.matches("[0-9](_?[0-9])*")) {
            throw new NumberFormatException("invalid literal for int() with base 10: '" + text + "'");
        }
        return new BigInteger((t.startsWith("-") ? "-" : "") + digits.replace("_", ""));
    }

    /**
     * {@code ''.join(random.sample(string.hexdigits, n))}.
     *
     * @param n how many distinct characters
     * @return the characters, in random order
     * @throws IllegalArgumentException "Sample larger than population or is negative"
     */
    public static String sampleHexDigits(int n) {
        if (n < 0 || n > HEXDIGITS.length()) {
            throw new IllegalArgumentException("Sample larger than population or is negative");
        }
        char[] pool = HEXDIGITS.toCharArray();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // a partial Fisher-Yates shuffle picks n distinct positions
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.length - i);
            char c = pool[i];
            pool[i] = pool[j];
            pool[j] = c;
        }
        return new String(pool, 0, n);
    }

    /**
     * Python's {@code session[key]}: the value, or a {@link KeyError} if the session has none.
     *
     * @param session the session
     * @param key     the key
     * @return the value
     * @throws KeyError {@code 'key'}, as Python's message names it
     */
    public static Object getItem(Session session, String key) {
        if (!session.containsKey(key)) {
            throw new KeyError(key);
        }
        return session.get(key);
    }

    /** Python's {@code KeyError}: a missing key, named as Python's {@code repr} writes it. */
    public static final class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param key the missing key */
        public KeyError(String key) {
            super("'" + key.replace("\\", "\\\\").replace("'", "\\'") + "'");
        }
    }
}
