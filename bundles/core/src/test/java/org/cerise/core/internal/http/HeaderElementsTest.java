package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;
import org.junit.jupiter.api.Test;

/**
 * Header elements as CherryPy 18.8's {@code httputil.header_elements} gives them; every expected
 * row was printed by it (value, params, qvalue, str) for the same input.
 */
class HeaderElementsTest {

    private static List<String> texts(String name, String value) {
        return HeaderElements.parse(name, value).stream().map(HeaderElement::toString).toList();
    }

    @Test
    void acceptElementsByQualityThenTextDescending() {
        assertEquals(List.of("text/plain", "text/html;level=1;q=0.5", "*/*;q=0.1"),
                texts("Accept", "text/html;level=1;q=0.5, text/plain, */*;q=0.1"));
        // equal quality: descending text, so utf-8 before iso-8859-5
        assertEquals(List.of("utf-8", "iso-8859-5", "unicode-1-1;q=0.8"),
                texts("Accept-Charset", "iso-8859-5, unicode-1-1;q=0.8, utf-8"));
        assertEquals(List.of("gzip;q=1.0", "identity;q=0.5", "*;q=0"),
                texts("accept-encoding", "gzip;q=1.0, identity; q=0.5, *;q=0"));
        assertEquals(List.of("trailers", "deflate;q=0.5"), texts("TE", "trailers, deflate;q=0.5"));
        assertEquals(List.of("da", "en-gb;q=0.8", "en;q=0.7"), texts("Accept-Language", "da, en-gb;q=0.8, en;q=0.7"));
    }

    @Test
    void qualityKeepsItsAcceptExtensions() {
        List<HeaderElement> e = HeaderElements.parse("Accept", "text/*;q=0.3;ext=x, text/html;q=0.7");
        assertEquals("text/html", e.get(0).value());
        assertEquals(0.7, e.get(0).qvalue());
        assertEquals("text/*;q=0.3;ext=x", e.get(1).toString());
        assertEquals(Map.of("q", "0.3;ext=x"), e.get(1).params());
        assertEquals(0.3, e.get(1).qvalue());
    }

    @Test
    void qualityParameterNamesAreCaseInsensitive() {
        List<HeaderElement> e = HeaderElements.parse("Accept", "text/html; Q=0.2, text/plain");
        assertEquals(List.of("text/plain", "text/html;q=0.2"), e.stream().map(HeaderElement::toString).toList());
        assertEquals(0.2, e.get(1).qvalue());
    }

    @Test
    void otherHeadersSortByValueDescendingWithoutQuality() {
        List<HeaderElement> e = HeaderElements.parse("Cache-Control", "no-cache, max-age=0, private");
        assertEquals(List.of("private", "no-cache", "max-age=0"), e.stream().map(HeaderElement::value).toList());
        assertEquals(1.0, e.get(0).qvalue());
    }

    @Test
    void quotedCommasDoNotSplitAndQuotesAreRemoved() {
        List<HeaderElement> e = HeaderElements.parse("Content-Type", "multipart/form-data; boundary=\"a,b\"; charset=UTF-8");
        assertEquals(1, e.size());
        assertEquals("multipart/form-data", e.get(0).value());
        assertEquals(Map.of("boundary", "a,b", "charset", "UTF-8"), e.get(0).params());
        assertEquals("multipart/form-data;boundary=a,b;charset=UTF-8", e.get(0).toString());
    }

    @Test
    void malformedQualityIs400WhenOrderedOrRead() {
        HttpError sorted = assertThrows(HttpError.class, () -> HeaderElements.parse("Accept", "text/html;q=abc, text/plain"));
        assertEquals(400, sorted.code());
        assertEquals("Malformed HTTP header: `text/html;q=abc`", sorted.errorMessage());
        // alone it is not compared, so CherryPy only fails when the quality is read
        HeaderElement alone = HeaderElements.parse("Accept", "text/html;q=abc").get(0);
        assertEquals("text/html;q=abc", alone.toString());
        assertThrows(HttpError.class, alone::qvalue);
    }

    @Test
    void qualitiesAreReadAsPythonsFloatReadsThem() {
        // float('1_0e-1') == 1.0, float('.5') == 0.5, float(' 5e-1') == 0.5; '1__0' and '_1' are ValueErrors
        assertEquals(1.0, HeaderElements.parse("Accept", "a;q=1_0e-1").get(0).qvalue());
        assertEquals(0.5, HeaderElements.parse("Accept", "a;q=.5").get(0).qvalue());
        assertEquals(0.5, HeaderElements.parse("Accept", "a;q= 5e-1").get(0).qvalue());
        assertThrows(HttpError.class, () -> HeaderElements.parse("Accept", "a;q=1__0").get(0).qvalue());
        assertThrows(HttpError.class, () -> HeaderElements.parse("Accept", "a;q=_1").get(0).qvalue());
    }

    @Test
    void absentOrEmptyHeaderHasNoElements() {
        assertTrue(HeaderElements.parse("Accept", (String) null).isEmpty());
        assertTrue(HeaderElements.parse("Accept", "").isEmpty());
    }
}
