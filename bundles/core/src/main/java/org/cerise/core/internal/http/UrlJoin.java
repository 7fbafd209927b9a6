package org.cerise.core.internal.http;

/**
 * Resolves a URL reference against an absolute base URL as RFC 3986 section 5.2 (and Python's
 * {@code urljoin}, which CherryPy uses for redirects) does.
 */
public final class UrlJoin {

    private UrlJoin() {
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
        int colon = ref.indexOf(':');
        if (colon > 0 && ref.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return ref;
        }
        int schemeEnd = base.indexOf("://");
        String scheme = base.substring(0, schemeEnd);
        int pathStart = base.indexOf('/', schemeEnd + 3);
        String authority = pathStart < 0 ? base : base.substring(0, pathStart);
        String rest = pathStart < 0 ? "/" : base.substring(pathStart);
        int frag = rest.indexOf('#');
        if (frag >= 0) {
            rest = rest.substring(0, frag);
        }
        int q = rest.indexOf('?');
        String basePath = q >= 0 ? rest.substring(0, q) : rest;
        String baseQuery = q >= 0 ? rest.substring(q) : "";
        if (ref.startsWith("//")) {
            return scheme + ":" + ref;
        }
        if (ref.startsWith("#")) {
            return authority + basePath + baseQuery + ref;
        }
        if (ref.startsWith("?")) {
            return authority + basePath + ref;
        }
        int split = indexOfAny(ref, '?', '#');
        String refPath = split < 0 ? ref : ref.substring(0, split);
        String refTail = split < 0 ? "" : ref.substring(split);
        String merged;
        if (refPath.startsWith("/")) {
            merged = refPath;
        } else {
            merged = basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath;
        }
        return authority + removeDotSegments(merged) + refTail;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** RFC 3986 section 5.2.4. */
    static String removeDotSegments(String path) {
        StringBuilder input = new StringBuilder(path);
        StringBuilder output = new StringBuilder();
        while (input.length() > 0) {
            String in = input.toString();
            if (in.startsWith("../")) {
                input.delete(0, 3);
            } else if (in.startsWith("./")) {
                input.delete(0, 2);
            } else if (in.startsWith("/./")) {
                input.delete(0, 2);
            } else if (in.equals("/.")) {
                input.replace(0, 2, "/");
            } else if (in.startsWith("/../") || in.equals("/..")) {
                input.replace(0, in.equals("/..") ? 3 : 3, "");
                if (in.equals("/..")) {
                    input.insert(0, '/');
                }
                int last = output.lastIndexOf("/");
                output.setLength(Math.max(last, 0));
            } else if (in.equals(".") || in.equals("..")) {
                input.setLength(0);
            } else {
                int start = in.startsWith("/") ? 1 : 0;
                int next = in.indexOf('/', start);
                if (next < 0) {
                    next = in.length();
                }
                output.append(in, 0, next);
                input.delete(0, next);
            }
        }
        return output.toString();
    }
}
