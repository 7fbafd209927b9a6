package org.cerise.examples.tut08;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.examples.support.Python;

/**
 * Tutorial 8's web service, tutorial 7's resource unchanged: the HTTP verbs generate, read,
 * replace and delete the string kept in the visitor's session. {@code GET} fails with a 500
 * (Python's {@code KeyError}) while the session holds no string, as in the tutorial.
 */
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
