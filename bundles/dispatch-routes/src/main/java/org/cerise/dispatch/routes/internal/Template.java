package org.cerise.dispatch.routes.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.cerise.api.ConfigException;

/**
 * A parsed URL template: literal parts and variables, compiled to one anchored regex the way
 * Python Routes compiles a non-minimized route ({@code ^/x/(?P<a>[^/]+?)$}): a variable matches
 * its requirement, else one path segment ({@code [^/]+?}), or for {@code *name} the rest
 * ({@code .+?}); everything else matches literally.
 */
final class Template {

    /** Python Routes' default for {@code {name}} and {@code :name}. */
    static final String SEGMENT = "[^/]+?";
    /** Python Routes' default for {@code *name}. */
    static final String REST = ".+?";

    final String text;
    /** The variables in template order, each with its effective regex. */
    final Map<String, String> variables;
    final Pattern pattern;
    /**
     * The literal text before the first variable, trailing {@code /} removed: Python Routes
     * tries the routes with the longest such prefix first.
     */
    final String prefix;

    private Template(String text, Map<String, String> variables, Pattern pattern, String prefix) {
        this.text = text;
        this.variables = variables;
        this.pattern = pattern;
        this.prefix = prefix;
    }

    /**
     * @param route        the route's name, for messages
     * @param text         the template
     * @param requirements regexes by variable, overriding the template's
     * @return the compiled template
     * @throws ConfigException if the template or a regex is malformed, or a requirement names
     *                         no variable
     */
    static Template parse(String route, String text, Map<String, String> requirements) throws ConfigException {
        Map<String, String> vars = new LinkedHashMap<>();
        List<Object> parts = new ArrayList<>(); // String literal or String[] {name}
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '{') {
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    char d = text.charAt(j);
                    if (d == '\\') {
                        j++;
                    } else if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        depth--;
                    }
                    j++;
                }
                if (depth > 0) {
                    throw bad(route, text, "'{' at " + i + " is not closed");
                }
                String inside = text.substring(i + 1, j - 1);
                int colon = inside.indexOf(':');
                String name = colon < 0 ? inside : inside.substring(0, colon);
                String regex = colon < 0 ? SEGMENT : inside.substring(colon + 1);
                variable(route, text, vars, parts, literal, name, regex);
                i = j;
            } else if ((c == ':' || c == '*') && i + 1 < n && isNameStart(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNamePart(text.charAt(j))) {
                    j++;
                }
                variable(route, text, vars, parts, literal, text.substring(i + 1, j), c == '*' ? REST : SEGMENT);
                i = j;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        for (Map.Entry<String, String> r : requirements.entrySet()) {
            if (!vars.containsKey(r.getKey())) {
                throw bad(route, text, "the requirement for '" + r.getKey() + "' names no variable of the template");
            }
            vars.put(r.getKey(), r.getValue());
        }
        String prefix = parts.isEmpty() || !(parts.get(0) instanceof String) ? "" : (String) parts.get(0);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        int group = 0;
        for (Object part : parts) {
            if (part instanceof String) {
                regex.append(Pattern.quote((String) part));
            } else {
                String name = ((String[]) part)[0];
                // Java group names allow no '_': the groups are numbered names, read back in order.
                regex.append("(?<v").append(group++).append('>').append(vars.get(name)).append(')');
            }
        }
        try {
            return new Template(text, vars, Pattern.compile(regex.toString()), prefix);
        } catch (PatternSyntaxException e) {
            throw bad(route, text, "a variable's regex is not valid: " + e.getDescription() + " in " + e.getPattern());
        }
    }

    private static void variable(String route, String text, Map<String, String> vars, List<Object> parts,
            StringBuilder literal, String name, String regex) throws ConfigException {
        if (name.isEmpty() || !isNameStart(name.charAt(0)) || !name.chars().allMatch(ch -> isNamePart((char) ch))) {
            throw bad(route, text, "'" + name + "' is not a variable name");
        }
        if (name.equals("controller") || name.equals("action")) {
            throw bad(route, text, "the variable '" + name + "' is not supported: a route's controller and action "
                    + "are given when it is connected");
        }
        if (vars.containsKey(name)) {
            throw bad(route, text, "the variable '" + name + "' appears twice");
        }
        if (regex.isEmpty()) {
            throw bad(route, text, "the variable '" + name + "' has an empty regex");
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
            literal.setLength(0);
        }
        vars.put(name, regex);
        parts.add(new String[] {name});
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static ConfigException bad(String route, String text, String problem) {
        return new ConfigException("Route '" + route + "' (" + text + "): " + problem);
    }
}
