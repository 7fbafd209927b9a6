/**
 * Features at run time: which OSGi features (R8 Feature Service, chapter 159: JSON descriptors
 * listing bundles by Maven coordinates) the container offers, which are installed, and
 * installing or removing one.
 *
 * <p>{@link org.cerise.features.FeatureManager} is the one service; the admin bundle's JSON API
 * and Gogo commands call it. Descriptors come from the container's {@code features/} folder,
 * bundles from its local repository ({@code repository/}, Maven layout).
 */
@Version("1.1.0")
@Export
package org.cerise.features;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
