package org.cerise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a page handler that URLs may reach, like {@code @cherrypy.expose}.
 *
 * <p>On a <b>method</b>: the method answers the URL segment of its own name, translated the
 * way CherryPy translates segments (every ASCII punctuation character of the URL segment
 * becomes {@code _}, so {@code /my-page} and {@code /my.page} reach {@code my_page}). The
 * method named {@code index} answers its node itself ({@code /app/}); a method exposed under
 * the name {@code default} (see {@link #alias()}) answers every path below its node that
 * nothing else answers, receiving the unmatched segments as positional arguments.
 *
 * <p>On a <b>class</b>: every public method of the class is exposed. Dispatchers that route
 * by HTTP method (the method dispatcher) look for exposed classes whose methods are named
 * after HTTP verbs ({@code GET}, {@code POST}, ...).
 *
 * <p>Only exposed methods are ever invoked from a URL; any other method is invisible to
 * dispatch, whatever its visibility.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Expose {

    /**
     * Extra names the method also answers under, like {@code @cherrypy.expose(['a', 'b.c'])}.
     * Dots and other punctuation in an alias become underscores, so the alias {@code "b.c"}
     * answers both {@code /b.c} and {@code /b_c}. The alias {@code "default"} makes the method
     * its node's default handler (Java cannot name a method {@code default}).
     *
     * @return the aliases, none by default
     */
    String[] alias() default {};
}
