package org.cerise.examples.tut05;

import org.cerise.api.CeriseApp;
import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 5, "Track my end-user's activity": {@code generate} keeps the string it
 * made in the visitor's session, and {@code display} shows it again; before any
 * {@code generate}, {@code display} fails with a 500 (Python's {@code KeyError}) as the
 * tutorial does. Sessions are on for the whole app, as the tutorial's config turns them on.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut05")
@Config("tools.sessions.on = True")
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
     * @param length  how many characters, converted with Python's {@code int()} rules as in the tutorial
     * @param session the visitor's session
     * @return distinct random characters of {@code 0-9a-fA-F}, also kept in the session
     */
    @Expose
    public String generate(@Param(defaultValue = "8") Object length, Session session) {
        String someString = Python.sampleHexDigits(Python.toInt(length));
        session.put("mystring", someString);
        return someString;
    }

    /**
     * @param session the visitor's session
     * @return the string {@code generate} kept: {@code cherrypy.session['mystring']}
     */
    @Expose
    public String display(Session session) {
        return (String) Python.getItem(session, "mystring");
    }
}
