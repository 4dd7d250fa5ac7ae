package io.pagable.sample.graph;

import io.pagable.sample.registry.Artifact;
import io.pagable.sample.registry.Dependency;
import io.pagable.sample.registry.DockerImage;
import io.pagable.sample.registry.JarArtifact;
import io.pagable.sample.registry.Manifest;
import io.pagable.sample.registry.WheelArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The ecosystems of the registry, each with its artifact type, manifest and version ranges. */
enum Ecosystem {
    JAR {
        @Override
        Artifact artifact(SplittableRandom random, String name, String version) {
            return new JarArtifact(
                    "org." + name.replace('-', '.'),
                    name,
                    new int[] {8, 11, 17, 21}[random.nextInt(4)],
                    random.nextLong(4_000, 9_000_000),
                    SampleText.hex(random, 64));
        }

        @Override
        Manifest manifest(SplittableRandom random, String name, String version, String summary, List<Dependency> deps) {
            return new Manifest("pom.xml", Manifests.pom(random, name, version, summary, deps));
        }

        @Override
        String range(String version) {
            return "[" + version + "," + (major(version) + 1) + ".0.0)";
        }

        @Override
        String install(String name) {
            return "<dependency>\n    <groupId>org." + name.replace('-', '.') + "</groupId>\n    <artifactId>" + name
                    + "</artifactId>\n</dependency>";
        }
    },
    WHEEL {
        @Override
        Artifact artifact(SplittableRandom random, String name, String version) {
            boolean pure = random.nextDouble() < 0.7;
            return new WheelArtifact(
                    name.replace('-', '_'),
                    pure ? "py3" : "cp312",
                    pure ? "none" : "cp312",
                    pure ? "any" : "manylinux_2_17_x86_64",
                    random.nextLong(2_000, 40_000_000),
                    SampleText.hex(random, 64));
        }

        @Override
        Manifest manifest(SplittableRandom random, String name, String version, String summary, List<Dependency> deps) {
            return new Manifest("METADATA", Manifests.wheelMetadata(random, name, version, summary, deps));
        }

        @Override
        String range(String version) {
            return ">=" + version + ",<" + (major(version) + 1);
        }

        @Override
        String install(String name) {
            return "pip install " + name;
        }
    },
    DOCKER {
        @Override
        Artifact artifact(SplittableRandom random, String name, String version) {
            List<String> layers = new ArrayList<>();
            for (int i = random.nextInt(2, 9); i > 0; i--) {
                layers.add("sha256:" + SampleText.hex(random, 64));
            }
            return new DockerImage(
                    "registry.example.com/" + name,
                    "linux",
                    random.nextDouble() < 0.8 ? "amd64" : "arm64",
                    List.copyOf(layers),
                    random.nextLong(5_000_000, 900_000_000),
                    SampleText.hex(random, 64));
        }

        @Override
        Manifest manifest(SplittableRandom random, String name, String version, String summary, List<Dependency> deps) {
            return new Manifest("config.json", Manifests.imageConfig(random, name, version, summary, deps));
        }

        @Override
        String range(String version) {
            return "^" + version;
        }

        @Override
        String install(String name) {
            return "docker pull registry.example.com/" + name;
        }
    };

    static Ecosystem pick(SplittableRandom random) {
        double roll = random.nextDouble();
        return (roll < 0.5) ? JAR : (roll < 0.8) ? WHEEL : DOCKER;
    }

    abstract Artifact artifact(SplittableRandom random, String name, String version);

    abstract Manifest manifest(
            SplittableRandom random, String name, String version, String summary, List<Dependency> deps);

    abstract String range(String version);

    abstract String install(String name);

    static int major(String version) {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }
}
