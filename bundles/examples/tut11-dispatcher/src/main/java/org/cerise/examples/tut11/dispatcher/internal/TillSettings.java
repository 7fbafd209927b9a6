package org.cerise.examples.tut11.dispatcher.internal;

import java.util.Map;
import java.util.Set;

import org.cerise.api.ConfigException;

/**
 * The {@code till.*} config keys, read and checked in one place for the namespace (which
 * checks every scope) and the dispatcher (which uses the app's root config).
 */
final class TillSettings {

    static final String QUEUE = "queue";
    static final String EXPRESS_LIMIT = "express_limit";
    static final String CARD_COOKIE = "card_cookie";
    static final Set<String> KEYS = Set.of(QUEUE, EXPRESS_LIMIT, CARD_COOKIE);

    /** Names a bad key: the namespace says where it is, the dispatcher says which app. */
    @FunctionalInterface
    interface Problem {
        ConfigException of(String key, String problem);
    }

    /** The path where customers queue, e.g. {@code /checkout}: no trailing slash. */
    final String queue;
    /** Baskets of fewer items go to the express till. */
    final long expressLimit;
    /** The cookie that shows a store card. */
    final String cardCookie;

    private TillSettings(String queue, long expressLimit, String cardCookie) {
        this.queue = queue;
        this.expressLimit = expressLimit;
        this.cardCookie = cardCookie;
    }

    /**
     * @param args    the keys without {@code till.}
     * @param problem makes the exception for a bad key
     * @return the settings, with the defaults for absent keys
     * @throws ConfigException for an unknown key or a value of the wrong type
     */
    static TillSettings of(Map<String, Object> args, Problem problem) throws ConfigException {
        for (String key : args.keySet()) {
            if (!KEYS.contains(key)) {
                throw problem.of(key, "unknown key; the till keys are queue, express_limit and card_cookie");
            }
        }
        Object queue = args.getOrDefault(QUEUE, "/checkout");
        if (!(queue instanceof String) || !((String) queue).startsWith("/") || ((String) queue).length() < 2
                || ((String) queue).endsWith("/")) {
            throw problem.of(QUEUE, "must be the path where customers queue, in quotes, e.g. \"/checkout\"");
        }
        Object limit = args.getOrDefault(EXPRESS_LIMIT, 10L);
        if (!(limit instanceof Long) || (Long) limit < 1) {
            throw problem.of(EXPRESS_LIMIT, "must be a whole number of items, at least 1, e.g. 10");
        }
        Object cookie = args.getOrDefault(CARD_COOKIE, "store_card");
        if (!(cookie instanceof String) || ((String) cookie).isEmpty()) {
            throw problem.of(CARD_COOKIE, "must name a cookie, in quotes, e.g. \"store_card\"");
        }
        return new TillSettings((String) queue, (Long) limit, (String) cookie);
    }
}
