package org.cerise.api.dispatch;

import java.util.List;
import java.util.Objects;

import org.cerise.api.Handler;

/**
 * What a {@link Router} found for a path: the handler, the config trail that governs it, the
 * leftover segments passed to the handler as positional arguments, and whether the handler is
 * an index handler.
 *
 * @param trail   the config trail of the handler; its merged config and compiled tools apply
 * @param handler the handler to call
 * @param vpath   the decoded leftover segments
 * @param index   {@code TRUE} for an index handler, {@code FALSE} for another handler,
 *                {@code null} when nothing was found (CherryPy's {@code request.is_index})
 */
public record Route(ConfigTrail trail, Handler handler, List<String> vpath, Boolean index) {

    /** Checks the components. */
    public Route {
        Objects.requireNonNull(trail, "trail");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(vpath, "vpath");
    }
}
