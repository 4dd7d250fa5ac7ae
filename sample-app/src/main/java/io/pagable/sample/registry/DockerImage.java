package io.pagable.sample.registry;

import io.pagable.PagableType;
import java.util.List;

/**
 * A container image.
 *
 * @param repository the image repository
 * @param os the operating system
 * @param architecture the CPU architecture
 * @param layers the layer digests, bottom first
 * @param sizeBytes the size in bytes
 * @param sha256 the image digest in hex
 */
@PagableType("registry.artifact.docker")
public record DockerImage(
        String repository, String os, String architecture, List<String> layers, long sizeBytes, String sha256)
        implements Artifact {}
