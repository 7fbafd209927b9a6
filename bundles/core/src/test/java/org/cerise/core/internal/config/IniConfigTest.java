package org.cerise.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Map;
import java.util.stream.Stream;

import org.cerise.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reference: {@code cherrypy.lib.reprconf.Parser().read_file(...).as_dict()}, i.e. Python's
 * {@code configparser.ConfigParser} (strict, BasicInterpolation, keys kept as written) with
 * every value passed through {@code unrepr}. Expected values are Python's {@code repr} of the
 * result (tuples written as lists); expected errors name the Python exception they stand for.
 */
class IniConfigTest {

    private static Arguments row(String name, String ini, String pythonRepr) {
        return Arguments.of(name, ini, pythonRepr);
    }

    static Stream<Arguments> files() {
        return Stream.of(
                row("basic",
                        "[global]\nserver.socket_port = 8080\nserver.socket_host: \"0.0.0.0\"\n",
                        "{'global': {'server.socket_port': 8080, 'server.socket_host': '0.0.0.0'}}"),
                row("keys keep their case",
                        "[/]\nTools.Gzip.On = True\ntools.gzip.on = False\n",
                        "{'/': {'Tools.Gzip.On': True, 'tools.gzip.on': False}}"),
                row("both delimiters, first one wins",
                        "[/]\nk = \"a=b:c\"\nx: \"=\"\ny= \":\"\nz :[1]\n",
                        "{'/': {'k': 'a=b:c', 'x': '=', 'y': ':', 'z': [1]}}"),
                row("full-line comments",
                        "# comment\n; comment\n[/]\n  # indented comment\nk = 1\n; k2 = 2\n",
                        "{'/': {'k': 1}}"),
                row("continuation lines",
                        "[/]\nk = [1,\n   2,\n   3]\nj = 4\n",
                        "{'/': {'k': [1, 2, 3], 'j': 4}}"),
                row("comment inside a continued value",
                        "[/]\nk = [1,\n# two\n   2]\n",
                        "{'/': {'k': [1, 2]}}"),
                row("blank line inside a continued value",
                        "[/]\nk = [1,\n\n   2]\n",
                        "{'/': {'k': [1, 2]}}"),
                row("trailing blank lines",
                        "[/]\nk = 1\n\n\n",
                        "{'/': {'k': 1}}"),
                row("indented keys",
                        "[/]\n  k = 1\n  j = 2\n",
                        "{'/': {'k': 1, 'j': 2}}"),
                row("indented section header",
                        "  [/a]\nk = 1\n",
                        "{'/a': {'k': 1}}"),
                row("tab indentation",
                        "[/]\nk = [1,\n\t2]\n",
                        "{'/': {'k': [1, 2]}}"),
                row("empty value",
                        "[/]\nk =\n",
                        "{'/': {'k': ''}}"),
                row("empty section",
                        "[/]\nk = 1\n[/empty]\n",
                        "{'/': {'k': 1}, '/empty': {}}"),
                row("bracket inside a section name",
                        "[a]b]\nk = 1\n",
                        "{'a]b': {'k': 1}}"),
                row("spaces inside a section name",
                        "[ /x ]\nk = 1\n",
                        "{' /x ': {'k': 1}}"),
                row("default inherited",
                        "[DEFAULT]\nroot = \"/srv\"\n[/]\nk = 1\n[/a]\nroot = \"/other\"\n",
                        "{'/': {'k': 1, 'root': '/srv'}, '/a': {'root': '/other'}}"),
                row("default twice",
                        "[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[/]\nc = 3\n",
                        "{'/': {'c': 3, 'a': 1, 'b': 2}}"),
                row("lower-case default is a section",
                        "[default]\na = 1\n[/]\n",
                        "{'default': {'a': 1}, '/': {}}"),
                row("interpolation",
                        "[DEFAULT]\nport = 8080\n[/]\nurl = \"http://localhost:%(port)s/\"\n",
                        "{'/': {'url': 'http://localhost:8080/', 'port': 8080}}"),
                row("nested interpolation",
                        "[/]\na = 1\nb = %(a)s%(a)s\nc = [%(b)s, \"%(a)s\"]\n",
                        "{'/': {'a': 1, 'b': 11, 'c': [11, '1']}}"),
                row("default refers to the section",
                        "[DEFAULT]\nd = %(s)s\n[/a]\ns = 1\n[/b]\ns = \"B\"\n",
                        "{'/a': {'s': 1, 'd': 1}, '/b': {'s': 'B', 'd': 'B'}}"),
                row("percent percent",
                        "[/]\npct = \"100%%\"\n",
                        "{'/': {'pct': '100%'}}"),
                row("inline comment",
                        "[/]\nk = 8080  # port\n",
                        "{'/': {'k': 8080}}"),
                row("tuples",
                        "[/]\nk = (1,\n 2)\nt = 1, 2\n",
                        "{'/': {'k': [1, 2], 't': [1, 2]}}"),
                row("dict over lines",
                        "[/]\nk: {\"a\": 1,\n    \"b\": [None]}\n",
                        "{'/': {'k': {'a': 1, 'b': [None]}}}"),
                row("backslash continuation",
                        "[/]\nk = \"x\" \\\n  \"y\"\n",
                        "{'/': {'k': 'xy'}}"),
                row("crlf",
                        "[/]\r\nk = 1\r\nj = [1,\r\n  2]\r\n",
                        "{'/': {'k': 1, 'j': [1, 2]}}")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsAsCherryPyDoes(String name, String ini, String pythonRepr) throws Exception {
        assertEquals(pythonRepr, PyRepr.repr(parse(ini)));
    }

    @Test
    void byteOrderMarkIsSkipped() throws Exception {
        // Python's open() keeps a BOM and then finds no section header; Cerise reads UTF-8 files with one
        assertEquals(Map.of("/", Map.of("k", 1L)), parse("\uFEFF[/]\nk = 1\n"));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // DuplicateSectionError
                row("duplicate section", "[/]\nk = 1\n[/]\nj = 2\n",
                        "Config error in app.conf, line 3: section [/] appears twice"),
                // DuplicateOptionError
                row("duplicate key", "[/]\nk = 1\nk = 2\n",
                        "Config error in app.conf, line 3, section [/]: key 'k' appears twice"),
                row("duplicate key over two DEFAULT sections", "[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n[/]\n",
                        "Config error in app.conf, line 4, section [DEFAULT]: key 'a' appears twice"),
                // MissingSectionHeaderError
                row("key before any section", "# config\nk = 1\n[/]\n",
                        "Config error in app.conf, line 2: 'k = 1' comes before any [section] header"),
                // ParsingError
                row("line without delimiter", "[/]\nk = 1\nnovalue\n",
                        "Config error in app.conf, line 3, section [/]: 'novalue' is not 'key = value'"),
                row("empty key", "[/]\n= 1\n",
                        "Config error in app.conf, line 2, section [/]: '= 1' is not 'key = value'"),
                row("empty section name", "[]\nk = 1\n",
                        "Config error in app.conf, line 1: '[]' comes before any [section] header"),
                // ValueError "Config values must be valid Python."
                row("bad value", "[/]\nj = 1\nk = foo\n",
                        "Config error in app.conf, line 3, section [/], key 'k': the value foo is not a Python literal "
                                + "('foo' is a name, not a value; write text in quotes, e.g. \"foo\" at position 1 of foo)"),
                row("bad value inherited from DEFAULT", "[DEFAULT]\nd = [1\n[/a]\nk = 1\n",
                        "Config error in app.conf, line 2, section [/a], key 'd': the value [1 is not a Python literal "
                                + "(']' is missing at position 3 of [1)"),
                row("bad value on a continuation line", "[/]\nk = [1,\n   2 3]\n",
                        "Config error in app.conf, line 2, section [/], key 'k': the value [1,\n2 3] is not a Python "
                                + "literal (',' or ']' expected at position 7 of [1,\n2 3])"),
                // InterpolationSyntaxError
                row("lone percent", "[/]\nk = \"100%\"\n",
                        "Config error in app.conf, line 2, section [/], key 'k': a lone '%' must be written '%%'"),
                row("reference without s", "[/]\nx = 1\nk = %(x)d\n",
                        "Config error in app.conf, line 3, section [/], key 'k': bad interpolation reference %(x)d "
                                + "(write %(name)s)"),
                row("reference without a name", "[/]\nk = \"%()s\"\n",
                        "Config error in app.conf, line 2, section [/], key 'k': bad interpolation reference %()s\" "
                                + "(write %(name)s)"),
                // InterpolationMissingOptionError
                row("reference to a missing key", "[/]\nk = \"%(nope)s\"\n",
                        "Config error in app.conf, line 2, section [/], key 'k': %(nope)s refers to a key that this "
                                + "section does not have"),
                row("references are case-sensitive", "[/]\nA = 1\nb = %(a)s\n",
                        "Config error in app.conf, line 3, section [/], key 'b': %(a)s refers to a key that this "
                                + "section does not have"),
                row("reference to another section", "[/a]\nx = 1\n[/b]\nk = %(x)s\n",
                        "Config error in app.conf, line 4, section [/b], key 'k': %(x)s refers to a key that this "
                                + "section does not have"),
                // InterpolationDepthError
                row("reference loop", "[/]\na = %(b)s\nb = %(a)s\n",
                        "Config error in app.conf, line 2, section [/], key 'a': %(...)s references nest too deep "
                                + "(a loop?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorsNameSourceLineSectionAndKey(String name, String ini, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(ini));
        assertEquals(message, e.getMessage());
    }

    /**
     * Python hands "1\n\nx = 2" to unrepr, which parses two statements and keeps the first, so
     * CherryPy silently reads 1; Cerise reports the rest of the value instead.
     */
    @Test
    void valueThatCherryPyWouldTruncateIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("[/]\nk = 1\n\n  x = 2\n"));
        assertEquals("Config error in app.conf, line 2, section [/], key 'k': the value 1\n\nx = 2 is not a Python "
                + "literal (unexpected text after the value at position 4 of 1\n\nx = 2)", e.getMessage());
    }

    @Test
    void valueParsesOneLiteralAndNamesWhereItCameFrom() throws Exception {
        assertEquals(8080L, IniConfig.value("cerise.cfg, key 'server.socket_port'", "8080"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> IniConfig.value("cerise.cfg, key 'server.socket_host'", " 0.0.0.0 "));
        assertEquals("Config error in cerise.cfg, key 'server.socket_host': the value 0.0.0.0 is not a Python literal "
                + "('0.0.0.0' is not a number at position 1 of 0.0.0.0)", e.getMessage());
    }

    private static Map<String, Map<String, Object>> parse(String ini) throws ConfigException {
        return IniConfig.parse("app.conf", new StringReader(ini));
    }
}
