package org.cerise.examples.tut12;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Random;

import org.cerise.api.Cerise;
import org.cerise.api.Expose;

/**
 * CherryPy's tutorial 12 revisits tutorial 2: {@code /} greets, {@code /generate} answers 8
 * random hexadecimal digits. A plain class: {@link #main} serves it with
 * {@link Cerise#quickstart}, and SimpleCPTest tests it with the test kit.
 *
 * <pre>
 * class StringGenerator(object):
 *     &#64;cherrypy.expose
 *     def index(self):
 *         return "Hello world!"
 *
 *     &#64;cherrypy.expose
 *     def generate(self):
 *         return ''.join(random.sample(string.hexdigits, 8))
 * </pre>
 */
public class StringGenerator {

    /** Python's {@code string.hexdigits}. */
    static final String HEXDIGITS = "0123456789abcdefABCDEF";

    private final Random random = new SecureRandom();

    /** @return the greeting */
    @Expose
    public String index() {
        return "Hello world!";
    }

    /**
     * Python's {@code ''.join(random.sample(string.hexdigits, 8))}: 8 characters drawn without
     * replacement from the 22 of {@code string.hexdigits}.
     *
     * @return the random string
     */
    @Expose
    public String generate() {
        char[] pool = HEXDIGITS.toCharArray();
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            int j = i + random.nextInt(pool.length - i);
            char c = pool[j];
            pool[j] = pool[i];
            pool[i] = c;
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Serves the app on http://127.0.0.1:8080/ (the tutorial's {@code if __name__ == '__main__':}
     * block). Left out of the coverage, as the tutorial's {@code # pragma: no cover}: JaCoCo
     * ignores methods annotated with an annotation whose name contains {@code Generated}.
     *
     * @param args none
     */
    @NoCoverageGenerated
    public static void main(String[] args) {
        Cerise.quickstart(new StringGenerator(), "/", Map.of());
    }

    /**
     * Java's {@code # pragma: no cover}: JaCoCo (0.8.2 and later) leaves out of its report every
     * method annotated with a class-retained annotation whose simple name contains "Generated".
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @interface NoCoverageGenerated {
    }
}
