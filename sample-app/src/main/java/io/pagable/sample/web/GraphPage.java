package io.pagable.sample.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the graph listing.
 *
 * @param content the graphs, in name order
 * @param next the {@code after} parameter of the next page, or {@code null} on the last one
 */
public record GraphPage(List<GraphView> content, @Nullable String next) {}
