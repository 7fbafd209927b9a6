package org.cerise.core.internal.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a URL reference against an absolute {@code http}/{@code https} base URL as Python's
 * {@code urljoin} does, which CherryPy uses for redirects. That is RFC 3986 section 5.2 except
 * where Python differs: a reference with the base's own scheme and no authority
 * ({@code http:g}) is relative, an empty query or fragment ({@code g?}, {@code g#}) is dropped,
 * and empty segments ({@code a//b}) are dropped when a relative path is merged.
 */
public final class UrlJoin {

    private UrlJoin() {
    }

    /**
     * Resolves a reference against a path, as CherryPy's {@code InternalRedirect} does with
     * {@code urljoin(path_info, path)}.
     *
     * @param basePath an absolute path such as {@code /a/b}
     * @param ref      an absolute or relative path reference
     * @return the resolved path
     */
    public static String path(String basePath, String ref) {
        String base = "http://host";
        return join(base + (basePath.startsWith("/") ? basePath : "/" + basePath), ref).substring(base.length());
    }

    /**
     * @param base an absolute URL
     * @param ref  an absolute or relative reference
     * @return the absolute URL
     */
    public static String join(String base, String ref) {
        if (ref.isEmpty()) {
            return base;
        }
        Parts b = Parts.of(base);
        Parts r = Parts.of(ref);
        if (r.scheme != null && !r.scheme.equals(b.scheme)) {
            return ref;
        }
        // as in Python, an empty authority ("///g") is no authority
        if (r.netloc != null && !r.netloc.isEmpty()) {
            return unparse(b.scheme, r.netloc, r.path, r.query, r.fragment);
        }
        if (r.path.isEmpty()) {
            return unparse(b.scheme, b.netloc, b.path, r.query.isEmpty() ? b.query : r.query, r.fragment);
        }
        List<String> segments;
        if (r.path.startsWith("/")) {
            segments = Arrays.asList(r.path.split("/", -1));
        } else {
            List<String> baseParts = new ArrayList<>(Arrays.asList(b.path.split("/", -1)));
            if (!baseParts.get(baseParts.size() - 1).isEmpty()) {
                baseParts.remove(baseParts.size() - 1);
            }
            segments = new ArrayList<>(baseParts);
            segments.addAll(Arrays.asList(r.path.split("/", -1)));
            // Python filters out the empty segments between the first and the last
            for (int i = segments.size() - 2; i >= 1; i--) {
                if (segments.get(i).isEmpty()) {
                    segments.remove(i);
                }
            }
        }
        List<String> resolved = new ArrayList<>();
        for (String seg : segments) {
            if (seg.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
            } else if (!seg.equals(".")) {
                resolved.add(seg);
            }
        }
        String last = segments.get(segments.size() - 1);
        if (last.equals(".") || last.equals("..")) {
            resolved.add("");
        }
        String path = String.join("/", resolved);
        return unparse(b.scheme, b.netloc, path.isEmpty() ? "/" : path, r.query, r.fragment);
    }

    private static String unparse(String scheme, String netloc, String path, String query, String fragment) {
        StringBuilder sb = new StringBuilder();
        if (scheme != null) {
            sb.append(scheme).append(':');
        }
        sb.append("//").append(netloc == null ? "" : netloc);
        if (!path.isEmpty() && !path.startsWith("/")) {
            sb.append('/');
        }
        sb.append(path);
        if (!query.isEmpty()) {
            sb.append('?').append(query);
        }
        if (!fragment.isEmpty()) {
            sb.append('#').append(fragment);
        }
        return sb.toString();
    }

    /** Python's {@code urlsplit}: an absent query or fragment is the same as an empty one. */
    private static final class Parts {
        String scheme;
        String netloc;
        String path;
        String query = "";
        String fragment = "";

        static Parts of(String url) {
            Parts p = new Parts();
            String rest = url;
            int colon = rest.indexOf(':');
            if (colon > 0 && rest.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                p.scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
                rest = rest.substring(colon + 1);
            }
            if (rest.startsWith("//")) {
                int end = 2;
                while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                    end++;
                }
                p.netloc = rest.substring(2, end);
                rest = rest.substring(end);
            }
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                p.fragment = rest.substring(hash + 1);
                rest = rest.substring(0, hash);
            }
            int q = rest.indexOf('?');
            if (q >= 0) {
                p.query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            p.path = rest;
            return p;
        }
    }
}
