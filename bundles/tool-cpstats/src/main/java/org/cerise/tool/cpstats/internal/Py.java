package org.cerise.tool.cpstats.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bits of Python's formatting that CherryPy's stats page and {@code data} rely on, so that
 * Cerise's output reads the same: {@code repr(float)}, {@code str()}, {@code '%.3f' % v},
 * {@code time.strftime(..., time.gmtime(v))} and {@code json.dumps(s, sort_keys=True, indent=4)}.
 * Values are Python-shaped: {@code Long} (int), {@code Double} (float), {@code String},
 * {@code Boolean}, {@code null} (None), {@code Map} with String keys, {@code List}.
 */
final class Py {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Py() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String sign = (d < 0 || (d == 0 && 1 / d < 0)) ? "-" : "";
        if (d == 0) {
            return sign + "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exponent = digits.length() - 1 - bd.scale();
        if (exponent >= -4 && exponent < 16) {
            String plain = bd.toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }

    /** Python's {@code str(v)}. */
    static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof Double) {
            return repr((Double) v);
        }
        return v.toString();
    }

    /** Python's {@code '%.3f' % v}, rounding the exact binary value half to even as Python does. */
    static String f3(Object v) {
        double d = v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(d).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** CherryPy's {@code iso_format}: {@code time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(v))}. */
    static String iso(Object v) {
        double seconds = ((Number) v).doubleValue();
        return ISO.format(Instant.ofEpochSecond((long) Math.floor(seconds)));
    }

    /** {@code json.dumps(value, sort_keys=True, indent=4)}. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        json(value, 0, out);
        return out.toString();
    }

    private static void json(Object v, int level, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean) {
            out.append((Boolean) v ? "true" : "false");
        } else if (v instanceof Double) {
            out.append(repr((Double) v));
        } else if (v instanceof Number) {
            out.append(v);
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            boolean first = true;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                if (!first) {
                    out.append(",\n");
                }
                first = false;
                indent(level + 1, out);
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                json(e.getValue(), level + 1, out);
            }
            out.append('\n');
            indent(level, out);
            out.append('}');
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            if (l.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(",\n");
                }
                indent(level + 1, out);
                json(l.get(i), level + 1, out);
            }
            out.append('\n');
            indent(level, out);
            out.append(']');
        } else {
            string(v.toString(), out);
        }
    }

    private static void indent(int level, StringBuilder out) {
        for (int i = 0; i < level * 4; i++) {
            out.append(' ');
        }
    }

    /** A JSON string as Python writes it with {@code ensure_ascii}: everything outside ASCII escaped. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
