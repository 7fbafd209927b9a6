package org.cerise.tool.authdigest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link Ha1Source} component (see there).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseHa1Source {

    /** Prefix of the generated service property. */
    String PREFIX_ = "cerise.ha1_source.";

    /** @return the name, registered as {@code cerise.ha1_source.name} */
    String name();
}
