package org.cerise.core.internal.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.InternalRedirect;
import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.http.CoreRequest;
import org.slf4j.Logger;

/**
 * Runs the hooks of a point as CherryPy's {@code HookMap.run} does: in priority order; when one
 * fails, the remaining failsafe hooks of the point still run, then the first failure
 * propagates. {@link HttpError}, {@link HttpRedirect} and {@link InternalRedirect} are answers
 * and are not logged.
 */
final class Hooks {

    private Hooks() {
    }

    static void run(HookPoint point, CoreRequest request, Logger log) throws Exception {
        Scope scope = request.scope();
        HookEntry[] hooks = scope == null ? new HookEntry[0] : scope.hooks(point);
        List<HookEntry> extra = request.extraHooks();
        if (extra != null) {
            List<HookEntry> all = null;
            for (HookEntry e : extra) {
                if (e.point() == point) {
                    if (all == null) {
                        all = new ArrayList<>(Arrays.asList(hooks));
                    }
                    all.add(e);
                }
            }
            if (all != null) {
                all.sort(null);
                hooks = all.toArray(new HookEntry[0]);
            }
        }
        if (hooks.length == 0) {
            return;
        }
        Exception failure = null;
        for (HookEntry h : hooks) {
            if (failure != null && !h.failsafe()) {
                continue;
            }
            try {
                h.hook().run(request, request.response());
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                    if (!isAnswer(e)) {
                        log.error("Hook of '{}' at {} failed", h.owner(), point.configName(), e);
                    }
                } else {
                    log.error("Failsafe hook of '{}' at {} failed too", h.owner(), point.configName(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static boolean isAnswer(Throwable e) {
        return e instanceof HttpError || e instanceof HttpRedirect || e instanceof InternalRedirect;
    }
}
