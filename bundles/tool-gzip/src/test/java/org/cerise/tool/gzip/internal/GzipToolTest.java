package org.cerise.tool.gzip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** How gzip sets itself up for a config scope, and its media-type matching. */
class GzipToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("gzip") ? new GzipTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.gzip.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/files");
    }

    @Test
    void oneHookBeforeFinalizeAt80() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_FINALIZE);
        assertEquals(1, hooks.length);
        assertEquals(80, hooks[0].priority());
        assertEquals("gzip", hooks[0].owner());
    }

    @Test
    void badArgumentsNameKeyAndProblem() {
        assertFailure(compile("tools.gzip.compress_level", 10L), "key 'tools.gzip.compress_level': 10 must be an integer");
        assertFailure(compile("tools.gzip.mime_types", List.of("text/html", 3L)), "must be a list of media types");
        assertFailure(compile("tools.gzip.mime_types", List.of("text")), "has 'text', which is not type/subtype");
    }

    @Test
    void mediaTypesMatchAsCherryPysSourceDoes() {
        MimeTypes types = new MimeTypes(List.of("text/html", "image/*", "application/*+xml", "*/*"));
        assertTrue(types.matches("text/html"));
        assertTrue(types.matches("image/png"));
        assertTrue(types.matches("application/atom+xml"));
        assertTrue(!types.matches("application/xml"), "no suffix");
        assertTrue(!types.matches("application/a+b+xml"), "two suffixes");
        assertTrue(!types.matches("text/plain"), "*/* is not a wildcard in CherryPy");
        assertTrue(!types.matches("TEXT/HTML"), "compared as sent");
        assertTrue(types.matches("*/*"));
    }

    private static void assertFailure(Scope scope, String expected) {
        assertNotNull(scope.failure);
        String message = scope.failure.getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(message.contains("/files"), message);
    }
}
