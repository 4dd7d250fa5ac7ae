/**
 * Actuator support for pagable: the {@code pagable} endpoint, the health indicator and the Micrometer
 * meters, one package each, usable without Spring Boot's auto-configuration. Their auto-configurations
 * are in {@code io.pagable.boot.autoconfigure.endpoint}, {@code .health} and {@code .metrics}, and switch
 * on only when the application has the actuator (or Micrometer) on its class path.
 */
@NullMarked
package io.pagable.boot.actuate;

import org.jspecify.annotations.NullMarked;
