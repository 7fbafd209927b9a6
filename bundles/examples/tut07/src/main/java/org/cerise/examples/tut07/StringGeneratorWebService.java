package org.cerise.examples.tut07;

import org.cerise.api.CeriseApp;
import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 7, "Give us a REST": one resource whose HTTP verbs generate, read, replace
 * and delete the string kept in the visitor's session. The config file {@code /tut07.conf}
 * selects the method dispatcher, turns sessions on and makes every answer {@code text/plain};
 * {@code GET} only answers clients that accept {@code text/plain} (406 otherwise), and fails
 * with a 500 (Python's {@code KeyError}) while the session holds no string, as in the tutorial.
 */
@Component(service = StringGeneratorWebService.class)
@CeriseApp(mount = "/tut07", config = "/tut07.conf")
@Expose
public class StringGeneratorWebService {

    /**
     * @param session the visitor's session
     * @return {@code cherrypy.session['mystring']}
     */
    @Config({"tools.accept.on = True", "tools.accept.media = 'text/plain'"})
    public String GET(Session session) {
        return (String) Python.getItem(session, "mystring");
    }

    /**
     * @param length  how many characters, converted with Python's {@code int()} rules
     * @param session the visitor's session
     * @return distinct random characters of {@code 0-9a-fA-F}, also kept in the session
     */
    public String POST(@Param(defaultValue = "8") Object length, Session session) {
        String someString = Python.sampleHexDigits(Python.toInt(length));
        session.put("mystring", someString);
        return someString;
    }

    /**
     * @param anotherString the string to keep instead
     * @param session       the visitor's session
     */
    public void PUT(@Param("another_string") String anotherString, Session session) {
        session.put("mystring", anotherString);
    }

    /** @param session the visitor's session, whose string is dropped if it has one */
    public void DELETE(Session session) {
        session.remove("mystring");
    }
}
