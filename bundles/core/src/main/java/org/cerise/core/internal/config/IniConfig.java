package org.cerise.core.internal.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.api.ConfigException;

/**
 * Reads CherryPy's config file format: Python's {@code ConfigParser} INI dialect (sections,
 * {@code key = value} or {@code key: value}, full-line {@code #}/{@code ;} comments, indented
 * continuation lines, case-preserved keys, {@code [DEFAULT]} inherited by every section,
 * {@code %(name)s} interpolation) with every value a Python literal ({@link PyLiteral}).
 *
 * <p>Every error names the source, the line, the section and the key.
 */
public final class IniConfig {

    // ConfigParser's SECTCRE, matched at the start of the stripped line: "[a]b]" is section "a]b"
    private static final Pattern SECTION = Pattern.compile("\\[(?<name>.+)]");
    private static final Pattern INTERPOLATION = Pattern.compile("%\\((?<name>[^)]+)\\)s|%%|%\\(|%");

    private IniConfig() {
    }

    /**
     * A parsed file: the typed sections, and for every key where it was written.
     *
     * @param sections sections in file order, each an insertion-ordered map of typed values
     * @param origins  per section and key: source, line and section, for messages
     */
    public record Parsed(Map<String, Map<String, Object>> sections, Map<String, Map<String, String>> origins) {
    }

    /**
     * Parses a config file.
     *
     * @param source a name for messages (file path or bundle entry)
     * @param reader the text
     * @return sections in file order, each an insertion-ordered map of typed values
     * @throws ConfigException naming source, line, section and key of the first error
     */
    public static Map<String, Map<String, Object>> parse(String source, Reader reader) throws ConfigException {
        return parseWithOrigins(source, reader).sections();
    }

    /**
     * Parses a config file, remembering where each key was written.
     *
     * @param source a name for messages (file path or bundle entry)
     * @param reader the text
     * @return the sections and the origin of every key
     * @throws ConfigException naming source, line, section and key of the first error
     */
    public static Parsed parseWithOrigins(String source, Reader reader) throws ConfigException {
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        String section = null;
        String key = null;
        int keyIndent = 0;
        int lineNo = 0;
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String stripped = line.strip();
                int indent = line.length() - line.stripLeading().length();
                if (stripped.isEmpty()) {
                    // ConfigParser keeps blank lines in a value (empty_lines_in_values): a deeper
                    // indented line after them still continues it
                    Map<String, String> current = currentSection(section, raw, defaults);
                    if (key != null && current != null) {
                        current.put(key, current.get(key) + "\n");
                    }
                    continue;
                }
                if (stripped.startsWith("#") || stripped.startsWith(";")) {
                    continue;
                }
                Map<String, String> current = currentSection(section, raw, defaults);
                if (key != null && indent > keyIndent && current != null) {
                    current.put(key, current.get(key) + "\n" + stripped);
                    continue;
                }
                Matcher m = SECTION.matcher(stripped);
                if (m.lookingAt()) {
                    section = m.group("name");
                    key = null;
                    if (!"DEFAULT".equals(section)) {
                        if (raw.containsKey(section)) {
                            throw new ConfigException("Config error in " + source + ", line " + lineNo
                                    + ": section [" + section + "] appears twice");
                        }
                        raw.put(section, new LinkedHashMap<>());
                    }
                    continue;
                }
                if (section == null) {
                    throw new ConfigException("Config error in " + source + ", line " + lineNo
                            + ": '" + stripped + "' comes before any [section] header");
                }
                int eq = firstDelimiter(stripped);
                if (eq <= 0) {
                    throw new ConfigException("Config error in " + source + ", line " + lineNo + ", section ["
                            + section + "]: '" + stripped + "' is not 'key = value'");
                }
                key = stripped.substring(0, eq).strip();
                keyIndent = indent;
                String value = stripped.substring(eq + 1).strip();
                Map<String, String> target = "DEFAULT".equals(section) ? defaults : raw.get(section);
                if (target.containsKey(key)) {
                    throw new ConfigException("Config error in " + source + ", line " + lineNo + ", section ["
                            + section + "]: key '" + key + "' appears twice");
                }
                target.put(key, value);
                lineOf.put(section + "\u0000" + key, lineNo);
            }
        } catch (IOException e) {
            throw new ConfigException("Config error: cannot read " + source + ": " + e.getMessage(), e);
        }

        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        Map<String, Map<String, String>> origins = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> s : raw.entrySet()) {
            // the section's own keys first, then the inherited ones, as ConfigParser.options()
            Map<String, String> options = new LinkedHashMap<>();
            s.getValue().forEach((k, v) -> options.put(k, v.stripTrailing()));
            defaults.forEach((k, v) -> options.putIfAbsent(k, v.stripTrailing()));
            Map<String, Object> typed = new LinkedHashMap<>();
            Map<String, String> keyOrigins = new LinkedHashMap<>();
            for (Map.Entry<String, String> o : options.entrySet()) {
                Integer line = lineOf.get(s.getKey() + "\u0000" + o.getKey());
                if (line == null) {
                    line = lineOf.get("DEFAULT\u0000" + o.getKey());
                }
                String origin = source + (line == null ? "" : ", line " + line) + ", section [" + s.getKey() + "]";
                String where = origin + ", key '" + o.getKey() + "'";
                String text = interpolate(where, o.getValue(), options, 0);
                typed.put(o.getKey(), value(where, text));
                keyOrigins.put(o.getKey(), origin);
            }
            result.put(s.getKey(), Collections.unmodifiableMap(typed));
            origins.put(s.getKey(), Collections.unmodifiableMap(keyOrigins));
        }
        return new Parsed(Collections.unmodifiableMap(result), Collections.unmodifiableMap(origins));
    }

    /**
     * Parses one value as a Python literal.
     *
     * @param where what to name in the error (source, section, key)
     * @param text  the value as written
     * @return the typed value
     * @throws ConfigException if it is not a literal
     */
    public static Object value(String where, String text) throws ConfigException {
        try {
            return PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxError e) {
            throw new ConfigException("Config error in " + where + ": the value " + text.strip()
                    + " is not a Python literal (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> currentSection(String section, Map<String, Map<String, String>> raw,
            Map<String, String> defaults) {
        return section == null ? null : "DEFAULT".equals(section) ? defaults : raw.get(section);
    }

    private static int firstDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String interpolate(String where, String value, Map<String, String> options, int depth)
            throws ConfigException {
        if (value.indexOf('%') < 0) {
            return value;
        }
        if (depth > 10) {
            throw new ConfigException("Config error in " + where + ": %(...)s references nest too deep (a loop?)");
        }
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("%%")) {
                replacement = "%";
            } else if (m.group("name") != null) {
                String ref = options.get(m.group("name"));
                if (ref == null) {
                    throw new ConfigException("Config error in " + where + ": %(" + m.group("name")
                            + ")s refers to a key that this section does not have");
                }
                replacement = interpolate(where, ref, options, depth + 1);
            } else if (m.group().equals("%(")) {
                throw new ConfigException("Config error in " + where + ": bad interpolation reference "
                        + value.substring(m.start()) + " (write %(name)s)");
            } else {
                throw new ConfigException("Config error in " + where + ": a lone '%' must be written '%%'");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
