package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: Python's {@code urllib.parse.urljoin(base, ref)}, which CherryPy's
 * {@code HTTPRedirect} applies to {@code cherrypy.url()}. The first table is RFC 3986 section
 * 5.4 (base {@code http://a/b/c/d;p?q}); the last holds the places where Python's urljoin
 * differs from the RFC.
 */
class UrlJoinTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            g:h            | g:h
            g              | http://a/b/c/g
            ./g            | http://a/b/c/g
            g/             | http://a/b/c/g/
            /g             | http://a/g
            //g            | http://g
            ?y             | http://a/b/c/d;p?y
            g?y            | http://a/b/c/g?y
            #s             | http://a/b/c/d;p?q#s
            g#s            | http://a/b/c/g#s
            g?y#s          | http://a/b/c/g?y#s
            ;x             | http://a/b/c/;x
            g;x            | http://a/b/c/g;x
            g;x?y#s        | http://a/b/c/g;x?y#s
            ``             | http://a/b/c/d;p?q
            .              | http://a/b/c/
            ./             | http://a/b/c/
            ..             | http://a/b/
            ../            | http://a/b/
            ../g           | http://a/b/g
            ../..          | http://a/
            ../../         | http://a/
            ../../g        | http://a/g
            ../../../g     | http://a/g
            ../../../../g  | http://a/g
            /./g           | http://a/g
            /../g          | http://a/g
            g.             | http://a/b/c/g.
            .g             | http://a/b/c/.g
            g..            | http://a/b/c/g..
            ..g            | http://a/b/c/..g
            ./../g         | http://a/b/g
            ./g/.          | http://a/b/c/g/
            g/./h          | http://a/b/c/g/h
            g/../h         | http://a/b/c/h
            g;x=1/./y      | http://a/b/c/g;x=1/y
            g;x=1/../y     | http://a/b/c/y
            g?y/./x        | http://a/b/c/g?y/./x
            g?y/../x       | http://a/b/c/g?y/../x
            g#s/./x        | http://a/b/c/g#s/./x
            g#s/../x       | http://a/b/c/g#s/../x
            """)
    void rfc3986Examples(String ref, String expected) {
        assertEquals(expected, UrlJoin.join("http://a/b/c/d;p?q", ref));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            http://a                     | g              | http://a/g
            http://a                     | ``             | http://a
            http://a/                    | ../g           | http://a/g
            http://a/b/c                 | ..             | http://a/
            http://a/b/c/                | .              | http://a/b/c/
            http://a:8080/b/c            | /g             | http://a:8080/g
            https://a/b                  | //c/d          | https://c/d
            http://a/b/c                 | https:g        | https:g
            http://a/b/c                 | https://x/y    | https://x/y
            http://a/b/c                 | mailto:x@y     | mailto:x@y
            http://a/b/c#f               | ``             | http://a/b/c#f
            http://a/b/c#f               | ?q             | http://a/b/c?q
            http://a/b/c?q#f             | #g             | http://a/b/c?q#g
            http://a/b/c                 | g?a=1&b=2      | http://a/b/g?a=1&b=2
            http://127.0.0.1:8080/tut/   | other          | http://127.0.0.1:8080/tut/other
            http://127.0.0.1:8080/tut/x  | /abs?q=1       | http://127.0.0.1:8080/abs?q=1
            """)
    void otherBases(String base, String ref, String expected) {
        assertEquals(expected, UrlJoin.join(base, ref));
    }

    /**
     * Python reads a reference with the base's own scheme as relative ("http:g"), drops an
     * empty query, fragment or authority, and drops empty segments when it merges paths.
     */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            http://a/b/c/d;p?q           | http:g         | http://a/b/c/g
            http://a/b                   | HTTP:g         | http://a/g
            http://a/b/c                 | g#             | http://a/b/g
            http://a/b/c                 | ?              | http://a/b/c
            http://a/b//c/d              | e              | http://a/b/c/e
            http://a/b//c/d              | ../e           | http://a/b/e
            http://a/b/c                 | g//h           | http://a/b/g/h
            http://a/b/c/d;p?q           | ?              | http://a/b/c/d;p?q
            http://a/b/c/d;p?q           | #              | http://a/b/c/d;p?q
            http://a/b/c/d;p?q           | ///g           | http://a/g
            http://a/b/c/d;p?q           | //             | http://a/b/c/d;p?q
            """)
    void whereUrljoinDiffersFromTheRfc(String base, String ref, String expected) {
        assertEquals(expected, UrlJoin.join(base, ref));
    }
}
