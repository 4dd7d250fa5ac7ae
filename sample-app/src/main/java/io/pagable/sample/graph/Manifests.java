package io.pagable.sample.graph;

import io.pagable.sample.registry.Dependency;
import java.util.List;
import java.util.SplittableRandom;

/** The manifest texts of generated artifacts: a POM, wheel metadata, an image config. */
final class Manifests {

    private Manifests() {}

    static String pom(SplittableRandom random, String name, String version, String summary, List<Dependency> deps) {
        StringBuilder text = new StringBuilder(1024);
        String group = "org." + name.replace('-', '.');
        text.append("<project>\n  <modelVersion>4.0.0</modelVersion>\n");
        text.append("  <groupId>").append(group).append("</groupId>\n");
        text.append("  <artifactId>").append(name).append("</artifactId>\n");
        text.append("  <version>").append(version).append("</version>\n");
        text.append("  <description>").append(summary).append("</description>\n  <dependencies>\n");
        for (Dependency dep : deps) {
            text.append("    <dependency>\n      <groupId>org.")
                    .append(dep.packageName().replace('-', '.'))
                    .append("</groupId>\n      <artifactId>")
                    .append(dep.packageName())
                    .append("</artifactId>\n      <version>")
                    .append(dep.range())
                    .append("</version>\n      <scope>")
                    .append(dep.scope().name().toLowerCase(java.util.Locale.ROOT))
                    .append("</scope>\n    </dependency>\n");
        }
        text.append("  </dependencies>\n</project>\n<!-- ")
                .append(SampleText.sentence(random, 20, 60))
                .append(" -->\n");
        return text.toString();
    }

    static String wheelMetadata(
            SplittableRandom random, String name, String version, String summary, List<Dependency> deps) {
        StringBuilder text = new StringBuilder(1024);
        text.append("Metadata-Version: 2.1\nName: ")
                .append(name)
                .append("\nVersion: ")
                .append(version);
        text.append("\nSummary: ").append(summary).append("\nLicense: Apache-2.0\n");
        for (Dependency dep : deps) {
            text.append("Requires-Dist: ")
                    .append(dep.packageName())
                    .append(" (")
                    .append(dep.range());
            text.append(')').append(dep.scope() == Dependency.Scope.OPTIONAL ? " ; extra == \"all\"" : "");
            text.append('\n');
        }
        text.append('\n').append(SampleText.sentence(random, 40, 120)).append('\n');
        return text.toString();
    }

    static String imageConfig(
            SplittableRandom random, String name, String version, String summary, List<Dependency> deps) {
        StringBuilder text = new StringBuilder(1024);
        text.append("{\"config\":{\"Labels\":{\"org.opencontainers.image.title\":\"")
                .append(name);
        text.append("\",\"org.opencontainers.image.version\":\"").append(version);
        text.append("\",\"org.opencontainers.image.description\":\"")
                .append(summary)
                .append("\"},");
        text.append("\"Env\":[\"PATH=/usr/local/bin:/usr/bin:/bin\"],\"Cmd\":[\"/usr/local/bin/")
                .append(name)
                .append("\"]},\"history\":[");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            text.append(i == 0 ? "" : ",").append("{\"created_by\":\"COPY --from=");
            text.append(dep.packageName()).append(':').append(dep.range()).append(" /opt /opt\"}");
        }
        text.append("],\"comment\":\"")
                .append(SampleText.sentence(random, 20, 60))
                .append("\"}\n");
        return text.toString();
    }
}
