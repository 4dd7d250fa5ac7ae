package io.pagable.sample.graph;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.Pinned;
import io.pagable.sample.registry.Artifact;
import io.pagable.sample.registry.Dependency;
import io.pagable.sample.registry.Manifest;
import io.pagable.sample.registry.PackageEntry;
import io.pagable.sample.registry.Readme;
import io.pagable.sample.registry.Registry;
import io.pagable.sample.registry.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Generates a package registry of a given number of nodes, the same graph for the same name, seed
 * and size on any machine. A node is what the store keeps as one entry: the registry itself, each
 * package, README, version, manifest and dependency edge. Every arc it creates is pinned until the
 * returned {@link GeneratedRegistry} is closed, so nothing pages out while the graph is built and
 * measured.
 */
public final class RegistryGenerator {

    /** Nodes of the smallest graph: the registry, a package, its README, a version and its manifest. */
    public static final int MIN_NODES = 5;

    private static final Instant EPOCH = Instant.parse("2015-01-01T00:00:00Z");

    private final PagableStorage storage;

    /**
     * Creates a generator whose arcs belong to the given storage.
     *
     * @param storage the storage that will page the graph out
     */
    public RegistryGenerator(PagableStorage storage) {
        this.storage = storage;
    }

    /**
     * Generates a registry. The graph has exactly {@code nodes} nodes, except that graphs under about
     * ten nodes may have one to three fewer (a package needs at least four).
     *
     * @param name the registry's name
     * @param seed the random seed
     * @param nodes the number of nodes to generate, at least {@link #MIN_NODES}
     * @param progress told the number of nodes generated so far, after each package
     * @return the registry, its figures and the pins that keep it resident
     */
    public GeneratedRegistry generate(String name, long seed, int nodes, IntConsumer progress) {
        if (nodes < MIN_NODES) {
            throw new IllegalArgumentException("nodes must be >= " + MIN_NODES + ", but was " + nodes);
        }
        Run run = new Run(new SplittableRandom(seed));
        int remaining = nodes - 1; // the registry itself
        while (remaining >= 4) {
            remaining -= run.addPackage(remaining);
            progress.accept(nodes - remaining);
        }
        Registry registry = new Registry(name, seed, run.packages);
        return new GeneratedRegistry(
                registry, nodes - remaining, run.packages.size(), run.versions, run.edges, run.pins);
    }

    /** The state of one generation. */
    private final class Run {

        private final SplittableRandom random;

        private final Map<String, PagableArc<PackageEntry>> packages = new LinkedHashMap<>();

        private final List<String> names = new ArrayList<>();

        private final Map<String, String> latest = new HashMap<>();

        private final Set<String> taken = new HashSet<>();

        private final List<Pinned<?>> pins = new ArrayList<>();

        private int versions;

        private int edges;

        Run(SplittableRandom random) {
            this.random = random;
        }

        /** Adds one package within the budget; returns the nodes it took (at least 4). */
        int addPackage(int budget) {
            int index = names.size();
            String name = packageName();
            Ecosystem kind = Ecosystem.pick(random);
            String description = SampleText.sentence(random, 6, 14);
            int planned = 1 + (int) (11 * Math.pow(random.nextDouble(), 2));
            int consumed = 2; // the package and its README
            List<Version> list = new ArrayList<>();
            List<Dependency> dependencies = List.of();
            VersionNumber number = VersionNumber.first(random);
            Instant published = EPOCH.plus(Duration.ofHours(random.nextLong(0, 80_000)));
            for (int i = 0; i < planned; i++) {
                int available = budget - consumed - 2;
                if (available < 0) {
                    break;
                }
                List<Dependency> next = evolve(dependencies, index, kind, available, i == 0);
                int created = countNew(next, dependencies);
                int leftover = available - created;
                boolean last = i == planned - 1 || leftover < 2;
                if (last && leftover > 0 && leftover < 4) {
                    next = topUp(next, index, kind, leftover);
                    created = countNew(next, dependencies);
                }
                if (i > 0) {
                    number = number.next(random);
                    published = published.plus(Duration.ofHours(random.nextLong(24, 4_000)));
                }
                Artifact artifact = kind.artifact(random, name, number.toString());
                Manifest manifest = kind.manifest(random, name, number.toString(), description, next);
                list.add(new Version(name, number.toString(), published, artifact, next, pinnedArc(manifest)));
                consumed += 2 + created;
                edges += created;
                dependencies = next;
            }
            versions += list.size();
            Readme readme = new Readme(SampleText.readme(random, name, description, kind.install(name)));
            PackageEntry entry = new PackageEntry(
                    name,
                    description,
                    SampleText.keywords(random),
                    pinnedArc(readme),
                    List.copyOf(list),
                    distTags(list));
            packages.put(name, pinnedArc(entry));
            names.add(name);
            latest.put(name, list.get(list.size() - 1).number());
            return consumed;
        }

