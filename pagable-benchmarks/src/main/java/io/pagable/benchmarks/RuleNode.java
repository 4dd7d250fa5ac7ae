package io.pagable.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One rule of a build graph, the shape of node the engine encodes one at a time: a name, a kind,
 * 3–6 string attributes, the indices of its dependencies (the engine writes child references as
 * indices), an opaque payload of 64–512 bytes, a timestamp and an optional test size.
 *
 * @param name the rule's label, e.g. {@code //services/m12/p3:lib_7}
 * @param kind the rule's kind
 * @param attributes the rule's string attributes
 * @param dependencies indices of the rules this one depends on
 * @param payload opaque bytes (a digest list, a serialized action, ...)
 * @param modified when the rule was last changed
 * @param testSize the size of a test rule; empty for other kinds
 */
public record RuleNode(
        String name,
        RuleKind kind,
        Map<String, String> attributes,
        List<Integer> dependencies,
        byte[] payload,
        Instant modified,
        Optional<String> testSize) {

    private static final String[] ATTRIBUTE_NAMES = {
        "srcs", "visibility", "copts", "resources", "tags", "licenses", "main_class", "deps_mode", "features"
    };

    private static final String[] TEST_SIZES = {"small", "medium", "large"};

    /** The kind of a {@link RuleNode}. */
    public enum RuleKind {
        /** A library. */
        JAVA_LIBRARY,
        /** A binary. */
        JAVA_BINARY,
        /** A test. */
        JAVA_TEST,
        /** A generated-file rule. */
        GENRULE,
        /** A group of files. */
        FILEGROUP,
        /** Protocol buffer definitions. */
        PROTO_LIBRARY
    }

    /**
     * Generates a graph of rules, deterministic for a seed. Each rule depends on 0–7 earlier rules,
     * chosen with a skew towards popular ones; attribute maps are filled in a random order, so a
     * canonical encoder has to sort them.
     *
     * @param count number of rules
     * @param seed the random seed
     * @return the rules, in topological order
     */
    public static List<RuleNode> randomGraph(int count, long seed) {
        Random random = new Random(seed);
        Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
        RuleKind[] kinds = RuleKind.values();
        List<RuleNode> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RuleKind kind = kinds[random.nextInt(kinds.length)];
            String name = "//services/m" + random.nextInt(64) + "/p" + random.nextInt(16) + ":"
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + i;
            byte[] payload = new byte[64 + random.nextInt(449)];
            random.nextBytes(payload);
            Instant modified = epoch.plusMillis(random.nextInt(Integer.MAX_VALUE));
            Optional<String> testSize = (kind == RuleKind.JAVA_TEST)
                    ? Optional.of(TEST_SIZES[random.nextInt(TEST_SIZES.length)])
                    : Optional.empty();
            rules.add(new RuleNode(
                    name, kind, attributes(random, i), dependencies(random, i), payload, modified, testSize));
        }
        return rules;
    }

    private static Map<String, String> attributes(Random random, int index) {
        List<String> names = new ArrayList<>(Arrays.asList(ATTRIBUTE_NAMES));
        Collections.shuffle(names, random);
        int count = 3 + random.nextInt(4);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : names.subList(0, count)) {
            attributes.put(attribute, attributeValue(random, attribute, index));
        }
        return attributes;
    }

    private static String attributeValue(Random random, String attribute, int index) {
        return switch (attribute) {
            case "srcs" -> "src/main/java/com/example/m" + random.nextInt(64) + "/Source" + index + ".java";
            case "visibility" ->
                random.nextBoolean() ? "//visibility:public" : "//services/m" + random.nextInt(64) + ":__subpackages__";
            case "copts" -> "-Xlint:all -Werror";
            case "main_class" -> "com.example.m" + random.nextInt(64) + ".Main" + index;
            case "tags" -> random.nextBoolean() ? "manual" : "no-remote,requires-network";
            default -> attribute + "_value_" + random.nextInt(1000);
        };
    }

    private static List<Integer> dependencies(Random random, int index) {
        if (index == 0) {
            return List.of();
        }
        int count = random.nextInt(8);
        List<Integer> dependencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double skew = random.nextDouble();
            dependencies.add((int) (skew * skew * index));
        }
        return dependencies;
    }
}
