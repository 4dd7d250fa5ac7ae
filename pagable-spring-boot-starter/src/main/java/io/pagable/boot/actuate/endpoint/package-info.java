/**
 * The {@code pagable} actuator endpoint ({@code /actuator/pagable}): what the storage holds and has
 * done, and a write operation that drains now.
 */
@NullMarked
package io.pagable.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
