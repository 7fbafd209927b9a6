package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * An app configured by the CherryPy-style config file it carries ({@code cerise.app.config}):
 * {@code request.show_tracebacks}, {@code response.headers.*} and a custom
 * {@code error_page.404} apply to the sections that set them; a config file with a bad value
 * keeps the app from mounting until a fixed bundle replaces it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfiguredAppIT extends CeriseTestSupport {

    private static final Class<?> APP = org.cerise.itests.apps.configured.ConfiguredApp.class;

    @Test
    public void theAppsConfigFileShapesItsAnswers() throws Exception {
        Bundle app;
        try (InputStream jar = AppBundles.jar("org.cerise.itests.configured", "1.0.0", APP, "/configured",
                Map.of("Cerise-Test-Config", "/org/cerise/itests/apps/configured/app.conf"))) {
            app = context().installBundle("itest:configured", jar);
        }
        try {
            app.start();
            await("/configured/", r -> r.statusCode() == 200, MOUNT_DEADLINE);

            // [/] response.headers.X-Served-By
            HttpResponse<String> index = get("/configured/");
            assertEquals("configured", index.body());
            assertEquals("cerise-itest", index.headers().firstValue("X-Served-By").orElse(null));

            // [/] request.show_tracebacks = False: the 500 page keeps its traceback to itself
            HttpResponse<String> boom = get("/configured/boom");
            assertErrorPage(boom, 500, "500 Internal Server Error", MESSAGE_500);
            assertTrue(boom.body(), boom.body().contains("<pre id=\"traceback\"></pre>"));

            // [/pages] error_page.404 from the bundle, formatted as CherryPy formats it, padded
            // to 513 bytes as CherryPy pads short 404 pages (_be_ie_unfriendly)
            HttpResponse<String> custom = get("/configured/pages/nope");
            assertEquals(404, custom.statusCode());
            assertEquals("<p>custom 404 Not Found | The path '/configured/pages/nope' was not found.</p>\n",
                    custom.body().stripTrailing() + "\n");
            assertEquals(513, custom.body().length());
            assertEquals("text/html;charset=utf-8", custom.headers().firstValue("Content-Type").orElse(null));

            // outside [/pages] the standard page applies
            HttpResponse<String> standard = get("/configured/nope");
            assertErrorPage(standard, 404, "404 Not Found", "The path '/configured/nope' was not found.");
        } finally {
            app.uninstall();
        }
    }

    @Test
    public void aBadConfigValueKeepsTheAppUnmountedUntilItIsFixed() throws Exception {
        Bundle app;
        try (InputStream jar = AppBundles.jar("org.cerise.itests.misconfigured", "1.0.0", APP, "/misconfigured",
                Map.of("Cerise-Test-Config", "/org/cerise/itests/apps/configured/broken.conf"))) {
            app = context().installBundle("itest:misconfigured", jar);
        }
        try {
            app.start();
            // the service is there, the app is not served (half-configured apps never are): its
            // mount point answers 503 with Retry-After, as an app that is coming back does
            assertEquals(Bundle.ACTIVE, app.getState());
            HttpResponse<String> before = get("/misconfigured/");
            assertErrorPage(before, 503, "503 Service Unavailable", "The server is currently unable to handle the request "
                    + "due to a temporary overloading or maintenance of the server.");
            assertEquals("5", before.headers().firstValue("Retry-After").orElse(null));

            try (InputStream fixed = AppBundles.jar("org.cerise.itests.misconfigured", "1.0.1", APP,
                    "/misconfigured", Map.of("Cerise-Test-Config", "/org/cerise/itests/apps/configured/app.conf"))) {
                app.update(fixed);
            }
            HttpResponse<String> after = await("/misconfigured/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
            assertEquals("configured", after.body());
        } finally {
            app.uninstall();
        }
    }
}
