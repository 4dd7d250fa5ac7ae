package io.pagable.sample.registry;

// tag::artifact[]
/**
 * What a version publishes. Fields of this type are polymorphic: each implementation is written
 * under its {@link io.pagable.PagableType} tag, never under its class name.
 */
public sealed interface Artifact permits JarArtifact, WheelArtifact, DockerImage {

    /**
     * Returns the artifact's size.
     *
     * @return the size in bytes
     */
    long sizeBytes();

    /**
     * Returns the artifact's checksum.
     *
     * @return a SHA-256 digest in hex
     */
    String sha256();
}
// end::artifact[]
