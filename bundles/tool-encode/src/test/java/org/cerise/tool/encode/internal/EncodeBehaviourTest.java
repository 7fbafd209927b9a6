package org.cerise.tool.encode.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.Response;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The encode tool in the real pipeline. Unless said otherwise, each expected answer was observed
 * on CherryPy 18.8 with the same page and request (tools.encode on by default there).
 */
class EncodeBehaviourTest {

    static final String EURO = "h\u00e9llo \u20ac";
    static final AtomicBoolean CLOSED = new AtomicBoolean();

    public static class Site {
        @Expose
        public String index() {
            return EURO;
        }

        @Expose
        public String latin() {
            return "h\u00e9llo";
        }

        @Expose
        public String empty() {
            return "";
        }

        @Expose
        public byte[] raw() {
            return "raw".getBytes(StandardCharsets.US_ASCII);
        }

        @Expose
        public String plain(Response response) {
            response.setHeader("Content-Type", "text/plain; charset=iso-8859-1; level=1");
            return "h\u00e9llo";
        }

        @Expose
        public String xml(Response response) {
            response.setHeader("Content-Type", "application/xml");
            return "<a>\u00e9</a>";
        }

        @Expose
        public Iterator<Object> gen() {
            return List.<Object>of("a\u00e9", "b".getBytes(StandardCharsets.US_ASCII), "c").iterator();
        }

        @Expose
        @Config("response.stream = True")
        public Stream<String> streamed() {
            CLOSED.set(false);
            return Stream.of("a\u00e9", "c").onClose(() -> CLOSED.set(true));
        }

        @Expose
        public String err() {
            throw new HttpError(404, "nope");
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("encode", new EncodeTool())
                .config("[/]\ntools.encode.on = True\n" + config);
    }

    private static Harness.Result get(String path, String... headers) {
        return harness("").get(path, headers);
    }

    private static String message(Harness.Result r) {
        String page = r.text();
        int start = page.indexOf("<p>") + 3;
        return page.substring(start, page.indexOf("</p>", start));
    }

    @Test
    void withoutAcceptCharsetTextIsUtf8AndTheContentTypeSaysSo() {
        Harness.Result r = get("/app/");
        assertEquals(200, r.status());
        assertEquals("text/html;charset=utf-8", r.header("Content-Type"));
        assertArrayEquals(EURO.getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals("10", r.header("Content-Length"));
    }

    @Test
    void theClientsCharsetIsUsedKeepingItsSpelling() {
        Harness.Result r = get("/app/latin", "Accept-Charset: ISO-8859-1");
        assertEquals("text/html;charset=ISO-8859-1", r.header("Content-Type"));
        assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.ISO_8859_1), r.body());
        assertEquals("5", r.header("Content-Length"));
    }

    @Test
    void equalQualitiesAreTriedInDescendingOrderOfTheirTextAndZeroNeverIs() {
        // CherryPy sorts elements by quality, ties by descending text: utf-8 before iso-8859-5
        assertEquals("text/html;charset=utf-8", get("/app/latin", "Accept-Charset: iso-8859-5, utf-8").header("Content-Type"));
        assertEquals("text/html;charset=utf-8",
                get("/app/latin", "Accept-Charset: utf-8;q=0.5, iso-8859-5").header("Content-Type"),
                "iso-8859-5 cannot encode the text, utf-8 at 0.5 can");
        assertEquals("text/html;charset=iso-8859-1", get("/app/latin", "Accept-Charset: ascii").header("Content-Type"),
                "ascii fails, ISO-8859-1 is implicitly acceptable");
    }

    @Test
    void aStarMeansTheDefaultEncoding() {
        assertEquals("text/html;charset=utf-8", get("/app/", "Accept-Charset: *").header("Content-Type"));
        assertEquals("text/html;charset=utf-8", get("/app/", "Accept-Charset: ascii, *;q=0.5").header("Content-Type"));
    }

    @Test
    void noAcceptableCharsetIs406WithCherryPysMessage() {
        Harness.Result r = get("/app/", "Accept-Charset: iso-8859-1");
        assertEquals(406, r.status());
        assertEquals("Your client sent this Accept-Charset header: iso-8859-1. We tried these charsets: iso-8859-1.",
                message(r));
        assertEquals("Your client sent this Accept-Charset header: ascii. We tried these charsets: ascii, iso-8859-1.",
                message(get("/app/", "Accept-Charset: ascii")));
        assertEquals("Your client sent this Accept-Charset header: utf-16;q=0. We tried these charsets: iso-8859-1.",
                message(get("/app/", "Accept-Charset: utf-16;q=0")));
        assertEquals("Your client sent this Accept-Charset header: foo. We tried these charsets: foo, iso-8859-1.",
                message(get("/app/", "Accept-Charset: foo")));
    }

    @Test
    void aMalformedQualityIs400() {
        Harness.Result r = get("/app/", "Accept-Charset: utf-8;q=abc");
        assertEquals(400, r.status());
        assertEquals("Malformed HTTP header: `utf-8;q=abc`", message(r));
    }

    @Test
    void aForcedEncodingDoesNotReadTheQualityOfALoneElement() {
        // CherryPy reads a quality only to sort two or more elements or to walk them without
        // a forced encoding
        Harness h = harness("tools.encode.encoding = 'utf-8'\n");
        Harness.Result r = h.get("/app/", "Accept-Charset: utf-8;q=abc");
        assertEquals(200, r.status());
        assertEquals("text/html;charset=utf-8", r.header("Content-Type"));
        Harness.Result two = h.get("/app/", "Accept-Charset: utf-8;q=abc, ascii");
        assertEquals(400, two.status());
        assertEquals("Malformed HTTP header: `utf-8;q=abc`", message(two));
    }

