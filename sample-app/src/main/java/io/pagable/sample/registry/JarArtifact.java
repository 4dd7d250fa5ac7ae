package io.pagable.sample.registry;

import io.pagable.PagableType;

// tag::jar[]
/**
 * A Java archive in a Maven repository.
 *
 * @param groupId the Maven group
 * @param artifactId the Maven artifact
 * @param javaRelease the lowest Java release it runs on
 * @param sizeBytes the size in bytes
 * @param sha256 the SHA-256 digest in hex
 */
@PagableType("registry.artifact.jar")
public record JarArtifact(String groupId, String artifactId, int javaRelease, long sizeBytes, String sha256)
        implements Artifact {}
// end::jar[]
