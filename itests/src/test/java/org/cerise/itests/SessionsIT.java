package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Sessions in the container: values of an app's own class survive an update of the app's
 * bundle (new class loader) and read back as the new class, never a ClassCastException.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionsIT extends CeriseTestSupport {

    private static final Class<?> APP = org.cerise.itests.apps.sessions.SessionApp.class;
    private static final Pattern ID = Pattern.compile("session_id=([0-9a-f]{40});");

    private static String sessionId(HttpResponse<String> r) {
        Matcher m = ID.matcher(r.headers().firstValue("Set-Cookie").orElse(""));
        assertTrue(r.headers().toString(), m.find());
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", "session_id=" + id));
    }

    @Test
    public void aSessionValueOfTheAppsOwnClassSurvivesAnUpdateOfTheApp() throws Exception {
        Bundle app;
        try (InputStream jar = AppBundles.jar("org.cerise.itests.sessions", "1.0.0", APP, "/carts")) {
            app = context().installBundle("itest:sessions", jar);
        }
        try {
            app.start();
            await("/carts/get", r -> r.statusCode() == 200, MOUNT_DEADLINE);
            String id = sessionId(get("/carts/putCart?items=pear,fig"));
            assertEquals("[pear, fig] read by 1.0.0", get("/carts/getCart", id).body());

            try (InputStream jar = AppBundles.jar("org.cerise.itests.sessions", "2.0.0", APP, "/carts")) {
                app.update(jar);
            }
            await("/carts/get", r -> r.statusCode() == 200, MOUNT_DEADLINE);
            HttpResponse<String> read = get("/carts/getCart", id);
            assertEquals(read.body(), 200, read.statusCode());
            assertEquals("[pear, fig] read by 2.0.0", read.body());
            assertEquals(id, sessionId(read));
        } finally {
            app.uninstall();
        }
    }
}
