package org.cerise.dispatch.routes.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import org.cerise.api.Handler;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.dispatch.routes.RouteInfo;

/**
 * One route ready to match: its template's regex, the allowed methods ({@code null} for any),
 * the bound handler ({@code null} if the controller has no such method) and its config pieces.
 */
final class CompiledRoute {

    final Template template;
    /** Variable names in group order ({@code v0}, {@code v1}, ...). */
    final String[] variables;
    final Set<String> methods;
    final Handler handler;
    final Class<?> controllerClass;
    final Method method;
    /** Fixed params (CherryPy's extra {@code connect} keywords), added unless the URL gave them. */
    final Map<String, String> params;
    /**
     * The trail when the app has no config sections below {@code [/]}: global, root, {@code [/]},
     * the controller class, the action method; built once.
     */
    final ConfigTrail trail;
    final RouteInfo info;

    CompiledRoute(Template template, Set<String> methods, Handler handler, Class<?> controllerClass, Method method,
            Map<String, String> params, ConfigTrail trail, RouteInfo info) {
        this.template = template;
        this.variables = template.variables.keySet().toArray(new String[0]);
        this.methods = methods;
        this.handler = handler;
        this.controllerClass = controllerClass;
        this.method = method;
        this.params = params;
        this.trail = trail;
        this.info = info;
    }
}
