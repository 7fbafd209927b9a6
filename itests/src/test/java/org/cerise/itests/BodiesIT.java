package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What a handler may return, over real HTTP: text (encoded with the response's charset,
 * {@code text/html;charset=utf-8} by default as CherryPy's encode tool does), bytes, streams,
 * files, iterators and streams of chunks, or nothing. Bodies complete in memory get a
 * {@code Content-Length}; bodies produced piece by piece go out as produced (a small one still
 * ends up with a length, a large one is chunked).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BodiesIT extends CeriseTestSupport {

    private static Bundle app;

    @BeforeClass
    public static void install() throws Exception {
        var context = FrameworkUtil.getBundle(BodiesIT.class).getBundleContext();
        try (var jar = AppBundles.jar("org.cerise.itests.bodies", "1.0.0",
                org.cerise.itests.apps.bodies.BodiesApp.class, "/bodies")) {
            app = context.installBundle("itest:bodies", jar);
        }
        app.start();
    }

    @AfterClass
    public static void uninstall() throws Exception {
        app.uninstall();
    }

    private HttpResponse<String> body(String path) throws Exception {
        return await("/bodies/" + path, r -> r.statusCode() != 404, MOUNT_DEADLINE);
    }

    @Test
    public void bytesAreSentAsTheyAre() throws Exception {
        HttpResponse<String> r = body("bytes");
        assertEquals(200, r.statusCode());
        assertEquals("raw bytes", r.body());
        // CherryPy 18.8 returning bytes: Content-Type text/html;charset=utf-8, Content-Length set
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("9", r.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    public void anInputStreamIsReadToTheEnd() throws Exception {
        HttpResponse<String> r = body("input");
        assertEquals("from a stream", r.body());
        assertEquals("13", r.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    public void aPathIsSentWithItsLength() throws Exception {
        HttpResponse<String> r = body("file");
        assertEquals("from a file", r.body());
        assertEquals("11", r.headers().firstValue("Content-Length").orElse(null));
        RawResponse head = raw("HEAD /bodies/file HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals("11", head.header("Content-Length"));
        assertEquals(0, head.body.length);
    }

    @Test
    public void iteratorsAndStreamsAreConcatenated() throws Exception {
        assertEquals("one two three", body("chunks").body());
        assertEquals("text and bytes", body("stream").body());
    }

    @Test
    public void aGeneratedBodyIsCollectedUnlessStreamed() throws Exception {
        // not streamed: collected and sent with its length (observed on CherryPy 18.8 for a
        // generator of 20 x 4096 characters: Content-Length: 81920)
        RawResponse collected = raw("GET /bodies/big HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals(200, collected.status);
        assertEquals(String.valueOf(20 * 4096), collected.header("Content-Length"));
        assertEquals(20 * 4096, collected.body.length);

        RawResponse r;
        // response.stream = True, on a persistent connection (with Connection: close the end of
        // the body would be the close): chunked as produced
        try (RawHttp http = new RawHttp(port())) {
            r = http.send("GET /bodies/streamed HTTP/1.1\r\n" + host() + "\r\n").read();
        }
        assertEquals(200, r.status);
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertNull(r.header("Content-Length"));
        assertEquals(20 * 4096, r.body.length);
        // HEAD still tells the length, as CherryPy does for the same GET
        RawResponse head = raw("HEAD /bodies/big HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals(String.valueOf(20 * 4096), head.header("Content-Length"));
    }

    @Test
    public void nothingIsAnEmptyOk() throws Exception {
        HttpResponse<String> r = body("nothing");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals("0", r.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    public void textIsEncodedWithTheResponsesCharset() throws Exception {
        HttpResponse<String> r = body("typed");
        // a text type without a charset gets ;charset=utf-8, and the text is encoded in it
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("caf\u00e9", r.body());
        assertEquals("5", r.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    public void aValueThatIsNoBodyIsA500ThatSaysWhatToReturn() throws Exception {
        HttpResponse<String> r = body("notABody");
        assertEquals(500, r.statusCode());
        assertTrue(r.body(), r.body().contains("The handler returned a java.lang.Integer"));
    }
}