    @Test
    void bodiesWithoutTextTakeAnyCharsetName() {
        Harness.Result empty = get("/app/empty", "Accept-Charset: foo");
        assertEquals(200, empty.status());
        assertEquals("text/html;charset=foo", empty.header("Content-Type"));
        assertEquals("0", empty.header("Content-Length"));
        Harness.Result raw = get("/app/raw", "Accept-Charset: foo");
        assertEquals("text/html;charset=foo", raw.header("Content-Type"));
        assertEquals("raw", raw.text());
    }

    @Test
    void theCharsetParameterIsReplacedInPlaceAndOtherParametersKept() {
        Harness.Result r = get("/app/plain");
        assertEquals("text/plain;charset=utf-8;level=1", r.header("Content-Type"));
        assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.UTF_8), r.body());
    }

    @Test
    void iteratorsAreEncodedChunkByChunkAndBufferedWithALength() {
        Harness.Result r = get("/app/gen");
        assertEquals("a\u00e9bc", r.text());
        assertEquals("5", r.header("Content-Length"));
        Harness.Result latin = get("/app/gen", "Accept-Charset: iso-8859-1");
        assertArrayEquals("a\u00e9bc".getBytes(StandardCharsets.ISO_8859_1), latin.body());
    }

    @Test
    void streamedBodiesAreEncodedAsProducedAndClosed() {
        Harness.Result r = get("/app/streamed", "Accept-Charset: iso-8859-1");
        assertEquals("text/html;charset=iso-8859-1", r.header("Content-Type"));
        assertArrayEquals("a\u00e9c".getBytes(StandardCharsets.ISO_8859_1), r.body());
        assertNull(r.header("Content-Length"));
        assertTrue(CLOSED.get(), "the handler's stream is closed after sending");
    }

    @Test
    void errorPagesAreNotTheHandlersAndKeepUtf8() {
        Harness.Result r = get("/app/err", "Accept-Charset: ascii");
        assertEquals(404, r.status());
        assertEquals("text/html;charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void aForcedEncodingIsLowerCasedAndMustBeAccepted() {
        Harness h = harness("tools.encode.encoding = 'ISO-8859-1'\ntools.encode.errors = 'xmlcharrefreplace'\n");
        Harness.Result r = h.get("/app/");
        assertEquals("text/html;charset=iso-8859-1", r.header("Content-Type"));
        assertEquals("h\u00e9llo &#8364;", new String(r.body(), StandardCharsets.ISO_8859_1));
        assertEquals(406, h.get("/app/", "Accept-Charset: utf-8").status());
        assertEquals("text/html;charset=iso-8859-1",
                h.get("/app/", "Accept-Charset: utf-8, iso-8859-1;q=0").header("Content-Type"),
                "named at any quality is enough for a forced encoding");
    }

    @Test
    void theDefaultEncodingIsConfigurable() {
        Harness h = harness("tools.encode.default_encoding = 'ascii'\ntools.encode.errors = 'xmlcharrefreplace'\n");
        Harness.Result r = h.get("/app/latin");
        assertEquals("text/html;charset=ascii", r.header("Content-Type"));
        assertEquals("h&#233;llo", r.text());
        Harness.Result strict = harness("tools.encode.default_encoding = 'ascii'\n").get("/app/latin");
        assertEquals(500, strict.status());
        assertEquals("Response body could not be encoded with 'ascii'.", message(strict));
    }

    /**
     * CherryPy's {@code ResponseEncoder.failmsg}, formatted with {@code %} (read in its source);
     * in a config file each {@code %} is written {@code %%}, as for CherryPy's parser.
     */
    @Test
    void theFailureMessageIsConfigurable() {
        Harness.Result r = harness("tools.encode.default_encoding = 'ascii'\n"
                + "tools.encode.failmsg = 'No %%s here (100%%%%)'\n").get("/app/latin");
        assertEquals(500, r.status());
        assertEquals("No ascii here (100%)", message(r));
    }

    @Test
    void textOnlyOffNegotiatesEveryType() {
        Harness.Result r = harness("tools.encode.text_only = False\n").get("/app/xml", "Accept-Charset: iso-8859-1");
        assertEquals("application/xml;charset=iso-8859-1", r.header("Content-Type"));
        assertArrayEquals("<a>\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1), r.body());
    }

    /** Not CherryPy's answer (a 500: "Page handlers MUST return bytes"): see the README. */
    @Test
    void textOfOtherTypesIsEncodedWithoutNegotiation() {
        Harness.Result r = get("/app/xml", "Accept-Charset: iso-8859-1");
        assertEquals(200, r.status());
        assertEquals("application/xml", r.header("Content-Type"));
        assertArrayEquals("<a>\u00e9</a>".getBytes(StandardCharsets.UTF_8), r.body());
        Harness.Result off = harness("tools.encode.add_charset = False\n").get("/app/plain", "Accept-Charset: ascii");
        assertEquals("text/plain; charset=iso-8859-1; level=1", off.header("Content-Type"));
        assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.ISO_8859_1), off.body(), "the type's own charset");
    }

    @Test
    void offMeansUntouched() {
        Harness.Result r = harness("[/latin]\ntools.encode.on = False\n").get("/app/latin", "Accept-Charset: ascii");
        assertEquals(200, r.status(), "no negotiation, so no 406");
    }
}
