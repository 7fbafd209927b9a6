package org.cerise.tool.gzip.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.cerise.api.HttpError;

/**
 * An {@code Accept-*} request header read as CherryPy's {@code request.headers.elements()} reads
 * it, because the order it produces decides which charset or coding wins: elements split at
 * commas outside quotes, each one's value and parameters as {@code cgi.parse_header} gives them,
 * the quality split off at the first {@code ;q=}, then sorted highest quality first and, at equal
 * quality, in descending order of the element's text ({@code "iso-8859-5, utf-8"} tries
 * {@code utf-8} first).
 *
 * <p>The same class lives in the encode tool's bundle; the API has no header-element parser yet.
 */
final class AcceptElements {

    /** CherryPy splits the quality off at the first match of {@code "; *q *="}. */
    private static final Pattern Q_SEPARATOR = Pattern.compile("; *q *=");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    /**
     * One element.
     *
     * @param value the token, as sent (case kept)
     * @param q     its quality, 1 when absent
     * @param text  the element as CherryPy prints it ({@code value;param=v;q=0.5}), the tie-breaker
     */
    record Element(String value, double q, String text) {
    }

    private static final Comparator<Element> ASCENDING = Comparator.comparingDouble(Element::q)
            .thenComparing(Element::text);

    private AcceptElements() {
    }

    /**
     * @param header the header's value (several header lines joined with {@code ", "}), or {@code null}
     * @return the elements, most preferred first; empty for a missing or empty header
     * @throws HttpError 400 {@code Malformed HTTP header: `...`} for a quality that is not a number
     */
    static List<Element> parse(String header) {
        if (header == null || header.isEmpty()) {
            return List.of();
        }
        List<Element> out = new ArrayList<>();
        for (String part : splitOutsideQuotes(header)) {
            out.add(element(part));
        }
        // CherryPy: list(reversed(sorted(elements))); a stable ascending sort reversed keeps its tie order
        out.sort(ASCENDING);
        Collections.reverse(out);
        return out;
    }

    private static Element element(String raw) {
        String[] atoms = Q_SEPARATOR.split(raw, 2);
        Map<String, String> params = new LinkedHashMap<>();
        String value = parseHeader(atoms[0].strip(), params);
        String qText = params.get("q");
        if (atoms.length == 2) {
            Map<String, String> qParams = new LinkedHashMap<>();
            String qValue = parseHeader(atoms[1].strip(), qParams);
            StringBuilder rendered = new StringBuilder(qValue);
            qParams.forEach((k, v) -> rendered.append(';').append(k).append('=').append(v));
            params.put("q", rendered.toString());
            qText = qValue;
        }
        StringBuilder text = new StringBuilder(value);
        params.forEach((k, v) -> text.append(';').append(k).append('=').append(v));
        double q = 1;
        if (qText != null) {
            String t = qText.strip();
            if (!FLOAT.matcher(t).matches()) {
                throw new HttpError(400, "Malformed HTTP header: `" + text + "`");
            }
            q = parseFloat(t);
        }
        return new Element(value, q, text.toString());
    }

    private static double parseFloat(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.startsWith("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    /**
     * {@code cgi.parse_header}: the main value (stripped, case kept) and the parameters (names in
     * lower case, values unquoted); parameters without {@code =} are dropped.
     */
    static String parseHeader(String line, Map<String, String> params) {
        List<String> parts = splitParams(line);
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq >= 0) {
                String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
                }
                params.put(name, v);
            }
        }
        return parts.get(0);
    }

    /** Splits at {@code ;} outside (unescaped) double quotes, each part stripped. */
    private static List<String> splitParams(String line) {
        List<String> parts = new ArrayList<>(2);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(line.substring(start).strip());
        return parts;
    }

    /**
     * Splits at the commas that are followed by an even number of double quotes, as CherryPy's
     * {@code RE_HEADER_SPLIT} does.
     */
    private static List<String> splitOutsideQuotes(String header) {
        int remaining = 0;
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) == '"') {
                remaining++;
            }
        }
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                remaining--;
            } else if (c == ',' && remaining % 2 == 0) {
                parts.add(header.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(header.substring(start));
        return parts;
    }
}
