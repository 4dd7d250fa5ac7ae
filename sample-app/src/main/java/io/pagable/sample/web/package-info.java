/** The sample's REST API under {@code /api/graphs}. */
@NullMarked
package io.pagable.sample.web;

import org.jspecify.annotations.NullMarked;
