package org.cerise.examples.quickstart;

import java.util.Map;

import org.cerise.api.Cerise;
import org.cerise.api.Expose;

/**
 * CherryPy's tutorial 1 as a plain Java program: no bundle, no container to install. Run it and
 * {@code http://127.0.0.1:8080/} answers {@code Hello world!}.
 *
 * <pre>
 * import cherrypy
 *
 * class HelloWorld(object):
 *     &#64;cherrypy.expose
 *     def index(self):
 *         return "Hello world!"
 *
 * if __name__ == '__main__':
 *     cherrypy.quickstart(HelloWorld())
 * </pre>
 */
public class HelloWorld {

    /** @return the page */
    @Expose
    public String index() {
        return "Hello world!";
    }

    /**
     * Serves the app at the site's root until stopped (Ctrl-C, SIGTERM).
     *
     * @param args none
     */
    public static void main(String[] args) {
        Cerise.quickstart(new HelloWorld(), "/", Map.of());
    }
}
