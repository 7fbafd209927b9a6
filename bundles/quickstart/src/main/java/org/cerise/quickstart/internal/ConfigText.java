package org.cerise.quickstart.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the config an application hands to {@code Cerise.mount}/{@code Cerise.config} (a map of
 * Java values, or a CherryPy config file) into what the container takes: the app's config as
 * text in CherryPy's file format (parsed and checked by the core like any app's config file),
 * and global keys as Python literals (the values of configuration {@code org.cerise.global}).
 */
final class ConfigText {

    private static final Pattern SECTION = Pattern.compile("\\s*\\[(?<name>[^\\]]+)]\\s*");

    private ConfigText() {
    }

    /**
     * @param config sections ({@code "global"}, {@code "/"}, {@code "/path"}) of keys and values
     * @param what   the call, for messages
     * @return the config in CherryPy's file format
     * @throws IllegalArgumentException for a section that is not a map, a bad key or a value
     *                                  with no literal
     */
    static String appText(Map<String, ?> config, String what) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> section : config.entrySet()) {
            String name = section.getKey();
            if (name == null || !(name.equals("global") || name.startsWith("/")) || name.contains("]")
                    || name.contains("\n")) {
                throw new IllegalArgumentException("the config of " + what + " has the section '" + name
                        + "': an app's config is a map of sections, \"global\" or paths such as \"/\" or \"/static\", "
                        + "each a map of keys such as \"tools.gzip.on\" to values");
            }
            if (!(section.getValue() instanceof Map)) {
                throw new IllegalArgumentException("the config of " + what + ", section '" + name + "', is a "
                        + (section.getValue() == null ? "null" : section.getValue().getClass().getName())
                        + ", not a map of keys such as \"tools.gzip.on\" to values");
            }
            sb.append('[').append(name).append("]\n");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) section.getValue()).entrySet()) {
                String key = key(e.getKey(), what);
                // The file format interpolates %(name)s: a literal '%' is written '%%'.
                sb.append(key).append(" = ").append(PyLiterals.of(key, e.getValue()).replace("%", "%%")).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * @param global global keys and values
     * @param what   the call, for messages
     * @return each key with its value as a Python literal, in order
     */
    static Map<String, String> globalLiterals(Map<String, ?> global, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : global.entrySet()) {
            String key = key(e.getKey(), what);
            if (e.getValue() instanceof Map && (key.equals("global") || key.startsWith("/"))) {
                throw new IllegalArgumentException("the global config of " + what + " has the section '" + key
                        + "': give global keys such as \"server.socket_port\" (or one \"global\" section)");
            }
            out.put(key, PyLiterals.of(key, e.getValue()));
        }
        return out;
    }

    private static String key(Object key, String what) {
        String k = key == null ? "" : key.toString();
        if (k.isBlank() || k.contains("=") || k.contains(":") || k.contains("\n") || k.startsWith("[")
                || !k.equals(k.strip())) {
            throw new IllegalArgumentException("the config of " + what + " has the key '" + k
                    + "', which cannot be a config key (keys are names such as \"tools.gzip.on\")");
        }
        return k;
    }

    /**
     * @param file a CherryPy config file
     * @return its text
     * @throws IllegalArgumentException naming the file if it cannot be read
     */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * The {@code [global]} section of a config file, each key with its value as written (a
     * Python literal; continuation lines joined), for configuration {@code org.cerise.global}.
     *
     * @param text the file's text
     * @return the keys and values of its {@code [global]} section
     */
    static Map<String, String> globalSection(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inGlobal = false;
        String last = null;
        for (String line : text.split("\r?\n", -1)) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                inGlobal = m.group("name").strip().equals("global");
                last = null;
                continue;
            }
            if (!inGlobal) {
                continue;
            }
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && last != null) {
                out.put(last, out.get(last) + "\n" + stripped);
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int d = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (d <= 0) {
                continue; // the core reports the malformed line when it reads the app's config
            }
            last = line.substring(0, d).strip();
            out.put(last, line.substring(d + 1).strip().replace("%%", "%"));
        }
        return out;
    }

    /**
     * A config file's text without the keys of its {@code [global]} section that configure the
     * container as a whole ({@code server.*}, {@code engine.*}, ...), for an app whose file has
     * already updated the global config (quickstart): they were applied there.
     *
     * @param text the file's text
     * @return the text with those lines blanked (line numbers kept)
     */
    static String withoutContainerKeys(String text) {
        StringBuilder sb = new StringBuilder();
        boolean inGlobal = false;
        boolean dropping = false;
        for (String line : text.split("\n", -1)) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                inGlobal = m.group("name").strip().equals("global");
                dropping = false;
            } else if (inGlobal && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                String s = line.strip();
                dropping = s.startsWith("server.") || s.startsWith("engine.") || s.startsWith("log.")
                        || s.startsWith("checker.") || s.startsWith("tree.");
            }
            if (!(dropping && inGlobal && !line.isBlank())) {
                sb.append(line);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
