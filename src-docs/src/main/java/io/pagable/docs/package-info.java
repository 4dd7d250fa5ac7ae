/**
 * Build-time generators of the documentation: AsciiDoc fragments made from the starter's
 * configuration metadata and from benchmark result files.
 */
@NullMarked
package io.pagable.docs;

import org.jspecify.annotations.NullMarked;
