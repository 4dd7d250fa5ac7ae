/**
 * The {@code pagable} actuator endpoint and its auto-configuration.
 */
@NullMarked
package io.pagable.boot.autoconfigure.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
