package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Apps come and go while the container serves: bundles installed, updated and uninstalled at
 * run time are mounted, re-mounted and unmounted without a restart, and a failing handler
 * costs one 500 page, nothing more. The app bundles are built here from the packages under
 * {@code org.cerise.itests.apps} ({@link AppBundles}). Mounting is awaited by polling HTTP
 * with a deadline of {@link #MOUNT_DEADLINE}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotMountIT extends CeriseTestSupport {

    private static final Class<?> HOT_V1 = org.cerise.itests.apps.hot.v1.HotApp.class;
    private static final Class<?> HOT_V2 = org.cerise.itests.apps.hot.v2.HotApp.class;

    private Bundle install(String symbolicName, String version, Class<?> app, String mount) throws Exception {
        try (InputStream jar = AppBundles.jar(symbolicName, version, app, mount)) {
            Bundle bundle = context().installBundle("itest:" + symbolicName, jar);
            bundle.start();
            return bundle;
        }
    }

    @Test
    public void appInstalledAtRunTimeIsMountedAndServed() throws Exception {
        assertEquals("nothing at /hot1 before the install", 404, get("/hot1/").statusCode());
        Bundle app = install("org.cerise.itests.hot1", "1.0.0", HOT_V1, "/hot1");
        try {
            HttpResponse<String> r = await("/hot1/", x -> x.statusCode() == 200, MOUNT_DEADLINE);
            assertEquals("Hello from version 1", r.body());
            assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
            // CherryPy's trailing-slash redirect applies to the new app as to any other
            HttpResponse<String> redirect = get("/hot1");
            assertEquals(301, redirect.statusCode());
            assertEquals(url("/hot1/"), redirect.headers().firstValue("Location").orElse(null));
        } finally {
            app.uninstall();
        }
    }

    @Test
    public void uninstalledAppAnswers404() throws Exception {
        Bundle app = install("org.cerise.itests.hot2", "1.0.0", HOT_V1, "/hot2");
        await("/hot2/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
        app.uninstall();
        // as for any path outside every mount (CherryPy 18.8): a bare 404 with an empty body
        HttpResponse<String> r = await("/hot2/", x -> x.statusCode() == 404, MOUNT_DEADLINE);
        assertEquals("", r.body());
        assertEquals("the other apps stay mounted", "Hello world!", get("/tut01/").body());
    }

    @Test
    public void updatedAppServesTheNewCode() throws Exception {
        Bundle app = install("org.cerise.itests.hot3", "1.0.0", HOT_V1, "/hot3");
        try {
            await("/hot3/", r -> r.body().equals("Hello from version 1"), MOUNT_DEADLINE);
            // version 1 has no page "added": the app's own 404 page (CherryPy 18.8 wording)
            assertErrorPage(get("/hot3/added"), 404, "404 Not Found", "The path '/hot3/added' was not found.");

            try (InputStream v2 = AppBundles.jar("org.cerise.itests.hot3", "2.0.0", HOT_V2, "/hot3")) {
                app.update(v2);
            }
            assertEquals("2.0.0", app.getVersion().toString());
            HttpResponse<String> r = await("/hot3/", x -> x.body().equals("Hello from version 2"), MOUNT_DEADLINE);
            assertEquals(200, r.statusCode());
            HttpResponse<String> added = get("/hot3/added");
            assertEquals(200, added.statusCode());
            assertEquals("Only version 2 has this page", added.body());
        } finally {
            app.uninstall();
        }
    }

    @Test
    public void failingHandlerGives500PageAndTheContainerKeepsServing() throws Exception {
        Bundle app = install("org.cerise.itests.failing", "1.0.0", org.cerise.itests.apps.failing.FailingApp.class, "/failing");
        try {
            await("/failing/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
            for (int i = 0; i < 3; i++) {
                // CherryPy 18.8 (a handler raising RuntimeError): 500 page with the standard message
                // and the traceback; Cerise shows the Java stack trace.
                HttpResponse<String> r = get("/failing/fail");
                assertErrorPage(r, 500, "500 Internal Server Error", MESSAGE_500);
                assertTrue("stack trace on the page:\n" + r.body(), r.body().contains(
                        "<pre id=\"traceback\">java.lang.IllegalStateException: deliberate failure in a handler"));
                assertTrue(r.body(), r.body().contains("at org.cerise.itests.apps.failing.FailingApp.fail("));
            }
            // the same app, the tutorials and a connection that saw the 500 all go on serving
            assertEquals("Still serving", get("/failing/").body());
            assertEquals("Hello world!", get("/tut01/").body());
            try (RawHttp http = new RawHttp(port())) {
                String host = "Host: 127.0.0.1:" + port() + "\r\n";
                http.send("GET /failing/fail HTTP/1.1\r\n" + host + "\r\n");
                assertEquals(500, http.read().status);
                http.send("GET /tut02/ HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
                RawResponse after = http.read();
                assertEquals(200, after.status);
                assertEquals("Hello world!", after.text());
            }
        } finally {
            app.uninstall();
        }
    }
}
