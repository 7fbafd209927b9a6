package org.cerise.core.internal.config;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cerise.api.Config;
import org.cerise.api.ConfigException;
import org.cerise.api.UseTool;

/**
 * The config that app classes and handler methods carry: {@link Config} entries and
 * {@link UseTool} tools, CherryPy's {@code _cp_config}. A class's config includes its
 * superclasses' (a Python subclass inherits {@code _cp_config}), the superclass first. Read
 * once per class or method and kept.
 */
public final class AnnotationConfig {

    private final Map<AnnotatedElement, Object> cache = new ConcurrentHashMap<>();

    /**
     * The config of a class or method.
     *
     * @param element a class or a method
     * @return the config, read-only, possibly empty
     * @throws Invalid if an entry is not {@code key = value} with a literal value
     */
    public Map<String, Object> of(AnnotatedElement element) {
        Object known = cache.computeIfAbsent(element, e -> {
            try {
                return read(e);
            } catch (ConfigException ce) {
                return ce;
            }
        });
        if (known instanceof ConfigException) {
            throw new Invalid((ConfigException) known);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) known;
        return config;
    }

    private static Map<String, Object> read(AnnotatedElement element) throws ConfigException {
        List<AnnotatedElement> layers = new ArrayList<>();
        if (element instanceof Class) {
            for (Class<?> c = (Class<?>) element; c != null && c != Object.class; c = c.getSuperclass()) {
                layers.add(0, c);
            }
        } else {
            layers.add(element);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (AnnotatedElement layer : layers) {
            String where = describe(layer);
            Config annotation = layer.getAnnotation(Config.class);
            if (annotation != null) {
                for (String entry : annotation.value()) {
                    put(config, entry, "", where + " @Config");
                }
            }
            for (UseTool tool : layer.getAnnotationsByType(UseTool.class)) {
                String prefix = "tools." + tool.value() + ".";
                config.put(prefix + "on", Boolean.TRUE);
                for (String arg : tool.args()) {
                    put(config, arg, prefix, where + " @UseTool(\"" + tool.value() + "\")");
                }
            }
        }
        if (config.containsKey("request.dispatch")) {
            throw new ConfigException("Config error in " + describe(element)
                    + ": request.dispatch is read from the app's config file only, not from annotations");
        }
        return config.isEmpty() ? Map.of() : Collections.unmodifiableMap(config);
    }

    private static void put(Map<String, Object> config, String entry, String prefix, String where)
            throws ConfigException {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("Config error in " + where + ": '" + entry + "' is not 'key = value'");
        }
        String key = prefix + entry.substring(0, eq).strip();
        config.put(key, IniConfig.value(where + ", key '" + key + "'", entry.substring(eq + 1)));
    }

    /** @param element a class or method @return its name for messages */
    static String describe(AnnotatedElement element) {
        if (element instanceof Method) {
            Method m = (Method) element;
            return m.getDeclaringClass().getName() + "." + m.getName() + "()";
        }
        return element instanceof Class ? ((Class<?>) element).getName() : String.valueOf(element);
    }

    /** An annotation whose config cannot be read; carries the message for the app's state. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(ConfigException cause) {
            super(cause.getMessage(), cause);
        }

        /** @return the config error */
        public ConfigException configException() {
            return (ConfigException) getCause();
        }
    }
}
