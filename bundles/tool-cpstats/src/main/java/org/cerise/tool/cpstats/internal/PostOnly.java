package org.cerise.tool.cpstats.internal;

import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.Hook;

/**
 * What CherryPy's {@code StatsPage} asks for with {@code tools.allow.methods = ['POST']} on
 * {@code pause} and {@code resume}: a bare {@code on_start_resource} hook (so it answers
 * before the handler's arguments are bound) that sets {@code Allow: POST} and refuses any
 * other method with 405.
 */
public final class PostOnly implements Hook {

    @Override
    public void run(Request request, Response response) {
        response.setHeader("Allow", "POST");
        if (!request.method().equals("POST")) {
            throw new HttpError(405);
        }
    }
}
