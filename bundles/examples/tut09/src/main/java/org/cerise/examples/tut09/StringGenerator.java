package org.cerise.examples.tut09;

import java.io.IOException;
import java.io.InputStream;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * CherryPy tutorial 9, "Data is all my life": tutorial 8's page and web service, with the
 * strings kept in a SQL database ({@link Database}, H2 through the OSGi JDBC service) instead
 * of the session. The table is created and dropped by the engine's {@code start} and
 * {@code stop} channels ({@link Schema}), as the tutorial's {@code cherrypy.engine.subscribe}
 * calls do. Config file: {@code /tut09.conf}.
 */
@Component(service = StringGenerator.class)
@CeriseApp(mount = "/tut09", config = "/tut09.conf")
public class StringGenerator {

    /** The REST resource the page calls: {@code /tut09/generator}. */
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
