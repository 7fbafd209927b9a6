package org.cerise.examples.quickstart;

import java.util.List;
import java.util.Map;

import org.cerise.api.Cerise;
import org.cerise.api.Expose;

/**
 * Several apps in one server, CherryPy's {@code tree.mount} then {@code engine.start()} and
 * {@code engine.block()}: a greeting app at {@code /hello} with gzip turned on by its config map,
 * and a JSON app at {@code /api}; the global config chooses the port (CherryPy's
 * {@code cherrypy.config.update}).
 *
 * <pre>
 * cherrypy.config.update({'server.socket_port': 8080})
 * cherrypy.tree.mount(Hello(), '/hello', {'/': {'tools.gzip.on': True}})
 * cherrypy.tree.mount(Api(), '/api', {'/': {'tools.json_out.on': True}})
 * cherrypy.engine.start()
 * cherrypy.engine.block()
 * </pre>
 */
public final class TwoApps {

    private TwoApps() {
    }

    /** The greeting app. */
    public static class Hello {
        /** @return the page */
        @Expose
        public String index() {
            return "Hello from the first app!";
        }

        /**
         * @param name who to greet
         * @return the greeting
         */
        @Expose
        public String greet(String name) {
            return "Hello " + name + "!";
        }
    }

    /** The JSON app: its handlers' return values are written as JSON. */
    public static class Api {
        /** @return the apps this server runs */
        @Expose
        public Map<String, Object> index() {
            return Map.of("apps", List.of("/hello", "/api"));
        }
    }

    /**
     * Mounts both apps and serves them until stopped; the port is 8080 unless the environment
     * variable {@code CERISE_PORT} chooses another.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String port = System.getenv("CERISE_PORT");
        Cerise.config(Map.of("server.socket_port", port == null ? 8080 : Integer.parseInt(port)));
        Cerise.mount(new Hello(), "/hello", Map.of("/", Map.of("tools.gzip.on", true)));
        Cerise.mount(new Api(), "/api", Map.of("/", Map.of("tools.json_out.on", true)));
        Cerise.start();
        Cerise.block();
    }
}
