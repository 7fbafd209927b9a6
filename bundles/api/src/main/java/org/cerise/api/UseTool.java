package org.cerise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a tool on for a class or handler method, like CherryPy's tool decorators
 * ({@code @cherrypy.tools.accept(media='text/plain')}):
 *
 * <pre>
 * &#64;UseTool(value = "accept", args = "media = 'text/plain'")
 * public String GET() { ... }
 * </pre>
 *
 * <p>It is {@code tools.NAME.on = True} plus {@code tools.NAME.ARG = ...} for each argument,
 * merged where {@link Config} would be. Like any tool an app uses, the tool must be installed
 * for the app to mount.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(UseTool.List.class)
public @interface UseTool {

    /** @return the tool's name, as in {@code tools.NAME.on} */
    String value();

    /** @return the tool's arguments, each {@code "ARG = value"} with a Python-literal value */
    String[] args() default {};

    /** Holds several {@link UseTool} on one element. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        /** @return the tools */
        UseTool[] value();
    }
}
