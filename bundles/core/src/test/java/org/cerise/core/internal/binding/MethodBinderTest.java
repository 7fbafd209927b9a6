package org.cerise.core.internal.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.HttpError;
import org.cerise.api.Param;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: {@code cherrypy._cpdispatch.test_callable_spec}, which CherryPy runs when calling
 * the page handler raises TypeError. The first tables are its answers (computed by calling it
 * with Python handlers of the same signatures, e.g. {@code def two(self, a, b)},
 * {@code def dflt(self, a, b='x')}, {@code def rest(self, a, *more)},
 * {@code def kw(self, a, **rest)}); "-" stands for the status's standard message. Conversions
 * to Java types have no CherryPy counterpart and follow Python's {@code int()} and
 * {@code float()} where they can.
 */
class MethodBinderTest {

    /** Page handlers; each returns what it received. */
    public static class Pages {
        public String two(String a, String b) {
            return "a=" + a + " b=" + b;
        }

        public String dflt(String a, @Param(defaultValue = "x") String b) {
            return "a=" + a + " b=" + b;
        }

        public String rest(String a, String... more) {
            return "a=" + a + " more=" + Arrays.toString(more);
        }

        public String kw(String a, Map<String, String> rest) {
            return "a=" + a + " rest=" + rest;
        }

        public String none() {
            return "none";
        }

        public String ints(int a, int b) {
            return "a=" + a + " b=" + b;
        }

        public String renamed(@Param("q") String query, @Param(value = "n", defaultValue = "10") int limit) {
            return "query=" + query + " limit=" + limit;
        }

        public String intParam(int v) {
            return "int " + v;
        }

        public String longParam(Long v) {
            return "Long " + v;
        }

        public String shortParam(short v) {
            return "short " + v;
        }

        public String bigIntParam(BigInteger v) {
            return "BigInteger " + v;
        }

        public String doubleParam(double v) {
            return "double " + v;
        }

        public String floatParam(float v) {
            return "float " + v;
        }

        public String decimalParam(BigDecimal v) {
            return "BigDecimal " + v;
        }

        public String boolParam(boolean v) {
            return "boolean " + v;
        }

        public String charParam(char v) {
            return "char " + v;
        }

        public String enumParam(Color v) {
            return "Color " + v;
        }

        public String uuidParam(UUID v) {
            return "UUID " + v;
        }

        public String listParam(List<Integer> v) {
            return "List " + v;
        }

        public String setParam(Set<String> v) {
            return "Set " + v;
        }

        public String arrayParam(long[] v) {
            return "long[] " + Arrays.toString(v);
        }

        public String stringArrayParam(String[] v) {
            return "String[] " + Arrays.toString(v);
        }

        public String objectParam(Object v) {
            return (v instanceof List ? "List" : v.getClass().getSimpleName()) + " " + v;
        }

        public String optionalParam(Optional<Integer> v) {
            return "Optional " + v;
        }

        public String optionalListParam(Optional<List<String>> v) {
            return "Optional " + v;
        }

        public String intVarargs(String first, int... rest) {
            return "first=" + first + " rest=" + Arrays.toString(rest);
        }

        public String kwFirst(Map<String, String> kw) {
            return kw.toString();
        }

        public String kwList(Map<String, List<String>> kw) {
            return kw.toString();
        }

        public String kwObject(Map<String, Object> kw) {
            return kw.toString();
        }

        public String injected(Request request, String a, Response response, Session session) {
            return "a=" + a;
        }
    }

    public enum Color { RED, GREEN }

