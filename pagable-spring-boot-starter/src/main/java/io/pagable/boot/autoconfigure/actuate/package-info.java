/**
 * Actuator support for pagable: endpoint, health indicator and metrics, each in its own package with
 * its auto-configuration. All of it is optional and switches on only when the application has the
 * actuator (or Micrometer) on its class path.
 */
@NullMarked
package io.pagable.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
