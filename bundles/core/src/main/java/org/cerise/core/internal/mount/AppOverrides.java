package org.cerise.core.internal.mount;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cerise.api.ConfigException;
import org.cerise.core.internal.config.IniConfig;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;

/**
 * Run-time overrides of an app's config through Config Admin: configurations of the factory PID
 * {@value #FACTORY_PID}, e.g. a file {@code org.cerise.app-tut01.cfg} dropped into
 * {@code deploy/} or {@code config/}:
 *
 * <pre>
 * cerise.app = tut01
 * request.show_tracebacks = False
 * [/generate]response.headers.Cache-Control = "no-store"
 * </pre>
 *
 * <p>{@value #APP_KEY} names the app; every other key is a config key, for section {@code [/]}
 * unless it starts with {@code [/path]}; values are Python literals as in a config file. An
 * override goes on top of the app's own file; a change re-mounts the app at once. A bad value
 * keeps the app out of service, with a message naming the configuration and key, until the
 * configuration is fixed or deleted.
 */
final class AppOverrides implements ManagedServiceFactory {

    /** The factory PID of app overrides. */
    static final String FACTORY_PID = "org.cerise.app";
    /** The key naming the app an override is for. */
    static final String APP_KEY = "cerise.app";

    /**
     * One override configuration.
     *
     * @param pid     its Config Admin PID
     * @param app     the app it is for
     * @param source  a name for messages (the file, else the PID)
     * @param entries config keys by section
     * @param error   why the configuration cannot be used, or {@code null}
     */
    record Layer(String pid, String app, String source, Map<String, Map<String, Object>> entries,
            ConfigException error) {
    }

    private final Map<String, Layer> byPid = new ConcurrentHashMap<>();
    private final Runnable onChange;

    /** @param onChange called after an override arrived, changed or left */
    AppOverrides(Runnable onChange) {
        this.onChange = onChange;
    }

    @Override
    public String getName() {
        return "Cerise app config overrides";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) throws ConfigurationException {
        Object file = properties.get("felix.fileinstall.filename");
        String source = "configuration " + pid + (file != null ? " (" + file + ")" : "");
        Object app = properties.get(APP_KEY);
        if (!(app instanceof String) || ((String) app).isBlank()) {
            byPid.remove(pid);
            onChange.run();
            throw new ConfigurationException(APP_KEY, source + " must name the app it overrides, e.g. cerise.app = tut01");
        }
        byPid.put(pid, parse(pid, source, (String) app, properties));
        onChange.run();
    }

    /**
     * Reads one override configuration's keys (also for checking candidate keys before they are
     * stored, {@code AppControl.checkOverrides}).
     *
     * @param pid        its PID (or a made-up one for a candidate)
     * @param source     a name for messages
     * @param app        the app it is for
     * @param properties its properties; {@code cerise.app}, {@code service.*}, {@code felix.*} and
     *                   {@code component.*} are skipped
     * @return the layer, with the first error found (or {@code null})
     */
    static Layer parse(String pid, String source, String app, Dictionary<String, ?> properties) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        ConfigException error = null;
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (key.equals(APP_KEY) || key.startsWith("service.") || key.startsWith("felix.")
                    || key.startsWith("component.")) {
                continue;
            }
            String section = "/";
            String name = key;
            if (key.startsWith("[")) {
                int close = key.indexOf(']');
                if (close < 2 || key.charAt(1) != '/' || close == key.length() - 1) {
                    error = new ConfigException("Config error in " + source + ", key '" + key
                            + "': write a section's key as [/path]key");
                    break;
                }
                section = key.substring(1, close);
                name = key.substring(close + 1);
            }
            Object value = properties.get(key);
            try {
                if (value instanceof String) {
                    value = IniConfig.value(source + ", key '" + key + "'", (String) value);
                } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    value = ((Number) value).longValue();
                }
            } catch (ConfigException e) {
                error = e;
                break;
            }
            entries.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(name, value);
        }
        return new Layer(pid, app, source, Collections.unmodifiableMap(entries), error);
    }

    @Override
    public void deleted(String pid) {
        if (byPid.remove(pid) != null) {
            onChange.run();
        }
    }

    /**
     * @param app an app's name
     * @return the overrides for it, in PID order
     */
    List<Layer> forApp(String app) {
        List<Layer> out = new ArrayList<>();
        for (Layer o : byPid.values()) {
            if (o.app().equals(app)) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparing(Layer::pid));
        return out;
    }
}
