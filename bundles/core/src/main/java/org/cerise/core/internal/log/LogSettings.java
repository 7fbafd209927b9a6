package org.cerise.core.internal.log;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.cerise.api.ConfigException;
import org.cerise.api.engine.CeriseEnginePlugin;
import org.cerise.api.engine.EnginePlugin;
import org.cerise.core.internal.config.ExistingConfiguration;
import org.cerise.core.internal.config.IniConfig;
import org.cerise.core.internal.mount.MountedApp;
import org.cerise.core.internal.mount.Mounter;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code log.*} keys, applied to the logging backend (log4j2 behind SLF4J, through
 * pax-logging): from the global config {@code log.screen} (errors on stderr, access lines on
 * stdout; default on, off in production), {@code log.error_file} and
 * {@code log.access_file}; from an app's {@code [/]} section its own {@code log.error_file}
 * and {@code log.access_file}, which receive that app's lines (the global destinations still
 * get them too, as CherryPy's app loggers propagate). Cerise adds rotation by size:
 * {@code log.max_bytes} (0: never, the default) and {@code log.backup_count} (default 5), as
 * Python's {@code RotatingFileHandler} takes them.
 *
 * <p>The keys become the configuration of pax-logging (PID {@code org.ops4j.pax.logging}, its
 * {@code log4j2.*} properties); with no {@code log.*} key anywhere, the container's
 * {@code config/log4j2.properties} applies untouched. On the engine's {@code graceful} channel
 * (SIGHUP) the configuration is applied again, which reopens every log file: a file moved away
 * by logrotate is created afresh.
 */
