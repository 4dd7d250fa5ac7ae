/**
 * The {@code pagable} health indicator: the store's reachability and the drainer's recent runs.
 */
@NullMarked
package io.pagable.boot.actuate.health;

import org.jspecify.annotations.NullMarked;
