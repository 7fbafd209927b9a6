package org.cerise.examples.tut10;

import java.io.IOException;
import java.io.InputStream;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * CherryPy tutorial 10, "Make it a modern single-page application with React.js": tutorial 9's
 * web service and database, with a page ({@code index.html}) that only loads React, jQuery,
 * Babel and {@code public/js/gen.js}, the tutorial's React components written in JSX, which
 * Babel compiles in the browser as in the tutorial. Every script is served by this bundle from
 * {@code public/} (config file {@code /tut10.conf}); none comes from the internet.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut10", config = "/tut10.conf")
public class StringGenerator {

    /** The REST resource the page calls: {@code /tut10/generator}. */
    public final StringGeneratorWebService generator;

    /** @param database where the strings live */
    @Activate
    public StringGenerator(@Reference Database database) {
        this.generator = new StringGeneratorWebService(database);
    }

    /**
     * @return the page, streamed from the bundle
     * @throws IOException if the bundle cannot be read (it was uninstalled meanwhile)
     */
    @Expose
    public InputStream index() throws IOException {
        return StringGenerator.class.getResource("/index.html").openStream();
    }
}