    // handler | vpath | query | body | CherryPy's answer
    @ParameterizedTest(name = "{0} /{1} ?{2} body {3} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            two  | 1/2   | ``          | ``    | a=1 b=2
            two  | 1     | b=2         | ``    | a=1 b=2
            two  | ``    | a=1&b=2     | ``    | a=1 b=2
            two  | ``    | a=1         | b=2   | a=1 b=2
            two  | 1/2/3 | ``          | ``    | 404 -
            two  | 1     | ``          | ``    | 404 Missing parameters: b
            two  | ``    | ``          | ``    | 404 Missing parameters: a,b
            two  | 1     | a=2         | ``    | 404 Missing parameters: b
            two  | 1     | c=3         | ``    | 404 Missing parameters: b
            two  | 1/2   | a=3         | ``    | 404 Multiple values for parameters: a
            two  | 1/2   | ``          | a=3   | 400 Multiple values for parameters: a
            two  | 1/2   | b=3&a=4     | ``    | 404 Multiple values for parameters: a,b
            two  | 1/2   | b=3         | a=4   | 404 Multiple values for parameters: a,b
            two  | 1/2   | a=3         | a=4   | 400 Multiple values for parameters: a
            two  | 1     | a=3         | b=4   | 404 Multiple values for parameters: a
            two  | 1/2   | a=3&c=5     | ``    | 404 Multiple values for parameters: a
            two  | 1/2/3 | a=4         | ``    | 404 -
            two  | ``    | a=1&b=2&c=3 | ``    | 404 Unexpected query string parameters: c
            two  | ``    | a=1&b=2     | c=3   | 400 Unexpected body parameters: c
            two  | ``    | a=1&b=2&c=3 | d=4   | 404 Unexpected query string parameters: c
            two  | ``    | a=3&x=1     | b=4&x=2 | 400 Unexpected body parameters: x
            dflt | 1     | ``          | ``    | a=1 b=x
            dflt | 1/2   | ``          | ``    | a=1 b=2
            dflt | ``    | a=1         | ``    | a=1 b=x
            dflt | ``    | b=1         | ``    | 404 Missing parameters: a
            dflt | 1/2   | b=3         | ``    | 404 Multiple values for parameters: b
            dflt | 1/2/3 | ``          | ``    | 404 -
            rest | 1     | ``          | ``    | a=1 more=[]
            rest | 1/2/3 | ``          | ``    | a=1 more=[2, 3]
            rest | ``    | ``          | ``    | 404 Missing parameters: a
            rest | ``    | a=1         | ``    | a=1 more=[]
            rest | 1     | more=2      | ``    | 404 Unexpected query string parameters: more
            kw   | 1     | x=1&y=2     | ``    | a=1 rest={x=1, y=2}
            kw   | ``    | a=1&x=2     | y=3   | a=1 rest={x=2, y=3}
            kw   | 1/2   | ``          | ``    | 404 -
            kw   | ``    | x=1         | ``    | 404 Missing parameters: a
            none | ``    | ``          | ``    | none
            none | 1     | ``          | ``    | 404 -
            none | ``    | q=1         | ``    | 404 Unexpected query string parameters: q
            none | ``    | ``          | q=1   | 400 Unexpected body parameters: q
            """)
    void callableSpec(String handler, String vpath, String query, String body, String expected) throws Exception {
        assertEquals(expected, answer(handler, request(vpath, query, body)));
    }

    /** request.show_mismatched_params = False: same statuses, standard messages. */
    @ParameterizedTest(name = "{0} /{1} ?{2} body {3} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            two  | 1     | ``          | ``    | 404 -
            two  | 1/2   | a=3         | ``    | 404 -
            two  | 1/2   | ``          | a=3   | 400 -
            two  | ``    | a=1&b=2&c=3 | ``    | 404 -
            two  | ``    | a=1&b=2     | c=3   | 400 -
            two  | 1/2   | ``          | ``    | a=1 b=2
            """)
    void mismatchedParamsHidden(String handler, String vpath, String query, String body, String expected)
            throws Exception {
        assertEquals(expected, answer(handler, request(vpath, query, body).config("request.show_mismatched_params",
                Boolean.FALSE)));
        assertEquals(answer(handler, request(vpath, query, body)).substring(0, 3), expected.substring(0, 3));
    }

    @Test
    void severalUnexpectedParametersAreAllNamed() throws Exception {
        // Python joins a set, so the order is not fixed; Cerise keeps the request's order
        assertEquals("404 Unexpected query string parameters: y, x", answer("none", request("", "y=1&x=2", "")));
        assertEquals("400 Unexpected body parameters: y, x", answer("none", request("", "", "y=1&x=2")));
    }

