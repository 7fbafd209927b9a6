package org.cerise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that makes a Declarative Services component a Cerise app.
 *
 * <p>The core mounts every service that carries a {@code cerise.app.mount} property, whatever
 * interfaces it is registered under, and unmounts it when the service goes away. An app is
 * therefore one annotated class:
 *
 * <pre>
 * &#64;Component(service = HelloWorld.class)
 * &#64;CeriseApp(mount = "/hello")
 * public class HelloWorld {
 *     &#64;Expose
 *     public String index() { return "Hello world!"; }
 * }
 * </pre>
 *
 * <p>Properties (all may also be set by hand on any service registration):
 * <ul>
 * <li>{@code cerise.app.mount}: the mount point ({@code script_name}): {@code ""} or
 * {@code "/"} for the root of the site, otherwise a path that starts with {@code /}; a
 * trailing {@code /} is ignored. Requests go to the app with the longest matching mount.</li>
 * <li>{@code cerise.app.name}: a name for logs and the admin console; defaults to the mount
 * point.</li>
 * <li>{@code cerise.app.config}: the path, inside the app's own bundle, of a CherryPy-style
 * {@code .conf} file with the app's {@code [/path]} sections.</li>
 * <li>{@code cerise.app.config.text}: the app's config itself, in the same format, for an app
 * that is not in a bundle of its own (one mounted with {@link Cerise#mount(Object, String,
 * java.util.Map)} in an embedded container); it wins over {@code cerise.app.config}.</li>
 * <li>{@code cerise.app.config.source}: what {@code cerise.app.config.text} was read from (a
 * file name, or a description of the map it was written from), for messages.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseApp {

    /** Prefix of the generated service properties. */
    String PREFIX_ = "cerise.app.";

    /** Service property holding the mount point. */
    String MOUNT = "cerise.app.mount";
    /** Service property holding the app's name. */
    String NAME = "cerise.app.name";
    /** Service property holding the bundle path of the app's config file. */
    String CONFIG = "cerise.app.config";
    /** Service property holding the app's config as text (an app that is not in a bundle). */
    String CONFIG_TEXT = "cerise.app.config.text";
    /** Service property naming where {@link #CONFIG_TEXT} came from, for messages. */
    String CONFIG_SOURCE = "cerise.app.config.source";

    /**
     * The mount point, e.g. {@code "/tut01"}.
     *
     * @return the mount point
     */
    String mount();

    /**
     * The app's name; empty means "use the mount point".
     *
     * @return the name
     */
    String name() default "";

    /**
     * Bundle path of the app's CherryPy-style config file, e.g. {@code "/app.conf"}; empty
     * means none.
     *
     * @return the config path
     */
    String config() default "";
}
