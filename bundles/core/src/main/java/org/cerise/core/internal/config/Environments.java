package org.cerise.core.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.ConfigException;

/**
 * CherryPy's {@code environment} presets ({@code _cpconfig.environments}): setting
 * {@code environment = "production"} adds the preset's keys to the config that names it,
 * except the keys that config sets itself.
 */
public final class Environments {

    private static final Map<String, Map<String, Object>> PRESETS = new LinkedHashMap<>();

    static {
        Map<String, Object> staging = new LinkedHashMap<>();
        staging.put("engine.autoreload.on", Boolean.FALSE);
        staging.put("checker.on", Boolean.FALSE);
        staging.put("tools.log_headers.on", Boolean.FALSE);
        staging.put("request.show_tracebacks", Boolean.FALSE);
        staging.put("request.show_mismatched_params", Boolean.FALSE);
        PRESETS.put("staging", staging);

        Map<String, Object> production = new LinkedHashMap<>(staging);
        production.put("log.screen", Boolean.FALSE);
        PRESETS.put("production", production);

        Map<String, Object> embedded = new LinkedHashMap<>(production);
        embedded.put("engine.SIGHUP", null);
        embedded.put("engine.SIGTERM", null);
        PRESETS.put("embedded", embedded);

        Map<String, Object> testSuite = new LinkedHashMap<>();
        testSuite.put("engine.autoreload.on", Boolean.FALSE);
        testSuite.put("checker.on", Boolean.FALSE);
        testSuite.put("tools.log_headers.on", Boolean.FALSE);
        testSuite.put("request.show_tracebacks", Boolean.TRUE);
        testSuite.put("request.show_mismatched_params", Boolean.TRUE);
        testSuite.put("log.screen", Boolean.FALSE);
        PRESETS.put("test_suite", testSuite);
    }

    private Environments() {
    }

    /**
     * Expands {@code environment} in a config.
     *
     * @param config  the config, changed in place: the preset's keys are added where absent
     * @param origins where each key was set; the preset's keys are attributed to the
     *                {@code environment} key's origin
     * @throws ConfigException naming the origin if the environment is not one of CherryPy's
     */
    public static void expand(Map<String, Object> config, Map<String, String> origins) throws ConfigException {
        Object env = config.get("environment");
        if (env == null) {
            return;
        }
        Map<String, Object> preset = env instanceof String ? PRESETS.get(env) : null;
        String origin = origins.getOrDefault("environment", "the config");
        if (preset == null) {
            throw new ConfigException("Config error in " + origin + ", key 'environment': " + Literals.repr(env)
                    + " is not one of " + PRESETS.keySet());
        }
        for (Map.Entry<String, Object> e : preset.entrySet()) {
            if (!config.containsKey(e.getKey())) {
                config.put(e.getKey(), e.getValue());
                origins.put(e.getKey(), origin + " (environment = '" + env + "')");
            }
        }
    }
}
