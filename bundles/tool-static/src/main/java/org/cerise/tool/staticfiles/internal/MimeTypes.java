package org.cerise.tool.staticfiles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * CherryPy's Content-Type guess ({@code mimetypes.types_map} with CherryPy's additions), read
 * once from the bundled {@code mime.types} table.
 */
public final class MimeTypes {

    private static final Map<String, String> BY_EXTENSION = load();

    private MimeTypes() {
    }

    private static Map<String, String> load() {
        Properties p = new Properties();
        try (InputStream in = MimeTypes.class.getResourceAsStream("mime.types")) {
            if (in == null) {
                throw new IllegalStateException("mime.types is missing from the bundle");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new HashMap<>(p.size() * 2);
        // keyed with the dot, as CherryPy looks the suffix up
        p.forEach((k, v) -> out.put("." + k, ((String) v).intern()));
        return Map.copyOf(out);
    }

    /**
     * CherryPy's {@code serve_file} guess: the text from the path's last dot on (even if that dot
     * is in a folder name), lower-cased, looked up in the table.
     *
     * @param path a file path or name
     * @return the Content-Type, or {@code null} when the extension is unknown
     */
    public static String guess(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return BY_EXTENSION.get(path.substring(dot).toLowerCase(Locale.ROOT));
    }
}
