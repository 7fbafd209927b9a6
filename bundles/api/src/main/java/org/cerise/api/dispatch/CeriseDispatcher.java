package org.cerise.api.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link Dispatcher} component:
 *
 * <pre>
 * &#64;Component(service = Dispatcher.class)
 * &#64;CeriseDispatcher(name = "method")
 * public class MethodDispatcher implements Dispatcher { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseDispatcher {

    /** Prefix of the generated service property. */
    String PREFIX_ = "cerise.dispatcher.";

    /**
     * The dispatcher's name, registered as {@code cerise.dispatcher.name}.
     *
     * @return the name, as in {@code request.dispatch = "NAME"}
     */
    String name();
}
