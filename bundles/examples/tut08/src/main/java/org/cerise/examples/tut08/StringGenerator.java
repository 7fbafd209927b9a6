package org.cerise.examples.tut08;

import java.io.IOException;
import java.io.InputStream;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy tutorial 8, "Make it smoother with Ajax": the page {@code index.html} (read from
 * this bundle at every request, as the tutorial's {@code open('index.html')} does) talks to
 * {@link StringGeneratorWebService}, mounted below it as {@code generator}, with jQuery. The
 * config file {@code /tut08.conf} turns sessions on, selects the method dispatcher for
 * {@code /generator} and serves {@code public/} (the stylesheet and jQuery) at {@code /static}.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut08", config = "/tut08.conf")
public class StringGenerator {

    /** The REST resource the page calls: {@code /tut08/generator}. */
    public final StringGeneratorWebService generator = new StringGeneratorWebService();

    /**
     * @return the page, streamed from the bundle
     * @throws IOException if the bundle cannot be read (it was uninstalled meanwhile)
     */
    @Expose
    public InputStream index() throws IOException {
        return StringGenerator.class.getResource("/index.html").openStream();
    }
}
