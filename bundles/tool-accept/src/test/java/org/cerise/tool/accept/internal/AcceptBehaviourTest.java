package org.cerise.tool.accept.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. Every expectation was observed on CherryPy 18.8 with
 * {@code tools.accept(media=['text/html', 'application/json', 'text/plain'])} (the chosen type)
 * or {@code media=['text/html', 'application/json']} (the 406 and 400 pages).
 */
class AcceptBehaviourTest {

    public static class Site {
        @Expose
        public String page(Request request) {
            return String.valueOf(request.attribute(AcceptTool.MEDIA_ATTRIBUTE));
        }
    }

    private static final String THREE = "[/]\ntools.accept.on = True\n"
            + "tools.accept.media = ['text/html', 'application/json', 'text/plain']\n";
    private static final String TWO = "[/]\ntools.accept.on = True\ntools.accept.media = ['text/html', 'application/json']\n";

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("accept", new AcceptTool())
                .config(config);
    }

    private static String chosen(String... accept) {
        Harness.Result r = harness(THREE).get("/app/page", accept);
        assertEquals(200, r.status(), r::toString);
        return r.text();
    }

    @Test
    void noAcceptHeaderTakesTheFirstMediaType() {
        assertEquals("text/html", chosen());
        assertEquals("text/html", chosen("Accept: "));
    }

    @Test
    void wildcardsMatchTheFirstFittingMediaType() {
        assertEquals("text/html", chosen("Accept: */*"));
        assertEquals("text/html", chosen("Accept: text/*"));
        assertEquals("application/json", chosen("Accept: image/*;q=0.2, application/*"));
        assertEquals("text/html", chosen("Accept: text/plain;q=-1, */*"));
    }

    @Test
    void theClientsPreferenceComesFirst() {
        assertEquals("text/plain", chosen("Accept: application/*;q=0.5, text/plain;q=0.9"));
        assertEquals("text/html", chosen("Accept: text/html ; q = 0.5, image/png"));
        assertEquals("text/html", chosen("Accept: text/html;q=.1e1, text/plain;q=0.2"), "Python's float()");
        assertEquals("text/plain", chosen("Accept: text/plain;q=inf, text/html"), "Python's float()");
        assertEquals("text/plain", chosen("Accept: text/plain;x=\"a,b\";q=0.5, text/html;q=0.4"), "a quoted comma");
    }

    @Test
    void aQualityWithPythonsDigitGroupUnderscores() {
        // CherryPy 18.8: float('1_0e-1') == 1.0, so text/html wins (observed)
        assertEquals("text/html", chosen("Accept: text/html;q=1_0e-1, text/plain;q=0.2"));
    }

    @Test
    void aQualityThatIsNotANumberLosesToEveryOtherAsInCherryPy() {
        // Observed on CherryPy 18.8: NaN is neither more nor less than anything, and not > 0.
        assertEquals("text/html", chosen("Accept: text/plain;q=nan, text/html;q=0.5"));
        assertEquals("application/json", chosen("Accept: text/plain;q=nan, text/html;q=nan, application/json;q=0.3"));
        assertEquals("text/html", chosen("Accept: application/json;q=nan, text/plain;q=0.5, text/html;q=0.7"));
    }

    @Test
    void equalQualitiesAreOrderedByTheirTextDescendingAsCherryPyDoes() {
        assertEquals("text/html", chosen("Accept: application/json, text/html"));
        assertEquals("text/plain", chosen("Accept: text/plain, text/html"));
        assertEquals("text/html", chosen("Accept: text/*;q=0.1, application/json;q=0.1"));
    }

    @Test
    void mediaParametersOtherThanQualityAreIgnored() {
        assertEquals("text/html", chosen("Accept: text/html;level=1"));
        assertEquals("text/html", chosen("Accept: text/html;q=0.5;level=2"));
    }

    @Test
    void severalAcceptHeadersCountAsOne() {
        assertEquals("text/plain", chosen("Accept: image/png", "Accept: text/plain"));
    }

    @Test
    void noMatchIs406WithCherryPysMessage() {
        Harness.Result r = harness(TWO).get("/app/page", "Accept: image/png");
        assertEquals(406, r.status());
        assertEquals("text/html;charset=utf-8", r.header("Content-Type"));
        assertTrue(r.text().contains("<p>Your client sent this Accept header: image/png. But this resource only emits "
                + "these media types: text/html, application/json.</p>"), r.text());
        assertEquals(406, harness(TWO).get("/app/page", "Accept: text/html;q=0").status(), "q=0 refuses");
        assertEquals(406, harness(TWO).get("/app/page", "Accept: text/html;Q=0.0").status(), "Q is q");
        assertEquals(406, harness(TWO).get("/app/page", "Accept: TEXT/HTML").status(), "types compare case-sensitively");
    }

    @Test
    void theMessageQuotesEveryAcceptHeader() {
        Harness.Result r = harness("[/]\ntools.accept.on = True\ntools.accept.media = 'text/plain'\n")
                .get("/app/page", "Accept: image/png", "Accept: image/gif");
        assertEquals(406, r.status());
        assertTrue(r.text().contains("<p>Your client sent this Accept header: image/png, image/gif. But this resource "
                + "only emits these media types: text/plain.</p>"), r.text());
    }

    @Test
    void aQualityThatIsNoNumberIs400() {
        Harness.Result r = harness(TWO).get("/app/page", "Accept: text/html;q=abc");
        assertEquals(400, r.status());
        assertTrue(r.text().contains("<p>Malformed HTTP header: `text/html;q=abc`</p>"), r.text());
        r = harness(TWO).get("/app/page", "Accept: application/json;q=abc, text/html");
        assertTrue(r.text().contains("<p>Malformed HTTP header: `application/json;q=abc`</p>"), r.text());
        r = harness(TWO).get("/app/page", "Accept: text/html;q=0.5;level=2, text/html;q=abc");
        assertTrue(r.text().contains("<p>Malformed HTTP header: `text/html;q=abc`</p>"), r.text());
        r = harness(TWO).get("/app/page", "Accept: a/a;q=x, b/b;q=y");
        assertTrue(r.text().contains("<p>Malformed HTTP header: `b/b;q=y`</p>"), "CPython's sort asks the second first");
        r = harness(TWO).get("/app/page", "Accept: a/a, b/b, c/c;q=z, d/d;q=w");
        assertTrue(r.text().contains("<p>Malformed HTTP header: `c/c;q=z`</p>"), r.text());
        r = harness(TWO).get("/app/page", "Accept: text/html;q=\" 0.5\"");
        assertTrue(r.text().contains("<p>Malformed HTTP header: `text/html;q=\" 0.5\"`</p>"), r.text());
    }

    @Test
    void withoutMediaNothingIsTested() {
        Harness.Result r = harness("[/]\ntools.accept.on = True\n").get("/app/page", "Accept: image/png");
        assertEquals(200, r.status());
        assertEquals("null", r.text());
    }
}
