package org.cerise.examples.tut04;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 4, "Submit this form": {@code /tut04/} shows a form whose GET submission
 * reaches {@code generate}; a POST of the same form reaches it too, with the value in the body.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut04")
public class StringGenerator {

    /** @return the form, indented as in the tutorial */
    @Expose
    public String index() {
        return """
                <html>
                          <head></head>
                          <body>
                            <form method="get" action="generate">
                              <input type="text" value="8" name="length" />
                              <button type="submit">Give it now!</button>
                            </form>
                          </body>
                        </html>""";
    }

    /**
     * @param length how many characters, converted with Python's {@code int()} rules as in the tutorial
     * @return distinct random characters of {@code 0-9a-fA-F}
     */
    @Expose
    public String generate(@Param(defaultValue = "8") Object length) {
        return Python.sampleHexDigits(Python.toInt(length));
    }
}
