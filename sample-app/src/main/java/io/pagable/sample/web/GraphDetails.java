package io.pagable.sample.web;

import io.pagable.PagableStats;

/**
 * A graph with the live figures of the storage and the heap.
 *
 * @param graph the recorded graph, with its root key and the heap figures of its generation
 * @param packagesInRoot the packages the root lists, each behind an arc (reading the root pages in
 *     that one node, not the packages)
 * @param heapUsedNowBytes heap used now, garbage included (no GC is forced)
 * @param storage the storage's statistics now: the figures {@code /actuator/pagable} shows
 */
public record GraphDetails(GraphView graph, int packagesInRoot, long heapUsedNowBytes, PagableStats storage) {}
