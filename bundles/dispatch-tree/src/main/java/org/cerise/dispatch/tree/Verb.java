package org.cerise.dispatch.tree;

import java.lang.reflect.Method;

import org.cerise.api.Handler;

/**
 * A resource's method for one HTTP verb ({@code GET}, {@code POST}, ...), bound to the resource.
 *
 * @param method  the Java method, whose {@code @Config} applies to the request it handles
 * @param handler the bound handler
 */
public record Verb(Method method, Handler handler) {
}
