package org.cerise.tool.staticfiles.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.ToolSetup;

/** What both static tools read the same way. */
final class Scopes {

    /** CherryPy's HandlerTool priority. */
    static final int PRIORITY = 50;
    /** Default of {@code cache_max_file_size}: files up to this many bytes are kept in memory. */
    static final long MAX_FILE = 64 * 1024;
    /** Default of {@code cache_max_size}: what one scope's cache holds at most. */
    static final long MAX_CACHE = 16 * 1024 * 1024;

    private Scopes() {
    }

    /** @return {@code match} compiled, or {@code null} when empty */
    static Pattern match(ToolSetup setup) throws ConfigException {
        String match = setup.stringArg("match", "");
        if (match.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(match);
        } catch (PatternSyntaxException e) {
            throw setup.badArg("match", "is not a regular expression: " + e.getDescription());
        }
    }

    /** @return the scope's cache, sized by {@code cache_max_size} */
    static FileCache cache(ToolSetup setup) throws ConfigException {
        long max = setup.longArg("cache_max_size", MAX_CACHE);
        if (max < 0) {
            throw setup.badArg("cache_max_size", "must be 0 (no cache) or more bytes");
        }
        return new FileCache(max);
    }

    /** @return {@code cache_max_file_size} */
    static long maxFile(ToolSetup setup) throws ConfigException {
        long max = setup.longArg("cache_max_file_size", MAX_FILE);
        if (max < 0 || max > Integer.MAX_VALUE - 8) {
            throw setup.badArg("cache_max_file_size", "must be 0 (no file's bytes cached) to 2147483639 bytes");
        }
        return max;
    }

    /** GET and HEAD only, as CherryPy: other methods go on to the handler. */
    static boolean readMethod(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }
}
