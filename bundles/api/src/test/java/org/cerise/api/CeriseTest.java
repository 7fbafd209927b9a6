package org.cerise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;

import org.cerise.api.Cerise.Relative;
import org.cerise.api.serving.Serving;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: {@code cherrypy.url(path, qs, script_name, base, relative)} and
 * {@code cherrypy._helper.normalize_path} (CherryPy 18.8), for a request with base
 * {@code http://127.0.0.1:8080}, script_name {@code /app} and the given path_info and
 * is_index; {@code urllib.parse.urljoin} for {@code joinPath}.
 */
class CeriseTest {

    @AfterEach
    void unbind() {
        Serving.clear();
    }

    // path_info | is_index | path | cherrypy.url(path)
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /a/b   | null  | ``         | http://127.0.0.1:8080/app/a/b
            /a/b   | null  | x          | http://127.0.0.1:8080/app/a/x
            /a/b   | null  | ./x        | http://127.0.0.1:8080/app/a/x
            /a/b   | null  | ../x       | http://127.0.0.1:8080/app/x
            /a/b   | null  | x/../y     | http://127.0.0.1:8080/app/a/y
            /a/b   | null  | .          | http://127.0.0.1:8080/app/a/
            /a/b   | null  | ..         | http://127.0.0.1:8080/app/
            /a/b   | null  | x/         | http://127.0.0.1:8080/app/a/x/
            /a/b   | null  | /x         | http://127.0.0.1:8080/app/x
            /a/b   | null  | /x/../y    | http://127.0.0.1:8080/app/y
            /a/b   | null  | /./x       | http://127.0.0.1:8080/app/x
            /a/b   | null  | /x/./      | http://127.0.0.1:8080/app/x
            /a/b   | null  | /../x      | http://127.0.0.1:8080/app/x
            /a/b   | null  | x//y       | http://127.0.0.1:8080/app/a/x/y
            /a/b   | null  | ?q         | http://127.0.0.1:8080/app/a/b?q
            /a/b   | null  | #f         | http://127.0.0.1:8080/app/a/b#f
            /a/b   | true  | ``         | http://127.0.0.1:8080/app/a/b/
            /a/b   | true  | x          | http://127.0.0.1:8080/app/a/b/x
            /a/b   | true  | ./x        | http://127.0.0.1:8080/app/a/b/x
            /a/b   | true  | ../x       | http://127.0.0.1:8080/app/a/x
            /a/b   | true  | ../../x    | http://127.0.0.1:8080/app/x
            /a/b   | true  | x/../y     | http://127.0.0.1:8080/app/a/b/y
            /a/b   | true  | .          | http://127.0.0.1:8080/app/a/b/
            /a/b   | true  | ..         | http://127.0.0.1:8080/app/a/
            /a/b   | true  | x/         | http://127.0.0.1:8080/app/a/b/x/
            /a/b   | true  | /x         | http://127.0.0.1:8080/app/x
            /a/b   | true  | /x/../y    | http://127.0.0.1:8080/app/y
            /a/b   | true  | /./x       | http://127.0.0.1:8080/app/x
            /a/b   | true  | /x/./      | http://127.0.0.1:8080/app/x
            /a/b   | true  | /../x      | http://127.0.0.1:8080/app/x
            /a/b   | true  | x//y       | http://127.0.0.1:8080/app/a/b/x/y
            /a/b   | true  | ?q         | http://127.0.0.1:8080/app/a/b/?q
            /a/b   | true  | #f         | http://127.0.0.1:8080/app/a/b/#f
            /a/b   | false | ``         | http://127.0.0.1:8080/app/a/b
            /a/b   | false | x          | http://127.0.0.1:8080/app/a/x
            /a/b   | false | ./x        | http://127.0.0.1:8080/app/a/x
            /a/b   | false | ../x       | http://127.0.0.1:8080/app/x
            /a/b   | false | x/../y     | http://127.0.0.1:8080/app/a/y
            /a/b   | false | .          | http://127.0.0.1:8080/app/a/
            /a/b   | false | ..         | http://127.0.0.1:8080/app/
            /a/b   | false | x/         | http://127.0.0.1:8080/app/a/x/
            /a/b   | false | /x         | http://127.0.0.1:8080/app/x
            /a/b   | false | /x/../y    | http://127.0.0.1:8080/app/y
            /a/b   | false | /./x       | http://127.0.0.1:8080/app/x
            /a/b   | false | /x/./      | http://127.0.0.1:8080/app/x
            /a/b   | false | /../x      | http://127.0.0.1:8080/app/x
            /a/b   | false | x//y       | http://127.0.0.1:8080/app/a/x/y
            /a/b   | false | ?q         | http://127.0.0.1:8080/app/a/b?q
            /a/b   | false | #f         | http://127.0.0.1:8080/app/a/b#f
            /a/b/  | null  | ``         | http://127.0.0.1:8080/app/a/b/
            /a/b/  | null  | x          | http://127.0.0.1:8080/app/a/b/x
            /a/b/  | null  | ../x       | http://127.0.0.1:8080/app/a/x
            /a/b/  | null  | .          | http://127.0.0.1:8080/app/a/b/
            /a/b/  | null  | ..         | http://127.0.0.1:8080/app/a/
            /a/b/  | null  | x/         | http://127.0.0.1:8080/app/a/b/x/
            /a/b/  | null  | /x         | http://127.0.0.1:8080/app/x
            /a/b/  | null  | x//y       | http://127.0.0.1:8080/app/a/b/x/y
            /a/b/  | null  | ?q         | http://127.0.0.1:8080/app/a/b/?q
            /a/b/  | true  | ``         | http://127.0.0.1:8080/app/a/b/
            /a/b/  | true  | x          | http://127.0.0.1:8080/app/a/b/x
            /a/b/  | true  | ../x       | http://127.0.0.1:8080/app/a/x
            /a/b/  | true  | .          | http://127.0.0.1:8080/app/a/b/
            /a/b/  | true  | ..         | http://127.0.0.1:8080/app/a/
            /a/b/  | true  | x/         | http://127.0.0.1:8080/app/a/b/x/
            /a/b/  | true  | /x         | http://127.0.0.1:8080/app/x
            /a/b/  | true  | x//y       | http://127.0.0.1:8080/app/a/b/x/y
            /a/b/  | true  | ?q         | http://127.0.0.1:8080/app/a/b/?q
            /a/b/  | false | ``         | http://127.0.0.1:8080/app/a/b
            /a/b/  | false | x          | http://127.0.0.1:8080/app/a/x
            /a/b/  | false | ../x       | http://127.0.0.1:8080/app/x
            /a/b/  | false | .          | http://127.0.0.1:8080/app/a/
            /a/b/  | false | ..         | http://127.0.0.1:8080/app/
            /a/b/  | false | x/         | http://127.0.0.1:8080/app/a/x/
            /a/b/  | false | /x         | http://127.0.0.1:8080/app/x
            /a/b/  | false | x//y       | http://127.0.0.1:8080/app/a/x/y
            /a/b/  | false | ?q         | http://127.0.0.1:8080/app/a/b?q
            /      | null  | ``         | http://127.0.0.1:8080/app/
            /      | null  | x          | http://127.0.0.1:8080/app/x
            /      | null  | .          | http://127.0.0.1:8080/app/
            /      | null  | ..         | http://127.0.0.1:8080/app/
            /      | null  | x/         | http://127.0.0.1:8080/app/x/
            /      | null  | /x         | http://127.0.0.1:8080/app/x
            /      | null  | x//y       | http://127.0.0.1:8080/app/x/y
            /      | null  | ?q         | http://127.0.0.1:8080/app/?q
            /      | true  | ``         | http://127.0.0.1:8080/app/
            /      | true  | x          | http://127.0.0.1:8080/app/x
            /      | true  | .          | http://127.0.0.1:8080/app/
            /      | true  | ..         | http://127.0.0.1:8080/app/
            /      | true  | x/         | http://127.0.0.1:8080/app/x/
            /      | true  | /x         | http://127.0.0.1:8080/app/x
            /      | true  | x//y       | http://127.0.0.1:8080/app/x/y
            /      | true  | ?q         | http://127.0.0.1:8080/app/?q
            /      | false | ``         | http://127.0.0.1:8080/app/
            /      | false | x          | http://127.0.0.1:8080/app/x
            /      | false | .          | http://127.0.0.1:8080/app/
            /      | false | ..         | http://127.0.0.1:8080/app/
            /      | false | x/         | http://127.0.0.1:8080/app/x/
            /      | false | /x         | http://127.0.0.1:8080/app/x
            /      | false | x//y       | http://127.0.0.1:8080/app/x/y
            /      | false | ?q         | http://127.0.0.1:8080/app/?q
            ``     | null  | ``         | http://127.0.0.1:8080/app
            ``     | null  | x          | http://127.0.0.1:8080/appx
            ``     | null  | ../x       | http://127.0.0.1:8080/appx
            ``     | null  | .          | http://127.0.0.1:8080/app.
            ``     | null  | ..         | http://127.0.0.1:8080/app..
            ``     | null  | x/         | http://127.0.0.1:8080/appx/
            ``     | null  | /x         | http://127.0.0.1:8080/app/x
            ``     | null  | x//y       | http://127.0.0.1:8080/appx//y
            ``     | null  | ?q         | http://127.0.0.1:8080/app?q
            ``     | true  | ``         | http://127.0.0.1:8080/app/
            ``     | true  | x          | http://127.0.0.1:8080/app/x
            ``     | true  | .          | http://127.0.0.1:8080/app/
            ``     | true  | ..         | http://127.0.0.1:8080/app/
            ``     | true  | x/         | http://127.0.0.1:8080/app/x/
            ``     | true  | /x         | http://127.0.0.1:8080/app/x
            ``     | true  | x//y       | http://127.0.0.1:8080/app/x/y
            ``     | true  | ?q         | http://127.0.0.1:8080/app/?q
            ``     | false | ``         | http://127.0.0.1:8080/app
            ``     | false | x          | http://127.0.0.1:8080/appx
            ``     | false | ../x       | http://127.0.0.1:8080/appx
            ``     | false | .          | http://127.0.0.1:8080/app.
            ``     | false | ..         | http://127.0.0.1:8080/app..
            ``     | false | x/         | http://127.0.0.1:8080/appx/
            ``     | false | /x         | http://127.0.0.1:8080/app/x
            ``     | false | x//y       | http://127.0.0.1:8080/appx//y
            ``     | false | ?q         | http://127.0.0.1:8080/app?q
            """)
    void urlAsCherryPy(String pathInfo, String isIndex, String path, String expected) {
        bind(pathInfo, isIndex);
        assertEquals(expected, Cerise.url(path));
    }

    /** CherryPy's urljoin also pops the leading slash and gives "http://127.0.0.1:8080/appx"; Cerise stops at the mount point. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /a/b   | null  | ../../x    | http://127.0.0.1:8080/app/x
            /a/b   | null  | ../../../x | http://127.0.0.1:8080/app/x
            /a/b   | true  | ../../../x | http://127.0.0.1:8080/app/x
            /a/b   | false | ../../x    | http://127.0.0.1:8080/app/x
            /a/b   | false | ../../../x | http://127.0.0.1:8080/app/x
            /      | null  | ../x       | http://127.0.0.1:8080/app/x
            /      | true  | ../x       | http://127.0.0.1:8080/app/x
            /      | false | ../x       | http://127.0.0.1:8080/app/x
            ``     | true  | ../x       | http://127.0.0.1:8080/app/x
            """)
    void dotDotStopsAtTheMountPoint(String pathInfo, String isIndex, String path, String expected) {
        bind(pathInfo, isIndex);
        assertEquals(expected, Cerise.url(path));
    }

    @Test
    void urlWithoutArgumentsIsTheCurrentUrl() {
        bind("/a/b", "null");
        assertEquals("http://127.0.0.1:8080/app/a/b", Cerise.url());
        bind("/a/b", "true");
        assertEquals("http://127.0.0.1:8080/app/a/b/", Cerise.url());
    }

    // path | qs | script_name | base | cherrypy.url(path, qs, script_name, base), path_info /a/b
    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
            x    | a=1     | null   | null                | http://127.0.0.1:8080/app/a/x?a=1
            /x   | a=1&b=2 | null   | null                | http://127.0.0.1:8080/app/x?a=1&b=2
            ``   | q       | null   | null                | http://127.0.0.1:8080/app/a/b?q
            /x   | ``      | /other | null                | http://127.0.0.1:8080/other/x
            /x   | ``      | ``     | null                | http://127.0.0.1:8080/x
            x    | ``      | ``     | https://example.com | https://example.com/a/x
            /x   | y=1     | /s     | http://h:81         | http://h:81/s/x?y=1
            """)
    void queryScriptNameAndBase(String path, String qs, String scriptName, String base, String expected) {
        bind("/a/b", "null");
        assertEquals(expected, Cerise.url(path, qs, scriptName, base, Relative.ABSOLUTE));
    }

    @Test
    void nullQueryStringIsNone() {
        bind("/a/b", "null");
        assertEquals("http://127.0.0.1:8080/app/a/x", Cerise.url("x", null, null, null, Relative.ABSOLUTE));
        assertEquals("http://127.0.0.1:8080/app/a/x?k=v", Cerise.url("x", "k=v"));
    }

    // path_info | is_index | path | relative | cherrypy.url(path, relative=...)
    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /a/b  | null  | ``     | PATH   | b
            /a/b  | null  | x      | PATH   | x
            /a/b  | null  | /x     | PATH   | ../x
            /a/b  | null  | /a/b/c | PATH   | b/c
            /a/b  | null  | /a/c/d | PATH   | c/d
            /a/b/ | true  | x      | PATH   | x
            /a/b/ | true  | /a/x   | PATH   | ../x
            /a/b/ | true  | ``     | PATH   | ``
            /a/b  | false | /      | PATH   | ../
            /     | true  | /x/y   | PATH   | x/y
            /a/b  | null  | ``     | SERVER | /app/a/b
            /a/b  | null  | x      | SERVER | /app/a/x
            /a/b  | true  | /x     | SERVER | /app/x
            /     | null  | ``     | SERVER | /app/
            """)
    void relativeForms(String pathInfo, String isIndex, String path, Relative relative, String expected) {
        bind(pathInfo, isIndex);
        assertEquals(expected, Cerise.url(path, "", null, null, relative));
    }

    // outside a request: cherrypy.request.app is None and cherrypy.server.base() is http://127.0.0.1:8080
    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
            ``      | ``  | null | null      | ABSOLUTE | http://127.0.0.1:8080
            /x      | ``  | null | null      | ABSOLUTE | http://127.0.0.1:8080/x
            x       | a=1 | null | null      | ABSOLUTE | http://127.0.0.1:8080x?a=1
            ./x     | ``  | null | null      | ABSOLUTE | http://127.0.0.1:8080x
            /x/../y | ``  | /app | null      | ABSOLUTE | http://127.0.0.1:8080/app/y
            /x      | ``  | null | https://h | ABSOLUTE | https://h/x
            /x      | ``  | /app | null      | SERVER   | /app/x
            """)
    void outsideARequest(String path, String qs, String scriptName, String base, Relative relative, String expected) {
        Serving.clear();
        assertEquals("http://127.0.0.1:8080", Serving.serverBase());
        assertEquals(expected, Cerise.url(path, qs, scriptName, base, relative));
    }

    @Test
    void outsideARequestUsesTheServersBase() {
        String before = Serving.serverBase();
        try {
            Serving.setServerBase("https://example.org:8443");
            assertEquals("https://example.org:8443/app/x", Cerise.url("/app/x"));
        } finally {
            Serving.setServerBase(before);
        }
    }

    @Test
    void requestIsBoundPerThread() {
        assertThrows(IllegalStateException.class, Cerise::request);
        Request r = bind("/a", "null");
        assertSame(r, Cerise.request());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /a/b         | /a/b
            /a/./b       | /a/b
            /a/../b      | /b
            /../a        | /a
            a/./b        | a/b
            ./a          | a
            /a/b/./      | /a/b
            /a//./b      | /a/b
            /a/b/..      | /a/b/..
            /a/b/../     | /a
            /./          | /
            .            | .
            ..           | ..
            /a/.b/./c    | /a/.b/c
            /a/b.        | /a/b.
            a/../../b    | b
            /a/..b/./    | /a/..b
            """)
    void normalizePathAsCherryPy(String path, String expected) {
        assertEquals(expected, Cerise.normalizePath(path));
    }

    // urljoin(base, ref) for the path_info bases cherrypy.url() passes it
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /a/b   | c          | /a/c
            /a/b/  | c          | /a/b/c
            /a/b   | ../c       | /c
            /a/b/  | ../c       | /a/c
            /a/b   | ./c/       | /a/c/
            /a/b   | .          | /a/
            /a/b   | ..         | /
            /a/b/  | ..         | /a/
            /a/b   | c//d       | /a/c/d
            /a//b/ | c          | /a/b/c
            /a/b   | ?q         | /a/b?q
            /a/b   | #f         | /a/b#f
            /a/b   | c?q#f      | /a/c?q#f
            /a/b   | c?         | /a/c
            /a/b   | c#         | /a/c
            /a/b   | ?          | /a/b
            /a/b   | c/./d/../e | /a/c/e
            /      | c          | /c
            ``     | c          | c
            ``     | ../c       | ../c
            """)
    void joinPathAsUrljoin(String base, String ref, String expected) {
        assertEquals(expected, Cerise.joinPath(base, ref));
    }

    @Test
    void joinPathStopsAtTheRoot() {
        // urljoin('/a/b', '../../c') is 'c': it pops the leading slash
        assertEquals("/c", Cerise.joinPath("/a/b", "../../c"));
        assertEquals("/", Cerise.joinPath("/", ".."));
    }

    /** A request with only what cherrypy.url() reads. */
    private static Request bind(String pathInfo, String isIndex) {
        Boolean index = isIndex.equals("null") ? null : Boolean.valueOf(isIndex);
        Request request = (Request) Proxy.newProxyInstance(CeriseTest.class.getClassLoader(),
                new Class<?>[] {Request.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "pathInfo":
                            return pathInfo;
                        case "isIndex":
                            return index;
                        case "scriptName":
                            return "/app";
                        case "base":
                            return "http://127.0.0.1:8080";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        Serving.bind(request);
        return request;
    }
}
