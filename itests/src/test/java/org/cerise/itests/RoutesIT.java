package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The blog example ({@code bundles/examples/blog}) over real HTTP: routed by the {@code routes}
 * dispatcher as CherryPy's RoutesDispatcher routes the same routes. The routing rules pinned here
 * (requirements, method conditions, no trailing-slash leniency, a surplus parameter is a 404)
 * were observed on CherryPy 18.8 with Routes 2.5.1 (see RoutesDispatcherTest).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RoutesIT extends CeriseTestSupport {

    @Before
    public void awaitBlog() throws Exception {
        await("/blog/", r -> r.statusCode() == 200, Duration.ofSeconds(10));
    }

    @Test
    public void theIndexListsEveryPost() throws Exception {
        HttpResponse<String> r = get("/blog/");
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertTrue(r.body(), r.body().contains("<li><a href=\"/blog/2024/05/hello-world\">Hello, world</a></li>"));
        assertTrue(r.body(), r.body().contains("<li><a href=\"/blog/2024/06/summer\">Summer</a></li>"));
    }

    @Test
    public void aMonthListsItsPosts() throws Exception {
        HttpResponse<String> r = get("/blog/2024/05");
        assertEquals(200, r.statusCode());
        assertEquals("<h1>Posts of 2024-05</h1>\n<ul>\n"
                + "<li><a href=\"/blog/2024/05/hello-world\">Hello, world</a></li>\n"
                + "<li><a href=\"/blog/2024/05/routes\">Routes in Cerise</a></li>\n</ul>\n", r.body());
        assertTrue(get("/blog/2023/01").body().contains("<li>No posts.</li>"));
    }

    @Test
    public void pathsTheRequirementsRefuseAreNotFound() throws Exception {
        // \d{4} and \d{2}; no trailing-slash leniency; the mount point without its slash matches no route
        for (String path : new String[] {"/blog/24/05", "/blog/2024/5", "/blog/2024/05/", "/blog"}) {
            assertErrorPage(get(path), 404, "404 Not Found", "The path '" + path + "' was not found.");
        }
    }

    @Test
    public void aPostIsShownAndAnUnknownOneIsNotFound() throws Exception {
        HttpResponse<String> r = get("/blog/2024/05/routes");
        assertEquals(200, r.statusCode());
        assertTrue(r.body(), r.body().startsWith("<h1>Routes in Cerise</h1>\n"));
        assertErrorPage(get("/blog/2024/05/nope"), 404, "404 Not Found", "The path '/blog/2024/05/nope' was not found.");
    }

    @Test
    public void aCommentIsPostedAndShown() throws Exception {
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(url("/blog/2024/06/summer")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=Nice+%3Cpost%3E")));
        assertEquals(posted.body(), 303, posted.statusCode());
        assertEquals(url("/blog/2024/06/summer"), posted.headers().firstValue("Location").orElse(null));
        assertTrue(get("/blog/2024/06/summer").body().contains("<li>Nice &lt;post&gt;</li>"));
    }

    @Test
    public void theCommentRouteIsPostOnly() throws Exception {
        // GET with text=... reaches the show route, whose handler takes no text: CherryPy's 404
        assertErrorPage(get("/blog/2024/06/summer?text=hi"), 404, "404 Not Found",
                "Unexpected query string parameters: text");
    }
}
