package io.pagable.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * One node of a graph, reached by its path.
 *
 * @param path the path below the graph, e.g. {@code fast-json/versions/1.2.0/manifest}
 * @param kind {@code registry}, {@code package}, {@code readme}, {@code version} or {@code manifest}
 * @param key the node's key in hex, for nodes held through an arc; {@code null} for a
 *     {@code @PagableNode} (a version), which is loaded with its package
 * @param pagedOutBefore whether the arc was paged out before this request ({@code null} for a
 *     version)
 * @param content the node's content
 */
public record NodeView(
        String path,
        String kind,
        @Nullable String key,
        @Nullable Boolean pagedOutBefore,
        Object content) {}
