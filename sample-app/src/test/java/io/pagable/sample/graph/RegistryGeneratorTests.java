package io.pagable.sample.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.PagableType;
import io.pagable.sample.registry.Dependency;
import io.pagable.sample.registry.DockerImage;
import io.pagable.sample.registry.JarArtifact;
import io.pagable.sample.registry.PackageEntry;
import io.pagable.sample.registry.Registry;
import io.pagable.sample.registry.Version;
import io.pagable.sample.registry.WheelArtifact;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.file.FileContentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryGeneratorTests {

    @ParameterizedTest
    @ValueSource(ints = {5, 100, 1_000, 20_000})
    void generatesTheRequestedNumberOfNodes(int nodes) {
        try (PagableStorage storage = storage();
                GeneratedRegistry generated = new RegistryGenerator(storage).generate("count", 3, nodes, (n) -> {})) {
            assertThat(generated.nodes()).isEqualTo(nodes);
            assertThat(countNodes(generated.registry())).isEqualTo(nodes);
        }
    }

    @Test
    void reportsProgressUpToTheNodeCount() {
        List<Integer> reported = new ArrayList<>();
        try (PagableStorage storage = storage();
                GeneratedRegistry generated =
                        new RegistryGenerator(storage).generate("progress", 3, 2_000, reported::add)) {
            assertThat(reported).isSorted().last().isEqualTo(generated.nodes());
            assertThat(reported).hasSize(generated.packages());
        }
    }

    @Test
    void rejectsFewerNodesThanOnePackageNeeds() {
        try (PagableStorage storage = storage()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RegistryGenerator(storage).generate("tiny", 1, 4, (n) -> {}))
                    .withMessage("nodes must be >= 5, but was 4");
        }
    }

    @Test
    void sameNameSeedAndSizeGiveTheSameRootKeyInAnyStore() {
        DataKey first = saveInNewStorage("same", 11, 3_000);
        DataKey second = saveInNewStorage("same", 11, 3_000);
        assertThat(second).isEqualTo(first);
        assertThat(saveInNewStorage("same", 12, 3_000)).isNotEqualTo(first);
        assertThat(saveInNewStorage("other", 11, 3_000)).isNotEqualTo(first);
    }

    @Test
    void usesEveryFeatureOfTheModel() {
        try (PagableStorage storage = storage();
                GeneratedRegistry generated =
                        new RegistryGenerator(storage).generate("features", 5, 5_000, (n) -> {})) {
            List<PackageEntry> packages = generated.registry().packages().values().stream()
                    .map(PagableArc::get)
                    .toList();
            Set<Class<?>> artifactTypes = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean sharedDistTag = false;
            boolean edgeSharedAcrossVersions = false;
            for (PackageEntry entry : packages) {
                List<Version> versions = entry.versions();
                for (Version version : versions) {
                    artifactTypes.add(version.artifact().getClass());
                }
                sharedDistTag |= entry.distTags().get("latest") == versions.get(versions.size() - 1);
                for (int i = 1; i < versions.size(); i++) {
                    for (Dependency edge : versions.get(i).dependencies()) {
                        edgeSharedAcrossVersions |=
                                containsInstance(versions.get(i - 1).dependencies(), edge);
                    }
                }
            }
            assertThat(artifactTypes)
                    .containsExactlyInAnyOrder(JarArtifact.class, WheelArtifact.class, DockerImage.class);
            assertThat(artifactTypes).allMatch((type) -> type.isAnnotationPresent(PagableType.class));
            assertThat(sharedDistTag).isTrue();
            assertThat(edgeSharedAcrossVersions).isTrue();
            assertThat(generated.arcs()).isEqualTo(generated.packages() * 2 + generated.versions());
        }
    }

    @Test
    void readsBackWithSharedInstancesAndLazyPayloadsAfterARestart(@TempDir Path directory) {
        DataKey rootKey;
        String packageName;
        String readme;
        try (PagableStorage storage = storage(new FileContentStore(directory));
                GeneratedRegistry generated = new RegistryGenerator(storage).generate("restart", 9, 4_000, (n) -> {})) {
            rootKey = storage.save(generated.registry());
            PackageEntry entry = withManyVersions(generated.registry());
            packageName = entry.name();
            readme = entry.readme().get().markdown();
        }
        try (PagableStorage storage = storage(new FileContentStore(directory))) {
            Registry registry = storage.load(rootKey, Registry.class);
            PagableArc<PackageEntry> arc = registry.packages().get(packageName);
            assertThat(arc.isPagedOut()).isTrue();
            PackageEntry entry = arc.get();
            List<Version> versions = entry.versions();
            assertThat(entry.distTags().get("latest")).isSameAs(versions.get(versions.size() - 1));
            assertThat(entry.readme().isPagedOut()).isTrue();
            assertThat(entry.readme().get().markdown()).isEqualTo(readme).startsWith("# " + packageName + "\n");
            assertThat(storage.stats().pageIns()).isGreaterThanOrEqualTo(3);
        }
    }

    private static DataKey saveInNewStorage(String name, long seed, int nodes) {
        try (PagableStorage storage = storage();
                GeneratedRegistry generated = new RegistryGenerator(storage).generate(name, seed, nodes, (n) -> {})) {
            return storage.save(generated.registry());
        }
    }

    private static PackageEntry withManyVersions(Registry registry) {
        return registry.packages().values().stream()
                .map(PagableArc::get)
                .filter((entry) -> entry.versions().size() > 3)
                .findFirst()
                .orElseThrow();
    }

    /** Counts the graph's nodes by identity: registry, packages, READMEs, versions, manifests, edges. */
    private static int countNodes(Registry registry) {
        Set<Object> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        nodes.add(registry);
        for (PagableArc<PackageEntry> arc : registry.packages().values()) {
            PackageEntry entry = arc.get();
            nodes.add(entry);
            nodes.add(entry.readme().get());
            for (Version version : entry.versions()) {
                nodes.add(version);
                nodes.add(version.manifest().get());
                nodes.addAll(version.dependencies());
            }
            nodes.addAll(entry.distTags().values());
        }
        return nodes.size();
    }

    private static boolean containsInstance(List<Dependency> edges, Dependency edge) {
        return edges.stream().anyMatch((candidate) -> candidate == edge);
    }

    static PagableStorage storage() {
        return storage(new InMemoryContentStore());
    }

    static PagableStorage storage(io.pagable.store.ContentStore store) {
        return PagableStorage.builder()
                .contentStore(store)
                .registerPackages("io.pagable.sample.registry")
                .build();
    }
}
