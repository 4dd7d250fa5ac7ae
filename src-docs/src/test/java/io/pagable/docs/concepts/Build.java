package io.pagable.docs.concepts;

import java.util.List;

/**
 * A root holding targets that share dependencies.
 *
 * @param targets the targets
 */
public record Build(List<Target> targets) {}