        private <T> PagableArc<T> pinnedArc(T value) {
            PagableArc<T> arc = storage.arc(value);
            pins.add(arc.pin());
            return arc;
        }

        /**
         * The next version's edges: most edges of the previous version are kept as the same instances
         * (shared nodes), some get a new range, some are dropped, some are added.
         */
        private List<Dependency> evolve(
                List<Dependency> previous, int index, Ecosystem kind, int budget, boolean first) {
            List<Dependency> next = new ArrayList<>();
            int created = 0;
            for (Dependency edge : previous) {
                double roll = random.nextDouble();
                if (roll < 0.08) {
                    continue; // dropped
                }
                if (roll < 0.20 && created < budget) {
                    next.add(edge(edge.packageName(), kind, edge.scope()));
                    created++;
                } else {
                    next.add(edge);
                }
            }
            int wanted = first ? random.nextInt(0, 7) : (random.nextDouble() < 0.3 ? 1 : 0);
            for (int i = 0; i < wanted && created < budget; i++) {
                String target = target(index, next);
                if (target != null) {
                    next.add(edge(target, kind, Dependency.Scope.values()[scopeIndex()]));
                    created++;
                }
            }
            return List.copyOf(next);
        }

        private List<Dependency> topUp(List<Dependency> edges, int index, Ecosystem kind, int extra) {
            List<Dependency> next = new ArrayList<>(edges);
            for (int i = 0; i < extra; i++) {
                String target = target(index, next);
                if (target != null) {
                    next.add(edge(target, kind, Dependency.Scope.COMPILE));
                }
            }
            return List.copyOf(next);
        }

        private int countNew(List<Dependency> next, List<Dependency> previous) {
            int created = 0;
            for (Dependency edge : next) {
                if (!containsInstance(previous, edge)) {
                    created++;
                }
            }
            return created;
        }

        private static boolean containsInstance(List<Dependency> list, Dependency edge) {
            for (Dependency candidate : list) {
                if (candidate == edge) {
                    return true;
                }
            }
            return false;
        }

        private Dependency edge(String target, Ecosystem kind, Dependency.Scope scope) {
            String version = latest.get(target);
            return new Dependency(target, kind.range(version), scope);
        }

        /** An earlier package, popular ones (low indices) more often; null when none is left. */
        private String target(int index, List<Dependency> existing) {
            for (int attempt = 0; attempt < 8 && index > 0; attempt++) {
                String candidate = names.get((int) (index * Math.pow(random.nextDouble(), 2)));
                boolean present = false;
                for (Dependency edge : existing) {
                    present |= edge.packageName().equals(candidate);
                }
                if (!present) {
                    return candidate;
                }
            }
            return null;
        }

        private int scopeIndex() {
            double roll = random.nextDouble();
            return (roll < 0.70) ? 0 : (roll < 0.85) ? 1 : (roll < 0.95) ? 2 : 3;
        }

        private String packageName() {
            String name = SampleText.packageName(random);
            if (!taken.add(name)) {
                name = name + "-" + names.size();
                taken.add(name);
            }
            return name;
        }

        /** {@code latest} and, when an older major line exists, {@code lts}: the same instances. */
        private static Map<String, Version> distTags(List<Version> list) {
            Map<String, Version> tags = new LinkedHashMap<>();
            Version newest = list.get(list.size() - 1);
            tags.put("latest", newest);
            String major = newest.number().substring(0, newest.number().indexOf('.'));
            for (int i = list.size() - 2; i >= 0; i--) {
                Version candidate = list.get(i);
                if (!candidate.number().startsWith(major + ".")) {
                    tags.put("lts", candidate);
                    break;
                }
            }
            return tags;
        }
    }
}
