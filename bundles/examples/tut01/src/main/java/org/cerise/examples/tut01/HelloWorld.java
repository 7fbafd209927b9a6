package org.cerise.examples.tut01;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 1, "A basic web application": {@code /tut01/} answers
 * {@code Hello world!}.
 */
@Component(service = HelloWorld.class)
@CeriseApp(mount = "/tut01")
public class HelloWorld {

    /** @return the greeting */
    @Expose
    public String index() {
        return "Hello world!";
    }
}
