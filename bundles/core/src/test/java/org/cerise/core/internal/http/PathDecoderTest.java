package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: cheroot's {@code HTTPRequest.read_request_line} path decoding (split on
 * {@code QUOTED_SLASH_REGEX}, {@code unquote_to_bytes} each atom, join with {@code %2F}), then
 * CherryPy's {@code _cpwsgi.AppResponse.recode_path_qs}: ISO-8859-1 bytes re-read as UTF-8, or
 * left as ISO-8859-1 when they are not UTF-8.
 */
class PathDecoderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /              | /
            /a/b           | /a/b
            /a%20b         | `/a b`
            /a+b           | /a+b
            /a%2Fb         | /a%2Fb
            /a%2fb         | /a%2Fb
            /%2F%2F        | /%2F%2F
            /a%252Fb       | /a%2Fb
            /a%2F%C3%A9    | /a%2Fé
            /%7Euser       | /~user
            /caf%C3%A9     | /café
            /caf%c3%a9     | /café
            /%E2%82%AC     | /€
            /%F0%9F%98%80  | /😀
            /caf%E9        | /café
            /%C3           | /Ã
            /%FF/%C3%A9    | /ÿ/Ã©
            /a%            | /a%
            /a%2           | /a%2
            /a%zz          | /a%zz
            /a%3Fb         | /a?b
            /a%23b         | /a#b
            /%25           | /%
            /a;b           | /a;b
            /a%3Bb         | /a;b
            """)
    void decodesAsCheroot(String raw, String decoded) {
        assertEquals(decoded, PathDecoder.decode(raw));
    }

    @Test
    void controlCharacters() {
        assertEquals("/\u0000", PathDecoder.decode("/%00"));
    }

    @Test
    void pathWithoutEscapesIsReturnedAsIs() {
        String raw = "/static/app.css";
        assertSame(raw, PathDecoder.decode(raw));
    }
}