    /** CherryPy never gets to convert: the call fails first, so the mismatch is what it reports. */
    @Test
    void mismatchIsReportedBeforeBadValues() throws Exception {
        assertEquals("404 Missing parameters: b", answer("ints", request("", "a=x", "")));
        assertEquals("404 Unexpected query string parameters: c", answer("ints", request("", "a=x&b=1&c=2", "")));
        assertEquals("404 Multiple values for parameters: a", answer("ints", request("x/1", "a=2", "")));
        assertEquals("404 -", answer("ints", request("x/y/z", "", "")));
        assertEquals("400 Invalid value 'x' for parameter 'a': not an integer", answer("ints", request("x/1", "", "")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            renamed | q=cherry      | query=cherry limit=10
            renamed | q=cherry&n=5  | query=cherry limit=5
            renamed | n=5           | 404 Missing parameters: q
            renamed | query=cherry  | 404 Missing parameters: q
            renamed | q=a&limit=5   | 404 Unexpected query string parameters: limit
            """)
    void paramRenamesAndDefaults(String handler, String query, String expected) throws Exception {
        assertEquals(expected, answer(handler, request("", query, "")));
    }

    // handler | value(s), '&' between repeated values | answer; ints as Python's int(), floats as float()
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            intParam          | 42                  | int 42
            intParam          | ` 42 `              | int 42
            intParam          | +5                  | int 5
            intParam          | -5                  | int -5
            intParam          | 1_000               | int 1000
            intParam          | -1_0                | int -10
            intParam          | 010                 | int 10
            intParam          | ٣                   | int 3
            intParam          | 1__0                | 400 Invalid value '1__0' for parameter 'v': not an integer
            intParam          | _1                  | 400 Invalid value '_1' for parameter 'v': not an integer
            intParam          | 1_                  | 400 Invalid value '1_' for parameter 'v': not an integer
            intParam          | -_1                 | 400 Invalid value '-_1' for parameter 'v': not an integer
            intParam          | +-1                 | 400 Invalid value '+-1' for parameter 'v': not an integer
            intParam          | 4.2                 | 400 Invalid value '4.2' for parameter 'v': not an integer
            intParam          | 0x10                | 400 Invalid value '0x10' for parameter 'v': not an integer
            intParam          | ``                  | 400 Invalid value '' for parameter 'v': not an integer
            intParam          | abc                 | 400 Invalid value 'abc' for parameter 'v': not an integer
            intParam          | 2147483648          | 400 Invalid value '2147483648' for parameter 'v': not an integer
            intParam          | 1&2                 | 400 Invalid value [1, 2] for parameter 'v': given 2 values where one is expected
            longParam         | 2147483648          | Long 2147483648
            shortParam        | 32768               | 400 Invalid value '32768' for parameter 'v': not an integer
            bigIntParam       | 123456789012345678901234567890 | BigInteger 123456789012345678901234567890
            doubleParam       | 1.5                 | double 1.5
            doubleParam       | ` 1.5 `             | double 1.5
            doubleParam       | +1.5                | double 1.5
            doubleParam       | 5.                  | double 5.0
            doubleParam       | .5                  | double 0.5
            doubleParam       | 1e3                 | double 1000.0
            doubleParam       | 1_000.5             | double 1000.5
            doubleParam       | 1e1_0               | double 1.0E10
            doubleParam       | infinity            | double Infinity
            doubleParam       | -Infinity           | double -Infinity
            doubleParam       | +inf                | double Infinity
            doubleParam       | -nan                | double NaN
            doubleParam       | 1__0.5              | 400 Invalid value '1__0.5' for parameter 'v': not a number
            doubleParam       | 1_.5                | 400 Invalid value '1_.5' for parameter 'v': not a number
            doubleParam       | 1d                  | 400 Invalid value '1d' for parameter 'v': not a number
            doubleParam       | 0x1p3               | 400 Invalid value '0x1p3' for parameter 'v': not a number
            doubleParam       | `1,5`               | 400 Invalid value '1,5' for parameter 'v': not a number
            doubleParam       | .                   | 400 Invalid value '.' for parameter 'v': not a number
            doubleParam       | ``                  | 400 Invalid value '' for parameter 'v': not a number
            floatParam        | 0.25                | float 0.25
            decimalParam      | 1.50                | BigDecimal 1.50
            decimalParam      | abc                 | 400 Invalid value 'abc' for parameter 'v': not a number
            boolParam         | true                | boolean true
            boolParam         | On                  | boolean true
            boolParam         | 1                   | boolean true
            boolParam         | YES                 | boolean true
            boolParam         | false               | boolean false
            boolParam         | off                 | boolean false
            boolParam         | 0                   | boolean false
            boolParam         | no                  | boolean false
            boolParam         | ``                  | boolean false
            boolParam         | maybe               | 400 Invalid value 'maybe' for parameter 'v': not a boolean (true/false, 1/0, yes/no, on/off)
            charParam         | x                   | char x
            charParam         | xy                  | 400 Invalid value 'xy' for parameter 'v': not a single character
            enumParam         | red                 | Color RED
            enumParam         | GREEN               | Color GREEN
            enumParam         | blue                | 400 Invalid value 'blue' for parameter 'v': not one of [RED, GREEN]
            uuidParam         | 123e4567-e89b-12d3-a456-426614174000 | UUID 123e4567-e89b-12d3-a456-426614174000
            uuidParam         | nope                | 400 Invalid value 'nope' for parameter 'v': not a UUID
            listParam         | 3&1&3               | List [3, 1, 3]
            listParam         | 7                   | List [7]
            listParam         | 1&x                 | 400 Invalid value [1, x] for parameter 'v': not an integer
            setParam          | b&a&b               | Set [b, a]
            arrayParam        | 1&2                 | long[] [1, 2]
            arrayParam        | 1&x                 | 400 Invalid value [1, x] for parameter 'v': not an integer
            stringArrayParam  | a&b                 | String[] [a, b]
            objectParam       | a                   | String a
            objectParam       | a&b                 | List [a, b]
            optionalParam     | 5                   | Optional Optional[5]
            optionalParam     | x                   | 400 Invalid value 'x' for parameter 'v': not an integer
            optionalListParam | a&b                 | Optional Optional[[a, b]]
            """)
    void conversions(String handler, String values, String expected) throws Exception {
        FakeRequest request = FakeRequest.path();
        request.query("v", values.split("&", -1));
        assertEquals(expected, answer(handler, request));
    }

    @Test
    void optionalParametersAreNeverMissing() throws Exception {
        assertEquals("Optional Optional.empty", answer("optionalParam", FakeRequest.path()));
        assertEquals("Optional Optional.empty", answer("optionalListParam", FakeRequest.path()));
    }

    @Test
    void objectParameterRepeatedIsAList() throws Exception {
        Object[] seen = new Object[1];
        Handler h = MethodBinder.bind(new Pages() {
            @Override
            public String objectParam(Object v) {
                seen[0] = v;
                return "";
            }
        }, method("objectParam"));
        FakeRequest request = FakeRequest.path().query("v", "a", "b");
        h.handle(request, request.response());
        assertEquals(List.of("a", "b"), seen[0]);
    }

    @Test
    void positionalSegmentsConvertToo() throws Exception {
        assertEquals("int 7", answer("intParam", FakeRequest.path("7")));
        assertEquals("first=a rest=[1, 2]", answer("intVarargs", FakeRequest.path("a", "1", "2")));
        assertEquals("400 Invalid value 'x' for path segment: not an integer",
                answer("intVarargs", FakeRequest.path("a", "1", "x")));
    }

    @Test
    void kwargsMaps() throws Exception {
        FakeRequest request = FakeRequest.path().query("b", "1", "2").query("a", "3");
        // **kwargs in Python holds 'b': ['1', '2'], 'a': '3'
        assertEquals("{b=1, a=3}", answer("kwFirst", request));
        assertEquals("{b=[1, 2], a=[3]}", answer("kwList", request));
        assertEquals("{b=[1, 2], a=3}", answer("kwObject", request));
        assertEquals("{}", answer("kwObject", FakeRequest.path()));
    }

    @Test
    void requestResponseAndSessionAreInjected() throws Exception {
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> {
                    throw new UnsupportedOperationException();
                });
        FakeRequest request = FakeRequest.path("1").session(session);
        Method m = method("injected");
        Object[] seen = new Object[4];
        Pages target = new Pages() {
            @Override
            public String injected(Request r, String a, Response response, Session s) {
                seen[0] = r;
                seen[1] = a;
                seen[2] = response;
                seen[3] = s;
                return "ok";
            }
        };
        assertEquals("ok", MethodBinder.bind(target, m).handle(request, request.response()));
        assertSame(request, seen[0]);
        assertEquals("1", seen[1]);
        assertSame(request.response(), seen[2]);
        assertSame(session, seen[3]);
        // injected parameters take no path segment or request parameter
        assertEquals("404 -", answer("injected", FakeRequest.path("1", "2").session(session)));
        assertEquals("404 Unexpected query string parameters: request",
                answer("injected", FakeRequest.path("1").query("request", "x").session(session)));
    }

    /** Handlers for the bind-time checks. */
    public static class BadPages {
        public static String staticMethod(String a) {
            return a;
        }

        public String sameName(@Param("x") String a, String x) {
            return a + x;
        }

        public String unsupported(Thread t) {
            return "";
        }

        public String unsupportedElement(List<Thread> t) {
            return "";
        }

        public String badDefault(@Param(defaultValue = "abc") int n) {
            return "";
        }

        public String linkedList(LinkedList<String> l) {
            return "";
        }

        public String sortedSet(SortedSet<String> s) {
            return "";
        }

        public String intKeys(Map<Integer, String> m) {
            return "";
        }

        public String intValues(Map<String, Integer> m) {
            return "";
        }

        public String twoMaps(Map<String, String> a, Map<String, String> b) {
            return "";
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            staticMethod       | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.staticMethod(): a handler must be an instance method`
            sameName           | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.sameName() parameter 'x': two parameters bind the name 'x'`
            unsupported        | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.unsupported() parameter 't': Cerise cannot convert request parameters to java.lang.Thread (use String, a number, boolean, enum, UUID, or a List/array/Optional of those)`
            unsupportedElement | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.unsupportedElement() parameter 't': Cerise cannot convert request parameters to java.lang.Thread (use String, a number, boolean, enum, UUID, or a List/array/Optional of those)`
            badDefault         | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.badDefault() parameter 'n': the default value 'abc' does not convert to int: not an integer`
            linkedList         | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.linkedList() parameter 'l': declare the collection as List, Set or Collection`
            sortedSet          | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.sortedSet() parameter 's': declare the collection as List, Set or Collection`
            intKeys            | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.intKeys() parameter 'm': a Map parameter must have String keys`
            intValues          | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.intValues() parameter 'm': a Map parameter takes Map<String, String>, Map<String, List<String>> or Map<String, Object>`
            twoMaps            | `org.cerise.core.internal.binding.MethodBinderTest$BadPages.twoMaps() parameter 'b': only one Map parameter may collect the surplus parameters`
            """)
    void bindingErrorsNameTheMethodAndParameter(String name, String message) {
        Method m = Arrays.stream(BadPages.class.getDeclaredMethods()).filter(x -> x.getName().equals(name))
                .findFirst().orElseThrow();
        ConfigException e = assertThrows(ConfigException.class, () -> MethodBinder.bind(new BadPages(), m));
        assertEquals(message, e.getMessage());
    }

    @Test
    void parameterNamesMissing() throws Exception {
        // JDK classes are compiled without -parameters: the name is arg0
        Method concat = String.class.getMethod("concat", String.class);
        ConfigException e = assertThrows(ConfigException.class, () -> MethodBinder.bind("x", concat));
        assertEquals("java.lang.String.concat() parameter 'arg0': parameter names are missing: compile the app with "
                + "-parameters or name the parameter with @Param(\"...\")", e.getMessage());
    }

    @Test
    void handlerExceptionsPassThrough() throws Exception {
        Handler h = MethodBinder.bind(new Failing(), Failing.class.getMethod("fail"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.handle(FakeRequest.path(), null));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void toStringNamesTheMethod() throws Exception {
        assertEquals("org.cerise.core.internal.binding.MethodBinderTest$Pages.two()", bind("two").toString());
    }

    // ------------------------------------------------------------------

    /** A handler that throws. */
    public static class Failing {
        public String fail() {
            throw new IllegalStateException("boom");
        }
    }

    private static FakeRequest request(String vpath, String query, String body) {
        FakeRequest r = FakeRequest.path(vpath.isEmpty() ? new String[0] : vpath.split("/"));
        for (String[] pair : pairs(query)) {
            r.query(pair[0], pair[1]);
        }
        for (String[] pair : pairs(body)) {
            r.body(pair[0], pair[1]);
        }
        return r;
    }

    private static List<String[]> pairs(String text) {
        List<String[]> out = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String p : text.split("&")) {
                out.add(p.split("=", 2));
            }
        }
        return out;
    }

    private static Method method(String name) {
        return Arrays.stream(Pages.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Handler bind(String name) throws ConfigException {
        return MethodBinder.bind(new Pages(), method(name));
    }

    /** The handler's answer, or "status message" ("-" for the standard message) for an HttpError. */
    private static String answer(String handler, FakeRequest request) throws Exception {
        try {
            return (String) bind(handler).handle(request, request.response());
        } catch (HttpError e) {
            return e.code() + " " + (e.errorMessage() == null ? "-" : e.errorMessage());
        }
    }
}
