package org.cerise.core.internal.mount;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.CeriseApp;
import org.cerise.api.ConfigException;
import org.cerise.core.internal.config.Environments;
import org.cerise.core.internal.config.IniConfig;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's config as the core merges it, with where every key came from:
 *
 * <ol>
 * <li>the global config ({@code org.cerise.global}, with Cerise's defaults);</li>
 * <li>the app-wide layer: the {@code [global]} section of the app's config file (in a
 * container shared by several apps it applies to this app only; keys of the container-wide
 * namespaces {@code server}, {@code engine}, {@code log}, {@code checker} and {@code tree} are
 * left out with a warning), {@code environment} presets expanded;</li>
 * <li>the app's {@code [/path]} sections from its file, with the run-time overrides of Config
 * Admin configurations of factory PID {@code org.cerise.app} for this app on top.</li>
 * </ol>
 *
 * @param base           global config and app-wide layer merged
 * @param baseOrigins    where each base key was set
 * @param sections       the sections by path
 * @param sectionOrigins per section and key, where it was set
 */
record AppConfig(Map<String, Object> base, Map<String, String> baseOrigins, Map<String, Map<String, Object>> sections,
        Map<String, Map<String, String>> sectionOrigins) {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.mount");

    /** Namespaces that configure the container as a whole, not one app. */
    static final List<String> CONTAINER_NAMESPACES = List.of("server.", "engine.", "log.", "checker.", "tree.");

    /**
     * Reads an app's config file from its bundle.
     *
     * @param bundle the app's bundle
     * @param path   the entry named by {@code cerise.app.config}, or {@code null} for none
     * @return the file's sections with their origins (empty without a file)
     * @throws ConfigException naming the file, line, section and key of the first error
     */
    static IniConfig.Parsed readFile(Bundle bundle, String path) throws ConfigException {
        if (path == null) {
            return new IniConfig.Parsed(Map.of(), Map.of());
        }
        String source = "bundle " + bundle.getSymbolicName() + " entry " + path;
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw new ConfigException(CeriseApp.CONFIG + " = '" + path + "', but bundle " + bundle.getSymbolicName()
                    + " has no such entry");
        }
        try (InputStreamReader in = new InputStreamReader(entry.openStream(), StandardCharsets.UTF_8)) {
            return IniConfig.parseWithOrigins(source, in);
        } catch (IOException e) {
            throw new ConfigException("Config error: cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an app's config handed over as text (service property {@code cerise.app.config.text}).
     *
     * @param source what the text is, for messages (a file name, or the map it was written from)
     * @param text   the config in CherryPy's file format
     * @return the text's sections with their origins
     * @throws ConfigException naming the source, line, section and key of the first error
     */
    static IniConfig.Parsed readText(String source, String text) throws ConfigException {
        return IniConfig.parseWithOrigins(source, new java.io.StringReader(text));
    }

    /**
     * Merges the layers.
     *
     * @param global    the global config and its origins
     * @param file      the app's config file, parsed
     * @param overrides the run-time overrides for this app, in order
     * @param appName   the app's name, for messages
     * @return the app's config
     * @throws ConfigException for a section that is not a path, or an unknown environment
     */
    static AppConfig merge(GlobalConfig.Loaded global, IniConfig.Parsed file, List<AppOverrides.Layer> overrides,
            String appName) throws ConfigException {
        Map<String, Object> base = new LinkedHashMap<>(global.values());
        Map<String, String> baseOrigins = new LinkedHashMap<>(global.origins());
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        Map<String, Map<String, String>> sectionOrigins = new LinkedHashMap<>();

        for (Map.Entry<String, Map<String, Object>> s : file.sections().entrySet()) {
            Map<String, String> origins = file.origins().getOrDefault(s.getKey(), Map.of());
            if (s.getKey().equals("global")) {
                Map<String, Object> appWide = new LinkedHashMap<>();
                Map<String, String> appWideOrigins = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : s.getValue().entrySet()) {
                    if (CONTAINER_NAMESPACES.stream().anyMatch(e.getKey()::startsWith)) {
                        LOG.warn("Config in {}, key '{}': container-wide keys belong in config/org.cerise.global.cfg; "
                                + "ignored for app '{}'", origins.get(e.getKey()), e.getKey(), appName);
                        continue;
                    }
                    appWide.put(e.getKey(), e.getValue());
                    appWideOrigins.put(e.getKey(), origins.get(e.getKey()));
                }
                Environments.expand(appWide, appWideOrigins);
                base.putAll(appWide);
                baseOrigins.putAll(appWideOrigins);
                continue;
            }
            if (!s.getKey().startsWith("/")) {
                throw new ConfigException("Config error in " + origins.values().stream().findFirst()
                        .orElse("the app's config file") + ": an app's sections are [global] and paths such as [/] "
                        + "or [/static], not [" + s.getKey() + "]");
            }
            sections.put(s.getKey(), new LinkedHashMap<>(s.getValue()));
            sectionOrigins.put(s.getKey(), new LinkedHashMap<>(origins));
        }
        for (AppOverrides.Layer o : overrides) {
            if (o.error() != null) {
                throw o.error();
            }
            o.entries().forEach((section, entries) -> {
                sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).putAll(entries);
                Map<String, String> origins = sectionOrigins.computeIfAbsent(section, k -> new LinkedHashMap<>());
                entries.keySet().forEach(k -> origins.put(k, o.source() + ", section [" + section + "]"));
            });
        }
        Map<String, Map<String, Object>> frozen = new LinkedHashMap<>();
        sections.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        Map<String, Map<String, String>> frozenOrigins = new LinkedHashMap<>();
        sectionOrigins.forEach((k, v) -> frozenOrigins.put(k, Collections.unmodifiableMap(v)));
        return new AppConfig(Collections.unmodifiableMap(base), Collections.unmodifiableMap(baseOrigins),
                Collections.unmodifiableMap(frozen), Collections.unmodifiableMap(frozenOrigins));
    }
}
