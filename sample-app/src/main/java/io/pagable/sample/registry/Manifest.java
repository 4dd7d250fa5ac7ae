package io.pagable.sample.registry;

/**
 * An artifact's manifest (a POM, wheel metadata or image config): a large payload, held through a
 * {@link io.pagable.PagableArc}.
 *
 * @param fileName the manifest's usual file name, e.g. {@code pom.xml}
 * @param text the manifest text
 */
public record Manifest(String fileName, String text) {}
