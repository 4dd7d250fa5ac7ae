/**
 * Auto-configuration for the {@code pagable} actuator endpoint.
 */
@NullMarked
package io.pagable.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
