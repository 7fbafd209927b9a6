package org.cerise.admin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cerise.api.runtime.AppControl;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Edits an app's run-time config overrides: the configuration of factory PID
 * {@code org.cerise.app} whose {@code cerise.app} names the app, the same mechanism as a
 * {@code org.cerise.app-NAME.cfg} file. The candidate keys are checked first
 * ({@link AppControl#checkOverrides}: the app is compiled with them, nothing served changes), so
 * a bad value is refused with its key and value named and the running config stays.
 *
 * <p>Where the edit is stored: in the {@code .cfg} file the configuration came from, if
 * FileInstall read it from one (the line of the key is replaced, added or removed; comments
 * stay); else, when FileInstall watches a folder, in a new {@code org.cerise.app-NAME.cfg} there
 * (so it survives a restart like any dropped file); else through Config Admin alone.
 *
 * <p>A value is written so that FileInstall reads back exactly that value: FileInstall reads a
 * {@code .cfg} file as ISO-8859-1 and substitutes {@code ${...}} in its values, so a value's
 * braces and backslashes are escaped for the substitution, then its backslashes for the
 * properties syntax, and any character beyond ASCII is a &#92;uXXXX escape. The file is
 * read and written as ISO-8859-1, which keeps the bytes of every other line as they were.
 */
final class ConfigEditor {

    static final String FACTORY_PID = "org.cerise.app";
    static final String APP_KEY = "cerise.app";
    private static final String FILE_KEY = "felix.fileinstall.filename";
    private static final long WAIT_NANOS = 5_000_000_000L;

    private final ConfigurationAdmin configAdmin;
    private final AppControl control;
    private final java.util.function.Supplier<Path> configFolder;

    ConfigEditor(ConfigurationAdmin configAdmin, AppControl control, java.util.function.Supplier<Path> configFolder) {
        this.configAdmin = configAdmin;
        this.control = control;
        this.configFolder = configFolder;
    }

    /**
     * @param app an app's name
     * @return its override keys and values (sorted), as stored
     */
    Map<String, String> overrides(String app) throws IOException {
        Configuration c = find(app);
        Map<String, String> out = new TreeMap<>();
        if (c != null && c.getProperties() != null) {
            Dictionary<String, Object> p = c.getProperties();
            for (Enumeration<String> keys = p.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                if (isConfigKey(k)) {
                    out.put(k, String.valueOf(p.get(k)));
                }
            }
        }
        return out;
    }

    /** @return where the app's overrides are kept, for the console */
    String source(String app) throws IOException {
        Configuration c = find(app);
        if (c == null) {
            return "none yet";
        }
        Object file = c.getProperties() == null ? null : c.getProperties().get(FILE_KEY);
        return "configuration " + c.getPid() + (file == null ? "" : " (" + file + ")");
    }

    static boolean isConfigKey(String k) {
        return !k.equals(APP_KEY) && !k.startsWith("service.") && !k.startsWith("felix.") && !k.startsWith("component.");
    }

    /**
     * Sets or removes one key.
     *
     * @param app   the app's name
     * @param key   {@code key} for {@code [/]}, {@code [/path]key} otherwise
     * @param value a Python literal, or {@code null} to remove the key
     * @return 200 applied, 400 refused (nothing changed), 404 no such app
     */
    Actions.Result set(String app, String key, String value) throws IOException {
        if (key == null || key.isBlank() || !isConfigKey(key.strip()) || key.strip().matches(".*[\\s=:#!].*")) {
            return new Actions.Result(400, "'key' must be a config key such as tools.gzip.on or [/path]tools.gzip.on "
                    + "(no spaces, '=', ':', '#', '!'; not cerise.app, service.*, felix.*, component.*), got "
                    + (key == null ? "nothing" : "'" + key + "'"));
        }
        String k = key.strip();
        Map<String, String> candidate = overrides(app);
        if (value == null) {
            if (candidate.remove(k) == null) {
                return new Actions.Result(400, "app '" + app + "' has no override of key '" + k + "'; its overrides: "
                        + candidate.keySet());
            }
        } else {
            if (value.contains("\n") || value.contains("\r")) {
                return new Actions.Result(400, "key '" + k + "': the value must be one line, got '" + value + "'");
            }
            candidate.put(k, value.strip());
        }
        String problem = control.checkOverrides(app, candidate);
        if (problem != null) {
            return new Actions.Result(400, "refused " + (value == null ? "removing key '" + k + "'"
                    : "key '" + k + "' = '" + value.strip() + "'") + " for app '" + app + "' (its config stays as it "
                    + "was): " + problem);
        }
        Configuration c = find(app);
        Object file = c == null || c.getProperties() == null ? null : c.getProperties().get(FILE_KEY);
        String where;
        if (file != null) {
            Path path = Path.of(java.net.URI.create(String.valueOf(file)));
            String typed = typedFormat(path);
            if (typed != null) {
                return new Actions.Result(409, "app '" + app + "' is configured by " + path + ", " + typed
                        + ": edit that file by hand (nothing was changed)");
            }
            rewrite(path, k, value == null ? null : value.strip());
            where = path.toString();
        } else if (c == null && configFolder.get() != null) {
            Path path = configFolder.get().resolve(FACTORY_PID + "-" + app.replaceAll("[^A-Za-z0-9._-]", "_") + ".cfg");
            Files.writeString(path.getParent().resolve("." + path.getFileName() + ".part"),
                    "# written by the Cerise admin: run-time config of app '" + ascii(app) + "'\n" + APP_KEY + " = "
                            + escape(app) + "\n" + escapeKey(k) + " = " + escape(value.strip()) + "\n",
                    StandardCharsets.ISO_8859_1);
            Files.move(path.getParent().resolve("." + path.getFileName() + ".part"), path,
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            where = path.toString();
        } else {
            if (c == null) {
                c = configAdmin.getFactoryConfiguration(FACTORY_PID, "cerise-admin-" + app.replaceAll("[^A-Za-z0-9._-]", "_"), "?");
            }
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put(APP_KEY, app);
            if (value == null) {
                props.remove(k);
            } else {
                props.put(k, value.strip());
            }
            c.update(props);
            where = "configuration " + c.getPid();
        }
        if (!awaitStored(app, k, value == null ? null : value.strip())) {
            return new Actions.Result(202, "wrote " + where + "; Config Admin has not applied it yet");
        }
        return new Actions.Result(200, (value == null ? "removed key '" + k + "'" : "set " + k + " = " + value.strip())
                + " for app '" + app + "' in " + where + "; the app is re-mounted with it");
    }

    private Configuration find(String app) throws IOException {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations("(&(service.factoryPid=" + FACTORY_PID + ")(" + APP_KEY + "="
                    + filterEscape(app) + "))");
        } catch (InvalidSyntaxException e) {
            throw new IOException(e);
        }
        if (found == null || found.length == 0) {
            return null;
        }
        java.util.Arrays.sort(found, java.util.Comparator.comparing(Configuration::getPid));
        return found[0];
    }

    private boolean awaitStored(String app, String key, String value) throws IOException {
        long end = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - end < 0) {
            String now = overrides(app).get(key);
            if (java.util.Objects.equals(now, value)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Replaces, adds or removes the key's line in a .cfg file; the other lines stay as they were,
     * byte for byte (comments, continued lines, the file's line ends).
     */
    static void rewrite(Path file, String key, String value) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<List<String>> entries = entries(text);
        boolean done = false;
        for (int i = 0; i < entries.size(); i++) {
            String first = entries.get(i).get(0).strip();
            if (first.isEmpty() || first.startsWith("#") || first.startsWith("!") || !keyOf(first).equals(key)) {
                continue;
            }
            if (value == null || done) {
                entries.remove(i--);
            } else {
                entries.set(i, List.of(escapeKey(key) + " = " + escape(value)));
            }
            done = true;
        }
        if (!done && value != null) {
            entries.add(List.of(escapeKey(key) + " = " + escape(value)));
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (List<String> entry : entries) {
            for (String line : entry) {
                out.append(line).append(eol);
            }
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".part");
        Files.writeString(temp, out, StandardCharsets.ISO_8859_1);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The file's entries, each its physical lines: a key's line that ends in an odd number of
     * backslashes goes on on the next line (comment lines never do).
     */
    static List<List<String>> entries(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the last line's end
        }
        List<List<String>> entries = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (current == null) {
                current = new ArrayList<>();
                entries.add(current);
            }
            current.add(line);
            String stripped = line.strip();
            boolean comment = current.size() == 1 && (stripped.startsWith("#") || stripped.startsWith("!"));
            if (comment || !continues(line)) {
                current = null;
            }
        }
        return entries;
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /**
     * Why FileInstall would read the file in its typed format (every value quoted, an array or a
     * typed literal such as {@code B"true"}), or {@code null}: a line written in the plain format
     * would then change how it reads the whole file, and the typed format's rules are
     * FileInstall's own; such a file is left to its author.
     */
    static String typedFormat(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".config")) {
            return "a .config file (FileInstall's typed format)";
        }
        int values = 0;
        for (List<String> entry : entries(Files.readString(file, StandardCharsets.ISO_8859_1))) {
            String first = entry.get(0).strip();
            if (first.isEmpty() || first.startsWith("#") || first.startsWith("!")) {
                continue;
            }
            String value = valueOf(String.join("\n", entry));
            if (!value.matches("(?s)[TILFDXSCBbilfdxscb]?[\"\\[(].*")) {
                return null;
            }
            values++;
        }
        return values == 0 ? null : "whose values are all in FileInstall's typed format (quoted, arrays or typed literals)";
    }

    /** The raw value of an entry: after its key and separator. */
    private static String valueOf(String entry) {
        int i = 0;
        while (i < entry.length()) {
            char c = entry.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
                break;
            } else {
                i++;
            }
        }
        while (i < entry.length() && (entry.charAt(i) == ' ' || entry.charAt(i) == '\t' || entry.charAt(i) == '\f')) {
            i++;
        }
        if (i < entry.length() && (entry.charAt(i) == '=' || entry.charAt(i) == ':')) {
            i++;
        }
        return entry.substring(Math.min(i, entry.length())).strip();
    }

    /**
     * A properties line's key as FileInstall's parser reads it: up to the first unescaped '=',
     * ':', space, tab or form feed; escapes removed ({@code \\t}, {@code \\n}, {@code \\r},
     * {@code \\f} and &#92;uXXXX as the characters they stand for).
     */
    static String keyOf(String line) {
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 5 < line.length() && line.charAt(i + 1) == 'u' && isHex(line, i + 2, i + 6)) {
                k.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                k.append(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 'f' ? '\f' : e);
            } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
                break;
            } else {
                k.append(c);
            }
        }
        return k.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A key as a properties line starts: its separators, blanks and a leading comment mark escaped. */
    static String escapeKey(String key) {
        String escaped = key.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ");
        if (escaped.startsWith("#") || escaped.startsWith("!")) {
            escaped = "\\" + escaped;
        }
        return ascii(escaped);
    }

    /**
     * A value as FileInstall reads it back unchanged: its substitution escapes (a backslash before
     * each brace and backslash, so no {@code ${...}} is replaced), then the properties escape of
     * each backslash, then &#92;uXXXX for what is not ASCII.
     */
    static String escape(String value) {
        String substitution = value.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}");
        String escaped = ascii(substitution.replace("\\", "\\\\"));
        // a leading blank would be read as part of the separator
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }

    /** Every character beyond printable ASCII as a properties &#92;uXXXX escape. */
    private static String ascii(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            sb.append(String.format("\\u%04x", (int) c));
        }
        return sb == null ? s : sb.toString();
    }

    private static String filterEscape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
