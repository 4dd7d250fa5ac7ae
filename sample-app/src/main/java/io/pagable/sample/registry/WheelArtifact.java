package io.pagable.sample.registry;

import io.pagable.PagableType;

/**
 * A Python wheel.
 *
 * @param distribution the distribution name
 * @param pythonTag the Python tag, e.g. {@code py3}
 * @param abiTag the ABI tag, e.g. {@code none}
 * @param platformTag the platform tag, e.g. {@code any}
 * @param sizeBytes the size in bytes
 * @param sha256 the SHA-256 digest in hex
 */
@PagableType("registry.artifact.wheel")
public record WheelArtifact(
        String distribution, String pythonTag, String abiTag, String platformTag, long sizeBytes, String sha256)
        implements Artifact {}
