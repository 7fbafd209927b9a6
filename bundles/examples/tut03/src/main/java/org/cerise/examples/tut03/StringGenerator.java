package org.cerise.examples.tut03;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 3, "My URLs have parameters": {@code /tut03/generate?length=16} (or
 * {@code /tut03/generate/16}) answers 16 random hexadecimal digits; without {@code length}, 8.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut03")
public class StringGenerator {

    /** @return the greeting */
    @Expose
    public String index() {
        return "Hello world!";
    }

    /**
     * As in the tutorial, the value arrives as text and the handler converts it with Python's
     * {@code int()} rules, so that {@code length=abc} (or a repeated {@code length}) fails
     * with a 500 exactly as CherryPy's tutorial does. A Java app would rather declare
     * {@code int length} and let Cerise answer 400 for text that is not a number.
     *
     * @param length how many characters, at most 22
     * @return distinct random characters of {@code 0-9a-fA-F}
     */
    @Expose
    public String generate(@Param(defaultValue = "8") Object length) {
        return Python.sampleHexDigits(Python.toInt(length));
    }
}
