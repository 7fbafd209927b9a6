package org.cerise.core.internal.mount;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.core.internal.config.Environments;
import org.cerise.core.internal.config.IniConfig;

/**
 * The site-wide config (CherryPy's {@code [global]}): Cerise's built-in defaults, overridden by
 * the Config Admin configuration {@code org.cerise.global} (the distribution ships it as
 * {@code config/org.cerise.global.cfg}, one {@code key = value} per line, values written as
 * Python literals exactly as in a CherryPy config file).
 */
final class GlobalConfig {

    /**
     * CherryPy's defaults that differ from "unset": the tools on by default, in CherryPy's order
     * ({@code cherrypy.config.defaults}), which orders hooks of equal priority: the traceback is
     * logged before the request's headers.
     */
    static final Map<String, Object> DEFAULTS = defaults();

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("tools.log_tracebacks.on", Boolean.TRUE);
        d.put("tools.log_headers.on", Boolean.TRUE);
        d.put("tools.trailing_slash.on", Boolean.TRUE);
        d.put("tools.encode.on", Boolean.TRUE);
        return Collections.unmodifiableMap(d);
    }

    private static final List<String> IGNORED_PREFIXES = List.of("service.", "component.", "felix.", "objectClass",
            "osgi.", "org.apache.felix.");

    private GlobalConfig() {
    }

    /**
     * The global config and where each of its keys was set.
     *
     * @param values  the config, defaults included
     * @param origins the source of each key: the file, or Cerise's defaults
     */
    record Loaded(Map<String, Object> values, Map<String, String> origins) {
    }

    /** The defaults alone. */
    static final Loaded BUILT_IN = new Loaded(DEFAULTS, originsOf(DEFAULTS.keySet(), "Cerise's built-in defaults"));

    private static Map<String, String> originsOf(java.util.Set<String> keys, String origin) {
        Map<String, String> origins = new LinkedHashMap<>();
        keys.forEach(k -> origins.put(k, origin));
        return Collections.unmodifiableMap(origins);
    }

    /**
     * @param properties the configuration's properties (strings from a {@code .cfg} file are
     *                   parsed as Python literals; typed values are taken as they are)
     * @return the global config, defaults included
     * @throws ConfigException naming the file and key of the first bad value
     */
    static Loaded from(Map<String, Object> properties) throws ConfigException {
        Map<String, Object> config = new LinkedHashMap<>(DEFAULTS);
        Map<String, String> origins = new LinkedHashMap<>(BUILT_IN.origins());
        Object file = properties.get("felix.fileinstall.filename");
        String source = file != null ? String.valueOf(file) : "configuration org.cerise.global";
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String key = e.getKey();
            if (IGNORED_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            Object value = e.getValue();
            if (value instanceof String) {
                value = IniConfig.value(source + ", key '" + key + "'", (String) value);
            } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                value = ((Number) value).longValue();
            } else if (value instanceof Float) {
                value = ((Float) value).doubleValue();
            }
            config.put(key, value);
            origins.put(key, source);
        }
        Environments.expand(config, origins);
        return new Loaded(Collections.unmodifiableMap(config), Collections.unmodifiableMap(origins));
    }
}