@Component(service = EnginePlugin.class, immediate = true, configurationPid = "org.cerise.global",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@CeriseEnginePlugin(channels = "graceful")
public final class LogSettings implements EnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.log");
    private static final String PAX_PID = "org.ops4j.pax.logging";
    /** Marks the pax-logging configuration as Cerise's, so that only ours is ever replaced or deleted. */
    private static final String MARKER = "cerise.from";
    static final String ERROR_PATTERN = "[%d{dd/MMM/yyyy:HH:mm:ss}] %-5level %c %m%n";
    static final String ACCESS_PATTERN = "%m%n";

    @Reference
    private ConfigurationAdmin configAdmin;
    @Reference
    private Mounter mounter;

    private volatile Map<String, Object> global = Map.of();
    private final Runnable onMount = this::apply;
    private String applied;
    private long generation;

    @Activate
    void activate(Map<String, Object> properties) {
        global = properties;
        mounter.onPublish(onMount);
        apply();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        global = properties;
        apply();
    }

    @Deactivate
    void deactivate() {
        mounter.removeOnPublish(onMount);
    }

    /** SIGHUP: apply the configuration again, so that pax-logging reopens every file. */
    @Override
    public void graceful() {
        // said before: while pax-logging swaps its configuration, messages may be lost
        LOG.info("Reopening the log files");
        synchronized (this) {
            applied = null;
        }
        apply();
    }

    private synchronized void apply() {
        Map<String, Object> props = global;
        Object file = props.get("felix.fileinstall.filename");
        String source = file != null ? String.valueOf(file) : "configuration org.cerise.global";
        Map<String, String> log4j;
        try {
            Settings site = Settings.read(source, props, true, true);
            Map<String, Settings> apps = new TreeMap<>();
            for (MountedApp app : mounter.table().apps()) {
                // an app's merged config holds the global keys too: only its own files are its own
                Settings s = Settings.read("the config of app '" + app.name() + "'", app.rootScope().config, false,
                        false).without(site);
                if (s.hasFiles()) {
                    apps.put(app.name(), s);
                }
            }
            log4j = site.isDefault() && apps.isEmpty() ? null : Log4jProperties.build(site, apps);
        } catch (ConfigException e) {
            LOG.warn("{}; logging keeps its current settings", e.getMessage());
            return;
        }
        String fingerprint = String.valueOf(log4j);
        if (fingerprint.equals(applied)) {
            return;
        }
        try {
            Configuration c = ExistingConfiguration.find(configAdmin, PAX_PID);
            Dictionary<String, Object> current = c == null ? null : c.getProperties();
            boolean ours = current == null || current.get(MARKER) != null;
            if (!ours) {
                LOG.warn("log.* keys are not applied: the configuration {} is managed elsewhere", PAX_PID);
                return;
            }
            if (log4j == null) {
                if (c != null) {
                    c.delete();
                    LOG.info("Logging back to config/log4j2.properties");
                }
            } else {
                if (c == null) {
                    c = configAdmin.getConfiguration(PAX_PID, "?");
                }
                Dictionary<String, Object> wanted = new Hashtable<>();
                log4j.forEach((k, v) -> wanted.put("log4j2." + k, v));
                wanted.put(MARKER, "org.cerise.global");
                // a new generation makes pax-logging rebuild its appenders even when nothing else changed
                wanted.put("cerise.generation", ++generation);
                c.update(wanted);
            }
            applied = fingerprint;
        } catch (IOException e) {
            LOG.warn("Cannot apply the log settings of {}: {}", source, e.toString());
        }
    }

    /** The {@code log.*} keys of one config. */
    record Settings(boolean screen, String errorFile, String accessFile, long maxBytes, long backupCount) {

        boolean hasFiles() {
            return !errorFile.isEmpty() || !accessFile.isEmpty();
        }

        boolean isDefault() {
            return screen && !hasFiles();
        }

        /** @return these settings without the files the site already writes to */
        Settings without(Settings site) {
            return new Settings(screen, errorFile.equals(site.errorFile()) ? "" : errorFile,
                    accessFile.equals(site.accessFile()) ? "" : accessFile, maxBytes, backupCount);
        }

        /**
         * @param source where the keys come from, for messages
         * @param config the config (values parsed, or raw strings from a .cfg file)
         * @param site   whether this is the global config (which may set {@code log.screen})
         * @param raw    whether string values are Python literals still to parse (a .cfg file's)
         * @return the settings
         * @throws ConfigException naming source, key and value when a value is wrong
         */
        static Settings read(String source, Map<String, Object> config, boolean site, boolean raw)
                throws ConfigException {
            boolean screen = true;
            Object env = value(source, "environment", config.get("environment"), raw);
            if ("production".equals(env) || "embedded".equals(env) || "test_suite".equals(env)) {
                screen = false; // CherryPy's presets
            }
            Object s = value(source, "log.screen", config.get("log.screen"), raw);
            if (s != null) {
                if (!(s instanceof Boolean)) {
                    throw new ConfigException("Config error in " + source + ", key 'log.screen': " + s
                            + " must be True or False");
                }
                screen = (Boolean) s;
            }
            return new Settings(site ? screen : true, text(source, "log.error_file", config, raw),
                    text(source, "log.access_file", config, raw), number(source, "log.max_bytes", config, 0, raw),
                    number(source, "log.backup_count", config, 5, raw));
        }

        private static Object value(String source, String key, Object value, boolean raw) throws ConfigException {
            return raw && value instanceof String ? IniConfig.value(source + ", key '" + key + "'", (String) value)
                    : value;
        }

        private static String text(String source, String key, Map<String, Object> config, boolean raw)
                throws ConfigException {
            Object v = value(source, key, config.get(key), raw);
            if (v == null) {
                return "";
            }
            if (!(v instanceof String)) {
                throw new ConfigException("Config error in " + source + ", key '" + key + "': " + v
                        + " must be a file name in quotes");
            }
            return (String) v;
        }

        private static long number(String source, String key, Map<String, Object> config, long dflt, boolean raw)
                throws ConfigException {
            Object v = value(source, key, config.get(key), raw);
            if (v == null) {
                return dflt;
            }
            if (!(v instanceof Long) || (Long) v < 0) {
                throw new ConfigException("Config error in " + source + ", key '" + key + "': "
                        + Objects.toString(v) + " must be a whole number, 0 or more");
            }
            return (Long) v;
        }
    }

    /** Builds the log4j2 properties for the settings. */
    static final class Log4jProperties {

        private Log4jProperties() {
        }

        static Map<String, String> build(Settings site, Map<String, Settings> apps) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("status", "warn");
            StringBuilder rootRefs = new StringBuilder();
            StringBuilder accessRefs = new StringBuilder();
            if (site.screen()) {
                console(p, "screen", "SYSTEM_ERR", ERROR_PATTERN);
                console(p, "access", "SYSTEM_OUT", ACCESS_PATTERN);
                rootRefs.append("screen,");
                accessRefs.append("access,");
            }
            if (!site.errorFile().isEmpty()) {
                file(p, "errorfile", site.errorFile(), ERROR_PATTERN, site);
                rootRefs.append("errorfile,");
            }
            if (!site.accessFile().isEmpty()) {
                file(p, "accessfile", site.accessFile(), ACCESS_PATTERN, site);
                accessRefs.append("accessfile,");
            }
            p.put("rootLogger.level", "INFO");
            refs(p, "rootLogger", rootRefs);
            p.put("logger.access.name", "cerise.access");
            p.put("logger.access.level", "INFO");
            p.put("logger.access.additivity", "false");
            refs(p, "logger.access", accessRefs);
            p.put("logger.jetty.name", "org.eclipse.jetty");
            p.put("logger.jetty.level", "WARN");
            int n = 0;
            for (Map.Entry<String, Settings> e : apps.entrySet()) {
                Settings s = e.getValue();
                n++;
                if (!s.accessFile().isEmpty()) {
                    String id = "app" + n + "access";
                    file(p, id, s.accessFile(), ACCESS_PATTERN, s);
                    p.put("logger." + id + ".name", "cerise.access." + e.getKey());
                    p.put("logger." + id + ".level", "INFO");
                    refs(p, "logger." + id, new StringBuilder(id));
                }
                if (!s.errorFile().isEmpty()) {
                    String id = "app" + n + "error";
                    file(p, id, s.errorFile(), ERROR_PATTERN, s);
                    p.put("logger." + id + ".name", "cerise.error." + e.getKey());
                    p.put("logger." + id + ".level", "INFO");
                    refs(p, "logger." + id, new StringBuilder(id));
                }
            }
            return p;
        }

        private static void console(Map<String, String> p, String name, String target, String pattern) {
            p.put("appender." + name + ".type", "Console");
            p.put("appender." + name + ".name", name);
            p.put("appender." + name + ".target", target);
            p.put("appender." + name + ".layout.type", "PatternLayout");
            p.put("appender." + name + ".layout.pattern", pattern);
        }

        private static void file(Map<String, String> p, String name, String fileName, String pattern, Settings s) {
            String a = "appender." + name;
            p.put(a + ".name", name);
            p.put(a + ".fileName", fileName);
            p.put(a + ".layout.type", "PatternLayout");
            p.put(a + ".layout.pattern", pattern);
            if (s.maxBytes() > 0) {
                p.put(a + ".type", "RollingFile");
                p.put(a + ".filePattern", fileName + ".%i");
                p.put(a + ".policies.type", "Policies");
                p.put(a + ".policies.size.type", "SizeBasedTriggeringPolicy");
                p.put(a + ".policies.size.size", String.valueOf(s.maxBytes()));
                p.put(a + ".strategy.type", "DefaultRolloverStrategy");
                p.put(a + ".strategy.max", String.valueOf(Math.max(1, s.backupCount())));
                p.put(a + ".strategy.fileIndex", "min");
            } else {
                p.put(a + ".type", "File");
            }
        }

        private static void refs(Map<String, String> p, String logger, StringBuilder names) {
            int i = 0;
            for (String name : names.toString().split(",")) {
                if (!name.isEmpty()) {
                    p.put(logger + ".appenderRef.r" + (i++) + ".ref", name);
                }
            }
        }
    }
}
