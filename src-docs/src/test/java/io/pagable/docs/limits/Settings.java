package io.pagable.docs.limits;

import java.util.Map;
import java.util.Set;

/**
 * A value with unordered parts.
 *
 * @param values a map
 * @param flags a set
 */
public record Settings(Map<String, Integer> values, Set<String> flags) {}
