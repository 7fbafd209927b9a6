package org.cerise.api.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that subscribes an {@link EnginePlugin} component to channels:
 * {@code @CeriseEnginePlugin(channels = {"start", "stop"})}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseEnginePlugin {

    /** Prefix of the generated service properties. */
    String PREFIX_ = "cerise.engine.";

    /** @return the channels, registered as {@code cerise.engine.channels} */
    String[] channels();

    /** @return the listeners' priority, registered as {@code cerise.engine.priority} (lower first) */
    int priority() default 50;
}
