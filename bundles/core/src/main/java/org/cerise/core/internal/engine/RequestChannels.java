package org.cerise.core.internal.engine;

/**
 * The engine's {@code before_request} and {@code after_request} channels, as the pipeline
 * publishes them around every request (CherryPy's {@code get_serving} / {@code release_serving}).
 * Costs one volatile read per request while nobody listens.
 */
public final class RequestChannels {

    /** The engine while it has listeners on either channel, else {@code null}. */
    private static volatile CoreEngine listening;

    private RequestChannels() {
    }

    static void listening(CoreEngine engine) {
        listening = engine;
    }

    /** Publishes {@code before_request}, if anyone listens. */
    public static void before() {
        CoreEngine e = listening;
        if (e != null) {
            e.publishLogged("before_request");
        }
    }

    /** Publishes {@code after_request}, if anyone listens. */
    public static void after() {
        CoreEngine e = listening;
        if (e != null) {
            e.publishLogged("after_request");
        }
    }
}
