package org.cerise.tool.encode.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/** Charset names as CherryPy's config and clients write them, resolved to Java charsets. */
final class Charsets {

    private Charsets() {
    }

    /**
     * @param name a charset name; Python's spellings ({@code utf_8}, {@code latin-1}) are accepted too
     * @return the charset, or {@code null} if the runtime has none by that name
     */
    static Charset lookup(String name) {
        if (name.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        if (name.equalsIgnoreCase("iso-8859-1")) {
            return StandardCharsets.ISO_8859_1;
        }
        Charset cs = forName(name);
        if (cs == null) {
            String python = name.toLowerCase(Locale.ROOT).replace('_', '-');
            cs = forName(python.equals("latin-1") ? "latin1" : python);
        }
        return cs;
    }

    private static Charset forName(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** Python's {@code repr} of a plain string, for CherryPy's messages. */
    static String repr(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
