package org.cerise.tool.sessionauth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that names a {@link SessionAuthenticator} component (see there).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface CeriseSessionAuthenticator {

    /** Prefix of the generated service property. */
    String PREFIX_ = "cerise.session_authenticator.";

    /** @return the name, registered as {@code cerise.session_authenticator.name} */
    String name();
}
