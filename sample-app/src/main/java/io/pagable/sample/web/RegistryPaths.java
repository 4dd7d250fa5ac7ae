package io.pagable.sample.web;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableType;
import io.pagable.sample.registry.Artifact;
import io.pagable.sample.registry.Dependency;
import io.pagable.sample.registry.Manifest;
import io.pagable.sample.registry.PackageEntry;
import io.pagable.sample.registry.Readme;
import io.pagable.sample.registry.Registry;
import io.pagable.sample.registry.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a path below a registry to one node, paging in only the arcs on the way:
 * <pre>
 *   (empty)                              the registry
 *   {package}                            a package (its versions come with it)
 *   {package}/readme                     its README
 *   {package}/versions/{number}          a version
 *   {package}/versions/{number}/manifest its manifest
 * </pre>
 */
final class RegistryPaths {

    private static final int LISTED_PACKAGES = 20;

    private RegistryPaths() {}

    /**
     * Finds the node at a path.
     *
     * @param registry the graph's root
     * @param path the path, segments separated by {@code /}
     * @return the node, or {@code null} if the path leads nowhere
     */
    static @Nullable NodeView resolve(Registry registry, String path) {
        List<String> segments = Arrays.stream(path.split("/"))
                .filter((segment) -> !segment.isEmpty())
                .toList();
        String normalized = String.join("/", segments);
        if (segments.isEmpty()) {
            List<String> names = registry.packages().keySet().stream()
                    .sorted()
                    .limit(LISTED_PACKAGES)
                    .toList();
            return new NodeView(
                    normalized,
                    "registry",
                    null,
                    null,
                    new RegistryContent(
                            registry.name(),
                            registry.seed(),
                            registry.packages().size(),
                            names));
        }
        PagableArc<PackageEntry> packageArc = registry.packages().get(segments.get(0));
        if (packageArc == null) {
            return null;
        }
        if (segments.size() == 1) {
            boolean pagedOut = packageArc.isPagedOut();
            // tag::page-in[]
            PackageEntry entry = packageArc.get(); // pages the package in if it is not on the heap
            // end::page-in[]
            return new NodeView(normalized, "package", hex(packageArc), pagedOut, PackageContent.of(entry));
        }
        PackageEntry entry = packageArc.get();
        if (segments.size() == 2 && segments.get(1).equals("readme")) {
            boolean pagedOut = entry.readme().isPagedOut();
            Readme readme = entry.readme().get();
            return new NodeView(normalized, "readme", hex(entry.readme()), pagedOut, readme);
        }
        if (segments.size() < 3 || segments.size() > 4 || !segments.get(1).equals("versions")) {
            return null;
        }
        Version version = entry.version(segments.get(2));
        if (version == null) {
            return null;
        }
        if (segments.size() == 3) {
            return new NodeView(normalized, "version", null, null, VersionContent.of(version));
        }
        if (!segments.get(3).equals("manifest")) {
            return null;
        }
        boolean pagedOut = version.manifest().isPagedOut();
        Manifest manifest = version.manifest().get();
        return new NodeView(normalized, "manifest", hex(version.manifest()), pagedOut, manifest);
    }

    private static @Nullable String hex(PagableArc<?> arc) {
        return arc.key().map(DataKey::toHex).orElse(null);
    }

    /**
     * The registry node.
     *
     * @param name the registry's name
     * @param seed its seed
     * @param packages how many packages it lists
     * @param firstPackages the first package names in alphabetical order
     */
    record RegistryContent(String name, long seed, int packages, List<String> firstPackages) {}

    /**
     * A package node.
     *
     * @param name its name
     * @param description its description
     * @param keywords its keywords
     * @param versions its version numbers, oldest first
     * @param distTags each dist-tag and the version number it names
     * @param distTagsShareVersions whether each dist-tag is the very instance in the version list (it
     *     is: versions are {@code @PagableNode}s)
     * @param readme the README's arc: key and state, without paging it in
     */
    record PackageContent(
            String name,
            String description,
            List<String> keywords,
            List<String> versions,
            Map<String, String> distTags,
            boolean distTagsShareVersions,
            ArcState readme) {

        static PackageContent of(PackageEntry entry) {
            Map<String, String> tags = new LinkedHashMap<>();
            boolean shared = true;
            for (Map.Entry<String, Version> tag : entry.distTags().entrySet()) {
                tags.put(tag.getKey(), tag.getValue().number());
                shared &= entry.versions().stream().anyMatch((version) -> version == tag.getValue());
            }
            List<String> numbers =
                    entry.versions().stream().map(Version::number).toList();
            return new PackageContent(
                    entry.name(),
                    entry.description(),
                    entry.keywords(),
                    numbers,
                    tags,
                    shared,
                    ArcState.of(entry.readme()));
        }
    }

    /**
     * A version node.
     *
     * @param packageName its package
     * @param number its number
     * @param published when it was published
     * @param artifact its artifact and the artifact's stable type tag
     * @param dependencies its dependency edges
     * @param manifest the manifest's arc: key and state, without paging it in
     */
    record VersionContent(
            String packageName,
            String number,
            Instant published,
            ArtifactContent artifact,
            List<Dependency> dependencies,
            ArcState manifest) {

        static VersionContent of(Version version) {
            Artifact artifact = version.artifact();
            PagableType tag = artifact.getClass().getAnnotation(PagableType.class);
            return new VersionContent(
                    version.packageName(),
                    version.number(),
                    version.published(),
                    new ArtifactContent((tag != null) ? tag.value() : "", artifact),
                    new ArrayList<>(version.dependencies()),
                    ArcState.of(version.manifest()));
        }
    }

    /**
     * An artifact.
     *
     * @param type its {@code @PagableType} tag, as stored
     * @param details its fields
     */
    record ArtifactContent(String type, Artifact details) {}

    /**
     * An arc seen from outside.
     *
     * @param key its key in hex, once written
     * @param pagedOut whether its value is off the heap
     */
    record ArcState(@Nullable String key, boolean pagedOut) {

        static ArcState of(PagableArc<?> arc) {
            return new ArcState(hex(arc), arc.isPagedOut());
        }
    }
}
