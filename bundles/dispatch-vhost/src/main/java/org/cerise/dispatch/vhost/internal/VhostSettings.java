package org.cerise.dispatch.vhost.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.cerise.api.ConfigException;

/**
 * The {@code vhost.*} config keys, CherryPy's {@code VirtualHost(next_dispatcher,
 * use_x_forwarded_host, **domains)} arguments, read and checked in one place for the
 * namespace (which checks every scope) and the dispatcher (which uses {@code [/]}'s).
 */
final class VhostSettings {

    static final String NEXT = "next";
    static final String USE_X_FORWARDED_HOST = "use_x_forwarded_host";
    static final String DOMAINS = "domains";
    static final Set<String> KEYS = Set.of(NEXT, USE_X_FORWARDED_HOST, DOMAINS);

    /** Names a bad key: the namespace says where it is, the dispatcher says which app. */
    @FunctionalInterface
    interface Problem {
        ConfigException of(String key, String problem);
    }

    final String next;
    final boolean useXForwardedHost;
    /** Host header value to path prefix; empty prefixes (no rewriting, as in CherryPy) left out. */
    final Map<String, String> domains;

    private VhostSettings(String next, boolean useXForwardedHost, Map<String, String> domains) {
        this.next = next;
        this.useXForwardedHost = useXForwardedHost;
        this.domains = domains;
    }

    /**
     * @param args    the keys without {@code vhost.}
     * @param problem makes the exception for a bad key
     * @return the settings, with CherryPy's defaults for absent keys
     * @throws ConfigException for an unknown key or a value of the wrong type
     */
    static VhostSettings of(Map<String, Object> args, Problem problem) throws ConfigException {
        for (String key : args.keySet()) {
            if (!KEYS.contains(key)) {
                throw problem.of(key, "unknown key; the vhost keys are next, use_x_forwarded_host and domains");
            }
        }
        Object next = args.getOrDefault(NEXT, "tree");
        if (!(next instanceof String) || ((String) next).isEmpty()) {
            throw problem.of(NEXT, "must name the next dispatcher in quotes, e.g. \"tree\"");
        }
        Object xfh = args.getOrDefault(USE_X_FORWARDED_HOST, Boolean.TRUE);
        if (!(xfh instanceof Boolean)) {
            throw problem.of(USE_X_FORWARDED_HOST, "must be True or False");
        }
        Object domains = args.getOrDefault(DOMAINS, Map.of());
        if (!(domains instanceof Map)) {
            throw problem.of(DOMAINS, "must be a dict of Host header values to path prefixes, e.g. "
                    + "{\"www.example.com:8080\": \"/blog\"}");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) domains).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw problem.of(DOMAINS, "every Host header value and path prefix must be a string in quotes: "
                        + e.getKey() + ": " + e.getValue());
            }
            if (!((String) e.getValue()).isEmpty()) {
                map.put((String) e.getKey(), (String) e.getValue());
            }
        }
        return new VhostSettings((String) next, (Boolean) xfh, Map.copyOf(map));
    }
}
