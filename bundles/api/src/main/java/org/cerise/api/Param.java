package org.cerise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Renames a handler parameter or gives it a default value.
 *
 * <p>Without this annotation a handler parameter binds the request parameter of the same Java
 * name (apps are compiled with {@code -parameters}) and is required, like a Python argument
 * without a default: a request that does not supply it answers 404 Not Found, as CherryPy
 * does. {@code Optional<T>} parameters are never required.
 *
 * <pre>
 * &#64;Expose
 * public String generate(&#64;Param(defaultValue = "8") int length) { ... }
 *
 * &#64;Expose
 * public String search(&#64;Param("q") String query) { ... }
 * </pre>
 *
 * <p>The default value is text, converted to the parameter's type exactly as a value from the
 * request would be, when the app mounts; a default that does not convert keeps the app from
 * mounting with an error that names the method and parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

    /** The value of {@link #defaultValue()} that means "no default": the parameter is required. */
    String NO_DEFAULT = "\u0000cerise:no-default\u0000";

    /**
     * The request parameter's name; empty (the default) means the Java parameter's own name.
     *
     * @return the parameter name
     */
    String value() default "";

    /**
     * The value used when the request does not carry the parameter, as text.
     *
     * @return the default value, or {@link #NO_DEFAULT}
     */
    String defaultValue() default NO_DEFAULT;
}
