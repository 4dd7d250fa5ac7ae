package io.pagable.docs.concepts;

import java.util.List;

/**
 * A plain value: stored inline in its parent's node, or as a node of its own when held by an arc.
 *
 * @param title the title
 * @param lines the lines
 */
public record Report(String title, List<String> lines) {}
