package io.pagable.sample.registry;

import io.pagable.PagableArc;
import io.pagable.PagableNode;
import java.time.Instant;
import java.util.List;

// tag::version[]
/**
 * A published version. A {@code @PagableNode}: stored once however many fields refer to it (the
 * package's version list and its dist-tags), and read back as one instance.
 *
 * @param packageName the package it belongs to
 * @param number its version number
 * @param published when it was published
 * @param artifact what was published: a jar, a wheel or a container image (a polymorphic field)
 * @param dependencies its dependency edges; unchanged edges are the same instances as in the
 *     previous version
 * @param manifest the artifact's manifest text, loaded on first use
 */
@PagableNode
public record Version(
        String packageName,
        String number,
        Instant published,
        Artifact artifact,
        List<Dependency> dependencies,
        PagableArc<Manifest> manifest) {}
// end::version[]
