package org.cerise.tool.staticfiles.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.ToolSetup;

/** A scope's Content-Type choice: its {@code content_types} by extension, else the guess. */
final class ContentTypes {

    private final Map<String, String> byExtension;

    private ContentTypes(Map<String, String> byExtension) {
        this.byExtension = byExtension;
    }

    /**
     * @param setup the tool's setup
     * @return the scope's {@code content_types}
     * @throws ConfigException if it is not a dict of strings
     */
    static ContentTypes read(ToolSetup setup) throws ConfigException {
        Object v = setup.args().get("content_types");
        if (v == null) {
            return new ContentTypes(Map.of());
        }
        if (!(v instanceof Map)) {
            throw setup.badArg("content_types", "must be a dict of extension to Content-Type, e.g. {'txt': 'text/plain'}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw setup.badArg("content_types", "must map extensions (without the dot) to Content-Type strings; "
                        + "found " + e.getKey() + ": " + e.getValue());
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return new ContentTypes(Map.copyOf(out));
    }

    /**
     * @param path the file's path or entry name
     * @return its Content-Type, or {@code null} to leave the response's ({@code text/html})
     */
    String of(String path) {
        if (!byExtension.isEmpty()) {
            // CherryPy: os.path.splitext(filename)[1][1:], case as written
            String base = path.substring(path.lastIndexOf('/') + 1);
            int dot = base.lastIndexOf('.');
            int lead = 0;
            while (lead < base.length() && base.charAt(lead) == '.') {
                lead++;
            }
            String type = dot >= lead ? byExtension.get(base.substring(dot + 1)) : byExtension.get("");
            if (type != null) {
                return type;
            }
        }
        return MimeTypes.guess(path);
    }
}
