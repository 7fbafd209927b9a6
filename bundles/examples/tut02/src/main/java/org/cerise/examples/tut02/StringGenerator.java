package org.cerise.examples.tut02;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 2, "Different URLs lead to different functions": {@code /tut02/} greets,
 * {@code /tut02/generate} answers 8 random hexadecimal digits.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut02")
public class StringGenerator {

    /** @return the greeting */
    @Expose
    public String index() {
        return "Hello world!";
    }

    /** @return 8 distinct random characters of {@code 0-9a-fA-F} */
    @Expose
    public String generate() {
        return Python.sampleHexDigits(8);
    }
}
