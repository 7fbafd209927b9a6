package org.cerise.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cerise.api.serving.Serving;

/**
 * Thread-local access to what is being served, and URL building: Cerise's
 * {@code cherrypy.request}, {@code cherrypy.response}, {@code cherrypy.session} and
 * {@code cherrypy.url()}.
 *
 * <pre>
 * &#64;Expose
 * public String whoami() {
 *     return Cerise.request().remoteAddr() + " at " + Cerise.url();
 * }
 * </pre>
 */
public final class Cerise {

    /** How {@link Cerise#url(String, String, String, String, Relative)} writes its result. */
    public enum Relative {
        /** {@code http://host:port/app/path} */
        ABSOLUTE,
        /** relative to the current URL, with {@code ../} as needed: CherryPy's {@code relative=True} */
        PATH,
        /** from the server root, starting with {@code /}: CherryPy's {@code relative='server'} */
        SERVER
    }

    private Cerise() {
    }

    /**
     * @return the request this thread is serving
     * @throws IllegalStateException outside a request
     */
    public static Request request() {
        Request request = Serving.current();
        if (request == null) {
            throw new IllegalStateException("no request is being served on this thread");
        }
        return request;
    }

    /**
     * @return the response this thread is building
     * @throws IllegalStateException outside a request
     */
    public static Response response() {
        return request().response();
    }

    /**
     * @return the current request's session
     * @throws IllegalStateException outside a request, or if sessions are off for its path
     */
    public static Session session() {
        return request().session();
    }

    /** @return the absolute URL of the current request, without its query string */
    public static String url() {
        return url("", "", null, null, Relative.ABSOLUTE);
    }

    /**
     * @param path a path below the app's mount point if it starts with {@code /}, else
     *             relative to the current path
     * @return the absolute URL
     */
    public static String url(String path) {
        return url(path, "", null, null, Relative.ABSOLUTE);
    }

    /**
     * @param path as for {@link #url(String)}
     * @param qs   a query string without {@code ?}, may be empty
     * @return the absolute URL
     */
    public static String url(String path, String qs) {
        return url(path, qs, null, null, Relative.ABSOLUTE);
    }

    /**
     * Builds a URL the way {@code cherrypy.url()} does: {@code base + script_name + path + qs},
     * where a path that does not start with {@code /} is joined to the current path (taking
     * the trailing slash of index pages into account) and {@code ./} and {@code ../} atoms are
     * resolved. Outside a request the server's base is used and the path is taken as is.
     *
     * @param path       the path, see above
     * @param qs         a query string without {@code ?}, may be empty or {@code null}
     * @param scriptName the mount point to use, {@code null} for the current app's
     * @param base       the scheme and authority to use, {@code null} for the request's
     * @param relative   the form of the result
     * @return the URL
     */
    public static String url(String path, String qs, String scriptName, String base, Relative relative) {
        String query = qs == null || qs.isEmpty() ? "" : "?" + qs;
        Request request = Serving.current();
        String newUrl;
        if (request != null) {
            String p = path;
            if (!p.startsWith("/")) {
                String pi = request.pathInfo();
                Boolean index = request.isIndex();
                if (Boolean.TRUE.equals(index)) {
                    if (!pi.endsWith("/")) {
                        pi = pi + "/";
                    }
                } else if (Boolean.FALSE.equals(index)) {
                    if (pi.endsWith("/") && !pi.equals("/")) {
                        pi = pi.substring(0, pi.length() - 1);
                    }
                }
                p = p.isEmpty() ? pi : joinPath(pi, p);
            }
            String sn = scriptName == null ? request.scriptName() : scriptName;
            String b = base == null ? request.base() : base;
            newUrl = b + sn + normalizePath(p) + query;
        } else {
            String b = base == null ? Serving.serverBase() : base;
            newUrl = b + normalizePath((scriptName == null ? "" : scriptName) + path) + query;
        }
        if (relative == Relative.SERVER) {
            String[] parts = newUrl.split("/", 4);
            return "/" + (parts.length > 3 ? parts[3] : "");
        }
        if (relative == Relative.PATH && request != null) {
            List<String> old = new ArrayList<>(Arrays.asList(url("", "", null, null, Relative.ABSOLUTE).split("/", -1)));
            old.remove(old.size() - 1);
            List<String> fresh = new ArrayList<>(Arrays.asList(newUrl.split("/", -1)));
            while (!old.isEmpty() && !fresh.isEmpty() && old.get(0).equals(fresh.get(0))) {
                old.remove(0);
                fresh.remove(0);
            }
            List<String> atoms = new ArrayList<>();
            for (int i = 0; i < old.size(); i++) {
                atoms.add("..");
            }
            atoms.addAll(fresh);
            return String.join("/", atoms);
        }
        return newUrl;
    }

