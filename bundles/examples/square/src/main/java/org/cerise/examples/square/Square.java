package org.cerise.examples.square;

import org.cerise.api.CeriseApp;
import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.examples.support.Python;
import org.osgi.service.component.annotations.Component;

/**
 * The REST example of rest-square-example.txt: {@code POST} squares a number and keeps the
 * answer in the session, {@code GET} reads it back (text/plain clients only; a 500 while there
 * is none), {@code PUT} replaces it, {@code DELETE} drops it. The config file
 * {@code /square.conf} selects the method dispatcher and sessions.
 */
@Component(service = Square.class)
@CeriseApp(mount = "/square", config = "/square.conf")
@Expose
public class Square {

    /**
     * @param session the visitor's session
     * @return {@code cherrypy.session['ans']}
     */
    @Config({"tools.accept.on = True", "tools.accept.media = 'text/plain'"})
    public String GET(Session session) {
        return (String) Python.getItem(session, "ans");
    }

    /**
     * @param number  the number, converted with Python's {@code int()} rules
     * @param session the visitor's session
     * @return {@code str(int(number) ** 2)}, also kept in the session
     */
    public String POST(@Param(defaultValue = "2") Object number, Session session) {
        String answer = Python.toInteger(number).pow(2).toString();
        session.put("ans", answer);
        return answer;
    }

    /**
     * @param number  the answer to keep instead
     * @param session the visitor's session
     */
    public void PUT(String number, Session session) {
        session.put("ans", number);
    }

    /** @param session the visitor's session, whose answer is dropped if it has one */
    public void DELETE(Session session) {
        session.remove("ans");
    }
}
