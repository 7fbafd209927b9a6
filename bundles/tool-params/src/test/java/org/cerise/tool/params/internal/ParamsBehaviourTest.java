package org.cerise.tool.params.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. The conversions and messages were observed on CherryPy 18.8
 * with {@code def p(self, length: int, ratio: float, on: bool, tags: list, name: str)} under
 * {@code tools.params()}: {@code length=" x "} → 400 {@code invalid literal for int() with base
 * 10: ' x '}; {@code ratio=abc} → 400 {@code could not convert string to float: 'abc'};
 * {@code ratio=1e10&length=-0} → {@code (0, 10000000000.0)}; {@code on=False} → {@code True},
 * {@code on=} → {@code False}; {@code ratio=" 1_0.5 "} → 10.5; Arabic-Indic {@code ١٢} → 12;
 * {@code error=422} → 422 with the same message. Where Cerise differs on purpose (repeated
 * values, {@code list}, {@code str}) the test says so.
 */
class ParamsBehaviourTest {

    public static class Site {
        @Expose
        public String p(Request request, Map<String, Object> params) {
            return params + " " + request.attribute(ParamsTool.TYPED_ATTRIBUTE);
        }

        @Expose
        public String typed(long length) {
            return "length " + length;
        }
    }

    private static final String TYPES = "[/]\ntools.params.on = True\n"
            + "tools.params.types = {'length': 'int', 'ratio': 'float', 'on': 'bool', 'tags': 'list', 'name': 'str'}\n";

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("params", new ParamsTool())
                .config(config);
    }

    private static String page(String query) {
        Harness.Result r = harness(TYPES).get("/app/p?" + query);
        assertEquals(200, r.status(), r::toString);
        return r.text();
    }

    private static void refused(int status, String query, String message) {
        Harness.Result r = harness(TYPES).get("/app/p?" + query);
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.text().contains("<p>" + message + "</p>"), r.text());
    }

    @Test
    void valuesAreConvertedAsPythonConvertsThemAndKeptAsCanonicalText() {
        assertEquals("{ratio=1.0E10, length=0} {length=0, ratio=1.0E10}", page("ratio=1e10&length=-0"));
        assertEquals("{ratio=10.5} {ratio=10.5}", page("ratio=%201_0.5%20"));
        assertEquals("{length=1000} {length=1000}", page("length=+1_000"));
        assertEquals("{length=12} {length=12}", page("length=%D9%A1%D9%A2"), "Unicode digits count, as in Python");
        assertEquals("{length=123456789012345678901234567890} {length=123456789012345678901234567890}",
                page("length=123456789012345678901234567890"), "Python's int has no limit");
    }

    @Test
    void boolIsPythonsTruthOfText() {
        assertEquals("{on=True} {on=true}", page("on=False"));
        assertEquals("{on=False} {on=false}", page("on="));
    }

    @Test
    void aValueThatDoesNotConvertIs400WithPythonsMessage() {
        refused(400, "length=%20x%20", "invalid literal for int() with base 10: ' x '");
        refused(400, "ratio=abc", "could not convert string to float: 'abc'");
        refused(400, "length=it's", "invalid literal for int() with base 10: \"it's\"");
        refused(400, "length=%C3%A9%0A", "invalid literal for int() with base 10: 'é\\n'");
        refused(400, "length=1__0", "invalid literal for int() with base 10: '1__0'");
        refused(400, "ratio=0x10", "could not convert string to float: '0x10'");
    }

    @Test
    void theErrorStatusIsConfigurable() {
        Harness.Result r = harness(TYPES + "tools.params.error = 422\n").get("/app/p?length=x");
        assertEquals(422, r.status());
        assertTrue(r.text().contains("<p>invalid literal for int() with base 10: 'x'</p>"), r.text());
    }

    @Test
    void repeatedValuesAreEachConverted() {
        // CherryPy answers 500 here (int() of a list is a TypeError its ValueError guard misses)
        assertEquals("{length=[1, 2]} {length=[1, 2]}", page("length=1&length=%202"));
        refused(400, "length=1&length=x", "invalid literal for int() with base 10: 'x'");
    }

    @Test
    void listAndStrLeaveTheValuesAsTheyAre() {
        // CherryPy's list('abc') would give ['a', 'b', 'c'], its str(['a', 'b']) "['a', 'b']"
        assertEquals("{tags=abc} {tags=[abc]}", page("tags=abc"));
        assertEquals("{tags=[a, b]} {tags=[a, b]}", page("tags=a&tags=b"));
        assertEquals("{name=[a, b]} {name=[a, b]}", page("name=a&name=b"));
    }

    @Test
    void undeclaredParametersAreUntouched() {
        assertEquals("{other= 1 } null", page("other=%201%20"));
    }

    @Test
    void typedHandlersReadTheCanonicalText() {
        Harness.Result r = harness("[/]\ntools.params.on = True\ntools.params.types = {'length': 'int'}\n")
                .get("/app/typed?length=%D9%A1%D9%A2");
        assertEquals("length 12", r.text());
    }
}
