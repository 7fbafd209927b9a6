package org.cerise.itests;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The vhost example ({@code bundles/examples/vhost}) over real HTTP: one app at {@code /vhost}
 * whose Host header picks the site, as CherryPy's VirtualHost dispatcher does (the rules were
 * observed on CherryPy 18.8, see VhostDispatcherTest). Raw requests, since an HTTP client
 * library will not send a Host header of our choosing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VirtualHostIT extends CeriseTestSupport {

    @Before
    public void awaitSites() throws Exception {
        await("/vhost/", r -> r.statusCode() == 200, Duration.ofSeconds(10));
    }

    private RawResponse getAs(String host, String path, String... headers) throws Exception {
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        return raw(req.append("Connection: close\r\n\r\n").toString());
    }

    @Test
    public void eachHostSeesItsSite() throws Exception {
        RawResponse shop = getAs("www.shop.example", "/vhost/");
        assertEquals("HTTP/1.1 200 OK", shop.statusLine);
        assertEquals("Welcome to the shop", shop.text());
        RawResponse docs = getAs("docs.example", "/vhost/");
        assertEquals("Documentation", docs.text());
        // [/docs]'s config applies to the rewritten path
        assertEquals("docs", docs.header("X-Site"));
        assertEquals(null, shop.header("X-Site"));
        assertEquals("Item hat", getAs("www.shop.example", "/vhost/item/hat").text());
        assertEquals("Docs page guide/intro", getAs("docs.example:8080", "/vhost/guide/intro").text());
    }

    @Test
    public void otherHostsSeeTheRoot() throws Exception {
        RawResponse r = getAs("127.0.0.1:" + port(), "/vhost/");
        assertEquals("No site for host 127.0.0.1:" + port() + "; try www.shop.example or docs.example", r.text());
        // the port is part of the Host value: docs.example:9 is not listed
        assertEquals("No site for host docs.example:9; try www.shop.example or docs.example",
                getAs("docs.example:9", "/vhost/").text());
        // so is the case
        assertEquals(404, getAs("DOCS.EXAMPLE", "/vhost/guide").status);
    }

    @Test
    public void xForwardedHostWins() throws Exception {
        assertEquals("Documentation", getAs("127.0.0.1:" + port(), "/vhost/", "X-Forwarded-Host: docs.example").text());
    }

    @Test
    public void theRedirectToTheSlashNamesTheRequestedPath() throws Exception {
        RawResponse r = getAs("www.shop.example", "/vhost");
        assertEquals("HTTP/1.1 301 Moved Permanently", r.statusLine);
        assertEquals("http://www.shop.example/vhost/", r.header("Location"));
    }

    @Test
    public void otherAppsAreNotRewritten() throws Exception {
        assertEquals("Hello world!", getAs("www.shop.example", "/tut01/").text());
    }
}
