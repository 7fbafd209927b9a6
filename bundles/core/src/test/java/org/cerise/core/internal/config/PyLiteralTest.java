package org.cerise.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference: {@code cherrypy.lib.reprconf.unrepr} (CherryPy 18.8 on Python 3.11). Every
 * expected value below is {@code repr(unrepr(text))} as Python printed it, with tuples written
 * as lists and bytes as text (Cerise reads both as List and String).
 */
class PyLiteralTest {

    private static Arguments row(String text, String pythonRepr) {
        return Arguments.of(text, pythonRepr);
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                row("'abc'", "'abc'"),
                row("\"abc\"", "'abc'"),
                row("'''a'b'''", "\"a'b\""),
                row("\"\"\"a\"b\"\"\"", "'a\"b'"),
                row("'''a\nb'''", "'a\\nb'"),
                row("'it\\'s'", "\"it's\""),
                row("\"say \\\"hi\\\"\"", "'say \"hi\"'"),
                row("\"it's\"", "\"it's\""),
                row("'\"'", "'\"'"),
                row("'\\n\\t\\r'", "'\\n\\t\\r'"),
                row("'\\a\\b\\f\\v'", "'\\x07\\x08\\x0c\\x0b'"),
                row("'\\\\'", "'\\\\'"),
                row("'\\0'", "'\\x00'"),
                row("'\\012'", "'\\n'"),
                row("'\\1'", "'\\x01'"),
                row("'\\777'", "'\u01ff'"),
                row("'\\08'", "'\\x008'"),
                row("'\\x41'", "'A'"),
                row("'\\u00e9'", "'\u00e9'"),
                row("'\\U0001F600'", "'\ud83d\ude00'"),
                row("'\\N{EM DASH}'", "'\u2014'"),
                row("'\\N{latin small letter e with acute}'", "'\u00e9'"),
                row("'\\q'", "'\\\\q'"),
                row("'a\\\nb'", "'ab'"),
                row("r'\\n\\d'", "'\\\\n\\\\d'"),
                row("r'\\''", "\"\\\\'\""),
                row("u'x'", "'x'"),
                row("U'x'", "'x'"),
                row("b'x'", "'x'"),
                row("B'\\x41\\xff'", "'A\u00ff'"),
                row("br'\\d'", "'\\\\d'"),
                row("Rb'\\d'", "'\\\\d'"),
                row("b'\\u0041'", "'\\\\u0041'"),
                row("b'\\777'", "'\u00ff'"),
                row("'a' 'b'", "'ab'"),
                row("'a' \"b\" '''c'''", "'abc'"),
                row("('a'\n 'b')", "'ab'"),
                row("'a' r'\\n'", "'a\\\\n'"),
                row("'\u00e9'", "'\u00e9'"),
                row("'\u65e5\u672c'", "'\u65e5\u672c'"),
                row("''", "''"),
                row("\"\"", "''"),
                row("''''''", "''"),
                row("'  padded  '", "'  padded  '"),
                row("'#not a comment'", "'#not a comment'"),
                row("'a' # c", "'a'")
        );
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                row("0", "0"),
                row("7", "7"),
                row("-7", "-7"),
                row("- 7", "-7"),
                row("--7", "7"),
                row("1_000_000", "1000000"),
                row("0x1f", "31"),
                row("0X1F", "31"),
                row("0x_ff", "255"),
                row("-0x10", "-16"),
                row("0o17", "15"),
                row("0O17", "15"),
                row("0b101", "5"),
                row("0B1", "1"),
                row("00", "0"),
                row("0_0", "0"),
                row("9223372036854775807", "9223372036854775807"),
                row("-9223372036854775808", "-9223372036854775808"),
                row("9223372036854775808", "9223372036854775808"),
                row("-9223372036854775809", "-9223372036854775809"),
                row("123456789012345678901234567890", "123456789012345678901234567890"),
                row("0xFFFFFFFFFFFFFFFF", "18446744073709551615"),
                row("1.5", "1.5"),
                row("-1.5", "-1.5"),
                row("1.", "1.0"),
                row(".5", "0.5"),
                row("00.5", "0.5"),
                row("0_1.5", "1.5"),
                row("1e3", "1000.0"),
                row("1E-3", "0.001"),
                row("1e+3", "1000.0"),
                row("1e1_0", "10000000000.0"),
                row("1_000.5", "1000.5"),
                row("0e0", "0.0"),
                row("-0", "0"),
                row("-0.0", "-0.0"),
                row("0.1", "0.1"),
                row("1e16", "1e+16"),
                row("1e-5", "1e-05"),
                row("1e400", "inf"),
                row("-1e400", "-inf"),
                row("123456789.125", "123456789.125"),
                row("1.5e300", "1.5e+300"),
                row("-(1)", "-1")
        );
    }

    static Stream<Arguments> constantsAndContainers() {
        return Stream.of(
                row("True", "True"),
                row("False", "False"),
                row("None", "None"),
                row("[]", "[]"),
                row("[1, 'a', None]", "[1, 'a', None]"),
                row("[1,]", "[1]"),
                row("[[1], [2, [3]]]", "[[1], [2, [3]]]"),
                row("()", "[]"),
                row("(1)", "1"),
                row("(1,)", "[1]"),
                row("( 1 , )", "[1]"),
                row("(1, 2)", "[1, 2]"),
                row("((1,),)", "[[1]]"),
                row("(())", "[]"),
                row("{}", "{}"),
                row("{'a': 1}", "{'a': 1}"),
                row("{'a': 1,}", "{'a': 1}"),
                row("{1: 'one', 'two': 2.0, None: True}", "{1: 'one', 'two': 2.0, None: True}"),
                row("{'a': 1, 'a': 2}", "{'a': 2}"),
                row("{'k': (1, 2)}", "{'k': [1, 2]}"),
                row("{'a': [1, {'b': (2,)}]}", "{'a': [1, {'b': [2]}]}"),
                row("1, 2", "[1, 2]"),
                row("1,", "[1]"),
                row("'a', 'b', ", "['a', 'b']")
        );
    }

    static Stream<Arguments> layout() {
        return Stream.of(
                row("  42  ", "42"),
                row("\t[1,\t2]", "[1, 2]"),
                row("[\n1,\n2\n]", "[1, 2]"),
                row("{\n 'a': 1,\n 'b': 2,\n}", "{'a': 1, 'b': 2}"),
                row("[1, # one\n 2]", "[1, 2]"),
                row("8080  # port", "8080"),
                row("\\\n1", "1"),
                row("'a'  \\\n  'b'", "'ab'"),
                row("1\n# trailing comment\n", "1"),
                row("(1,\n2)", "[1, 2]")
        );
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource({"strings", "numbers", "constantsAndContainers", "layout"})
    void parsesAsPythonDoes(String text, String pythonRepr) throws Exception {
        assertEquals(pythonRepr, PyRepr.repr(PyLiteral.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n"})
    void blankIsTheEmptyString(String text) throws Exception {
        // unrepr('') is ''; ConfigParser strips values, so blank never reaches it otherwise
        assertEquals("", PyLiteral.parse(text));
    }

    @Test
    void integersAreLongUntilTheyDoNotFit() throws Exception {
        assertEquals(Long.MAX_VALUE, PyLiteral.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, PyLiteral.parse("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), PyLiteral.parse("9223372036854775808"));
        assertEquals(new BigInteger("-9223372036854775809"), PyLiteral.parse("-9223372036854775809"));
        assertInstanceOf(Double.class, PyLiteral.parse("1e3"));
        assertInstanceOf(Long.class, PyLiteral.parse("0x10"));
    }

    @Test
    void containersAreReadOnlyAndOrdered() throws Exception {
        Object dict = PyLiteral.parse("{'z': 1, 'a': 2, 'm': 3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(((Map<?, ?>) dict).keySet()));
        List<?> list = (List<?>) PyLiteral.parse("[1, 2]");
        assertThrows(UnsupportedOperationException.class, () -> list.clear());
        assertNull(((List<?>) PyLiteral.parse("[None]")).get(0));
    }

    /** Where Cerise deliberately reads more than unrepr does (documented on PyLiteral). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            +7              | 7
            +1.5            | 1.5
            {1, 2}          | [1, 2]
            {'x', 'x', 'y'} | ['x', 'y']
            """)
    void extensionsBeyondUnrepr(String text, String expected) throws Exception {
        // unrepr: TypeError "does not recognize 'UAdd'" / "does not recognize 'Set'"
        assertEquals(expected, PyRepr.repr(PyLiteral.parse(text)));
    }

    @Test
    void blankLinesBeforeTheValueAreSkipped() throws Exception {
        // Python refuses a newline right after '=', but the value is unambiguous
        assertEquals(List.of(1L), PyLiteral.parse("\n\n[1]"));
    }

    /** Python ends the statement at a newline or ';' and drops the rest; Cerise refuses it. */
    @ParameterizedTest
    @ValueSource(strings = {"1\n2", "1 ; 2", "'a'\n'b'", "1,\n2", "[1]\n[2]"})
    void textThatPythonWouldSilentlyDropIsAnError(String text) {
        PyLiteral.SyntaxError e = assertThrows(PyLiteral.SyntaxError.class, () -> PyLiteral.parse(text));
        assertTrue(e.getMessage().startsWith("unexpected text after the value"), e.getMessage());
    }

    /** Texts that unrepr refuses too (SyntaxError or TypeError); the message says why and where. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `'abc`                | the string is not closed
            `'abc\\ndef'`         | the string is not closed on its line
            `'\\'`                | the string is not closed
            `r'\\'`               | the string is not closed
            `'''abc''`            | the string is not closed
            `[1, 2`               | ']' is missing
            `(1, 2`               | ')' is missing
            `{'a': 1`             | '}' is missing
            `[1 2]`               | ',' or ']' expected
            `[1,,2]`              | ',' cannot start a value
            `[,]`                 | ',' cannot start a value
            `{1: 2, 3}`           | ':' expected in a dict
            `1 2`                 | unexpected text after the value
            `[1] x`               | unexpected text after the value
            `(1)(2)`              | unexpected text after the value
            `# only a comment`    | a value is missing
            `-`                   | a value is missing
            `-'a'`                | '-' applies to numbers only
            `-True`               | '-' applies to numbers only
            `0x`                  | '0x' is not a number
            `0b102`               | '0b102' is not a number
            `1__0`                | '1__0' is not a number
            `1_`                  | '1_' is not a number
            `1._5`                | '1._5' is not a number
            `1_.5`                | '1_.5' is not a number
            `1e`                  | '1e' is not a number
            `1.2.3`               | '1.2.3' is not a number
            `1f`                  | '1f' is not a number
            `1d`                  | '1d' is not a number
            `1L`                  | '1L' is not a number
            `017`                 | '017': leading zeros are not allowed
            `0_1`                 | '0_1': leading zeros are not allowed
            `1j`                  | '1j': complex numbers are not supported
            `'\\x4'`              | truncated \\x escape
            `'\\x+1'`             | truncated \\x escape
            `'\\u12'`             | truncated \\u escape
            `'\\U0011FFFF'`       | illegal Unicode character
            `'\\N{NO SUCH NAME}'` | unknown Unicode character name 'NO SUCH NAME'
            `'\\N'`               | malformed \\N character escape
            `b'é'`                | bytes literals can only contain ASCII characters
            `'a' b'b'`            | bytes and text literals cannot be concatenated
            `f'x'`                | 'f' is not a string prefix
            `ur'x'`               | 'ur' is not a string prefix
            `uu'x'`               | 'uu' is not a string prefix
            `-Infinity`           | 'Infinity' is a name
            `nan`                 | 'nan' is a name
            `inf`                 | 'inf' is a name
            `.`                   | '.' is not a number
            `@`                   | '@' cannot start a value
            """)
    void rejectsWhatPythonRejects(String text, String reason) {
        String javaText = text.replace("\\\\", "\\").replace("\\n", "\n");
        PyLiteral.SyntaxError e = assertThrows(PyLiteral.SyntaxError.class, () -> PyLiteral.parse(javaText));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
        assertTrue(e.getMessage().contains(" at position "), e.getMessage());
    }

    /** unrepr resolves names as modules or builtins; Cerise refuses them and says to quote. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            foo             | 'foo' is a name, not a value; write text in quotes, e.g. "foo" at position 1 of foo
            true            | 'true' is a name, not a value; write text in quotes, e.g. "true" at position 1 of true
            none            | 'none' is a name, not a value; write text in quotes, e.g. "none" at position 1 of none
            os.path         | 'os' is a name, not a value; write text in quotes, e.g. "os.path" at position 1 of os.path
            `[1, tree]`     | 'tree' is a name, not a value; write text in quotes, e.g. "tree" at position 5 of [1, tree]
            `{'a': b.c, }`  | 'b' is a name, not a value; write text in quotes, e.g. "b.c" at position 7 of {'a': b.c, }
            """)
    void bareNamesSuggestQuoting(String text, String message) {
        PyLiteral.SyntaxError e = assertThrows(PyLiteral.SyntaxError.class, () -> PyLiteral.parse(text));
        assertEquals(message, e.getMessage());
    }
}
