package org.cerise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Config carried by an app class or handler method, like CherryPy's {@code _cp_config} and
 * {@code @cherrypy.config(...)}. Each entry is one line of a CherryPy config file,
 * {@code key = value}, the value written as a Python literal:
 *
 * <pre>
 * &#64;Config({"tools.gzip.on = True", "response.headers.Cache-Control = 'no-store'"})
 * public class Reports { ... }
 * </pre>
 *
 * <p>Where it applies is CherryPy's merge order: for each object on the dispatch trail, its
 * class's {@code @Config} (superclasses first), then the app's config section for the path
 * reached; the handler method's {@code @Config} last. {@code request.dispatch} is only read
 * from the app's config file, never from annotations. A line that is not {@code key = value}
 * with a literal value keeps the app from mounting, with an error naming the class or method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Config {

    /**
     * @return the entries, each {@code "key = value"}
     */
    String[] value();
}
