package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference: {@code cherrypy.lib.httputil.parse_query_string(qs)} (i.e. {@code _parse_qs} with
 * {@code keep_blank_values=True}) for query strings and {@code cherrypy._cpreqbody.process_urlencoded}
 * for bodies. Expected values are the params dict as Python printed it: one value as a string,
 * repeated values as a list.
 */
class FormDecoderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a=1              | {'a': '1'}
            a=1&b=2          | {'a': '1', 'b': '2'}
            a=1;b=2          | {'a': '1', 'b': '2'}
            a=1;b=2&a=3      | {'a': ['1', '3'], 'b': '2'}
            a=1&b=2&a=3      | {'a': ['1', '3'], 'b': '2'}
            a=1&a=2&a=3      | {'a': ['1', '2', '3']}
            a=1&&b=2         | {'a': '1', 'b': '2'}
            &a=1&            | {'a': '1'}
            ;;               | {}
            ``               | {}
            a                | {'a': ''}
            a&b=             | {'a': '', 'b': ''}
            a=               | {'a': ''}
            =x               | {'': 'x'}
            =                | {'': ''}
            a==b             | {'a': '=b'}
            a=b=c            | {'a': 'b=c'}
            a+b=c+d          | {'a b': 'c d'}
            a%20b=c%2Bd      | {'a b': 'c+d'}
            x=%41%42         | {'x': 'AB'}
            x=%C3%A9         | {'x': 'é'}
            x=%c3%a9         | {'x': 'é'}
            caf%C3%A9=1      | {'café': '1'}
            x=é              | {'x': 'é'}
            x=%              | {'x': '%'}
            x=%4             | {'x': '%4'}
            x=%zz            | {'x': '%zz'}
            x=%%41           | {'x': '%A'}
            x=%2541          | {'x': '%41'}
            x=%26y=1         | {'x': '&y=1'}
            x=%3D            | {'x': '='}
            x=%+1            | {'x': '% 1'}
            x=%00            | {'x': '\\x00'}
            12,              | {'12,': ''}
            `,34`            | {',34': ''}
            a=12,34          | {'a': '12,34'}
            """)
    void queryStringAsParseQueryString(String query, String pythonDict) throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        FormDecoder.decode(query, StandardCharsets.UTF_8, params, null);
        assertEquals(pythonDict, dict(params));
    }

    /** A server-side image map query; CherryPy makes x and y ints, Cerise leaves the conversion to the handler. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            12,34 | {'x': '12', 'y': '34'}
            1,2   | {'x': '1', 'y': '2'}
            """)
    void imageMapQuery(String query, String dict) throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        FormDecoder.decode(query, StandardCharsets.UTF_8, params, names);
        assertEquals(dict, dict(params));
        assertEquals(List.of("x", "y"), names);
    }

    /** parse_query_string raises UnicodeDecodeError; CherryPy answers 404. */
    @ParameterizedTest
    @ValueSource(strings = {"x=%e9", "x=%C3", "x=%FF%FE", "%C3=1", "a=1&x=%C3%28"})
    void invalidUtf8InQueryString(String query) {
        assertThrows(CharacterCodingException.class,
                () -> FormDecoder.decode(query, StandardCharsets.UTF_8, new LinkedHashMap<>(), null));
    }

    @Test
    void queryStringInAnotherCharset() throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        FormDecoder.decode("x=%e9", StandardCharsets.ISO_8859_1, params, null);
        assertEquals("{'x': 'é'}", dict(params));
    }

    @Test
    void plainAsciiIsNotTakenAsItIsInACharsetThatIsNotAsciiCompatible() {
        // process_urlencoded(b'x=1') with attempt_charsets ['utf-16']: b'x'.decode('utf-16') fails -> 400
        assertThrows(CharacterCodingException.class, () -> FormDecoder.decodeBody("x=1".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.UTF_16, new LinkedHashMap<>(), null));
    }

    @Test
    void addsToWhatIsAlreadyThere() throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.computeIfAbsent("a", k -> new ArrayList<>()).add("0");
        FormDecoder.decode("a=1", StandardCharsets.UTF_8, params, null);
        assertEquals("{'a': ['0', '1']}", dict(params));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a=1;b=2&a=3     | {'a': ['1', '3'], 'b': '2'}
            a               | {'a': ''}
            12,34           | {'12,34': ''}
            x=%C3%A9        | {'x': 'é'}
            x=+%2B+         | {'x': ' + '}
            """)
    void bodyAsProcessUrlencoded(String body, String pythonDict) throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        FormDecoder.decodeBody(body.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8, params, null);
        assertEquals(pythonDict, dict(params));
    }

    @Test
    void bodyBytesSentWithoutPercentEncodingAreDecodedInTheCharset() throws Exception {
        // process_urlencoded(b'x=\xc3\xa9') with attempt_charsets ['utf-8'] -> {'x': 'é'}
        byte[] body = {'x', '=', (byte) 0xc3, (byte) 0xa9};
        Map<String, List<String>> params = new LinkedHashMap<>();
        FormDecoder.decodeBody(body, StandardCharsets.UTF_8, params, null);
        assertEquals("{'x': 'é'}", dict(params));
    }

    @Test
    void bodyBytesInvalidInTheCharsetFail() throws Exception {
        // b'x=\xe9' and b'x=%e9': 400 with ['utf-8'], {'x': 'é'} when iso-8859-1 is attempted next
        for (byte[] body : List.of(new byte[] {'x', '=', (byte) 0xe9}, "x=%e9".getBytes(StandardCharsets.US_ASCII))) {
            assertThrows(CharacterCodingException.class,
                    () -> FormDecoder.decodeBody(body, StandardCharsets.UTF_8, new LinkedHashMap<>(), null));
            Map<String, List<String>> params = new LinkedHashMap<>();
            FormDecoder.decodeBody(body, Charset.forName("ISO-8859-1"), params, null);
            assertEquals("{'x': 'é'}", dict(params));
        }
    }

    @Test
    void namesListsEveryNameInOrder() throws Exception {
        List<String> names = new ArrayList<>();
        FormDecoder.decodeBody("b=1&a=2&b=3&c".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8,
                new LinkedHashMap<>(), names);
        assertEquals(List.of("b", "a", "b", "c"), names);
    }

    /** The params dict as Python prints it. */
    private static String dict(Map<String, List<String>> params) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        params.forEach((k, v) -> {
            if (v.size() == 1) {
                j.add(str(k) + ": " + str(v.get(0)));
            } else {
                StringJoiner l = new StringJoiner(", ", "[", "]");
                v.forEach(x -> l.add(str(x)));
                j.add(str(k) + ": " + l);
            }
        });
        return j.toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c < 32) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == '\'' || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
