package org.cerise.core.internal.server;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.cerise.api.ConfigException;
import org.cerise.core.internal.config.ExistingConfiguration;
import org.cerise.core.internal.config.IniConfig;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code server.*} keys of the global config, applied to the HTTP server: they
 * become the Config Admin configuration of Felix HTTP ({@code org.apache.felix.http}), which
 * restarts Jetty with them. Without {@code server.*} keys the launch properties apply
 * ({@code CERISE_PORT}, {@code CERISE_HOST}); with them, the keys win.
 *
 * <table>
 * <caption>keys</caption>
 * <tr><td>{@code server.socket_host}</td><td>address to listen on</td></tr>
 * <tr><td>{@code server.socket_port}</td><td>port</td></tr>
 * <tr><td>{@code server.socket_timeout}</td><td>idle timeout of a connection, seconds</td></tr>
 * <tr><td>{@code server.thread_pool_max}</td><td>most request threads (-1: Jetty's default)</td></tr>
 * <tr><td>{@code server.max_request_header_size}</td><td>bytes of request headers</td></tr>
 * </table>
 * {@code server.max_request_body_size} is applied by the pipeline (413); other keys have no
 * equivalent on Jetty and are reported once.
 */
@Component(immediate = true, configurationPid = "org.cerise.global", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ServerSettings {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.server");
    private static final String FELIX_HTTP_PID = "org.apache.felix.http";
    /** Marks the Felix HTTP configuration as written from the global config, so that only ours is ever deleted. */
    private static final String MARKER = "cerise.from";

    @Reference
    private ConfigurationAdmin configAdmin;

    @Activate
    @Modified
    void apply(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        String source = file != null ? String.valueOf(file) : "configuration org.cerise.global";
        Map<String, Object> felix = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (!e.getKey().startsWith("server.")) {
                continue;
            }
            try {
                translate(e.getKey(), value(source, e.getKey(), e.getValue()), felix, source);
            } catch (ConfigException ex) {
                LOG.warn("{}; the server keeps its current setting", ex.getMessage());
            }
        }
        try {
            Configuration c = ExistingConfiguration.find(configAdmin, FELIX_HTTP_PID);
            Dictionary<String, Object> current = c == null ? null : c.getProperties();
            boolean ours = current == null || current.get(MARKER) != null;
            if (!ours) {
                if (!felix.isEmpty()) {
                    LOG.warn("server.* keys in {} are not applied: the configuration {} is managed elsewhere", source,
                            FELIX_HTTP_PID);
                }
                return;
            }
            if (felix.isEmpty()) {
                if (c != null) {
                    c.delete();
                    LOG.info("Server back to its launch settings");
                }
                return;
            }
            if (c == null) {
                c = configAdmin.getConfiguration(FELIX_HTTP_PID, "?");
            }
            Dictionary<String, Object> wanted = new Hashtable<>(felix);
            wanted.put(MARKER, "org.cerise.global");
            if (c.updateIfDifferent(wanted)) {
                LOG.info("Server settings from {}: {}", source, felix);
            }
        } catch (IOException e) {
            LOG.warn("Cannot apply the server settings of {}: {}", source, e.toString());
        }
    }

    private static Object value(String source, String key, Object raw) throws ConfigException {
        return raw instanceof String ? IniConfig.value(source + ", key '" + key + "'", (String) raw) : raw;
    }

    private static void translate(String key, Object value, Map<String, Object> felix, String source)
            throws ConfigException {
        switch (key) {
            case "server.socket_host":
                felix.put("org.apache.felix.http.host", text(key, value, source));
                break;
            case "server.socket_port":
                felix.put("org.osgi.service.http.port", String.valueOf(number(key, value, source, 0, 65535)));
                break;
            case "server.socket_timeout":
                felix.put("org.apache.felix.http.timeout", String.valueOf(seconds(key, value, source) * 1000));
                break;
            case "server.thread_pool_max": {
                long max = number(key, value, source, -1, Integer.MAX_VALUE);
                if (max > 0) {
                    felix.put("org.apache.felix.http.jetty.threadpool.max", String.valueOf(max));
                }
                break;
            }
            case "server.max_request_header_size":
                felix.put("org.apache.felix.http.jetty.headerBufferSize",
                        String.valueOf(number(key, value, source, 1024, Integer.MAX_VALUE)));
                break;
            case "server.max_request_body_size":
                break; // the pipeline answers 413 from the merged config
            default:
                LOG.info("{}, key '{}': Cerise's Jetty has no such setting; ignored", source, key);
        }
    }

    private static String text(String key, Object value, String source) throws ConfigException {
        if (!(value instanceof String)) {
            throw new ConfigException("Config error in " + source + ", key '" + key + "': " + value + " must be a quoted string");
        }
        return (String) value;
    }

    private static long number(String key, Object value, String source, long min, long max) throws ConfigException {
        if (!(value instanceof Long) || (Long) value < min || (Long) value > max) {
            throw new ConfigException("Config error in " + source + ", key '" + key + "': " + Objects.toString(value)
                    + " must be an integer from " + min + " to " + max);
        }
        return (Long) value;
    }

    private static long seconds(String key, Object value, String source) throws ConfigException {
        if (value instanceof Long && (Long) value > 0) {
            return (Long) value;
        }
        if (value instanceof Double && (Double) value > 0) {
            return Math.max(1, Math.round((Double) value));
        }
        throw new ConfigException("Config error in " + source + ", key '" + key + "': " + value
                + " must be a positive number of seconds");
    }
}
