package org.cerise.examples.tut06;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 6, "What about my javascripts, CSS and images?": tutorial 5's string
 * generator, whose page links a stylesheet served by the {@code staticdir} tool from the
 * {@code public/} folder this bundle carries (config file {@code /tut06.conf}).
 *
 * <p>The tutorial links {@code /static/css/style.css}, which only works when the app is
 * mounted at the site's root; mounted at {@code /tut06}, the page links
 * {@code static/css/style.css}, relative to {@code /tut06/}.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut06", config = "/tut06.conf")
public class StringGenerator {

    /** @return the form, indented as in the tutorial, with the stylesheet's link */
    @Expose
    public String index() {
        return """
                <html>
                          <head>
                            <link href="static/css/style.css" rel="stylesheet">
                          </head>
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