    /**
     * Resolves a relative reference against the current path as CherryPy does with Python's
     * {@code urljoin(path_info, path)}: the base's last segment is replaced, empty segments
     * of the merged path are dropped ({@code x//y} is {@code x/y}), dot segments are resolved, a
     * reference that is only a query or fragment keeps the base path, and an empty query or
     * fragment is dropped. Unlike Python, {@code ..} stops at the mount point: CherryPy pops
     * the leading slash too and glues the rest to the mount point ({@code /appx}).
     */
    static String joinPath(String basePath, String ref) {
        if (basePath.isEmpty()) {
            return ref;
        }
        int split = ref.length();
        for (int i = 0; i < ref.length(); i++) {
            if (ref.charAt(i) == '?' || ref.charAt(i) == '#') {
                split = i;
                break;
            }
        }
        String refPath = ref.substring(0, split);
        String tail = dropEmpty(ref.substring(split));
        if (refPath.isEmpty()) {
            return basePath + tail;
        }
        List<String> segments = new ArrayList<>(Arrays.asList(basePath.split("/", -1)));
        if (!segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        segments.addAll(Arrays.asList(refPath.split("/", -1)));
        for (int i = segments.size() - 2; i >= 1; i--) {
            if (segments.get(i).isEmpty()) {
                segments.remove(i);
            }
        }
        List<String> out = new ArrayList<>();
        for (String seg : segments) {
            if (seg.equals("..")) {
                if (out.size() > 1 || (out.size() == 1 && !out.get(0).isEmpty())) {
                    out.remove(out.size() - 1);
                }
            } else if (!seg.equals(".")) {
                out.add(seg);
            }
        }
        String last = segments.get(segments.size() - 1);
        if (last.equals(".") || last.equals("..")) {
            out.add("");
        }
        String path = String.join("/", out);
        return (path.isEmpty() ? "/" : path) + tail;
    }

    /** {@code ?#f} is {@code #f}, {@code ?q#} is {@code ?q}, as urljoin writes them. */
    private static String dropEmpty(String queryAndFragment) {
        int hash = queryAndFragment.indexOf('#');
        String query = hash < 0 ? queryAndFragment : queryAndFragment.substring(0, hash);
        String fragment = hash < 0 ? "" : queryAndFragment.substring(hash);
        return (query.length() > 1 ? query : "") + (fragment.length() > 1 ? fragment : "");
    }

    /** CherryPy's {@code normalize_path}: drops {@code .} and resolves {@code ..} atoms when a {@code ./} occurs. */
    static String normalizePath(String path) {
        if (!path.contains("./")) {
            return path;
        }
        List<String> atoms = new ArrayList<>();
        for (String atom : path.split("/")) {
            if (atom.equals(".")) {
                continue;
            }
            if (atom.equals("..")) {
                if (!atoms.isEmpty()) {
                    atoms.remove(atoms.size() - 1);
                }
            } else if (!atom.isEmpty()) {
                atoms.add(atom);
            }
        }
        String result = String.join("/", atoms);
        return path.startsWith("/") ? "/" + result : result;
    }
}
