package io.pagable.sample.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic filler text for generated packages: names, descriptions, READMEs, digests. */
final class SampleText {

    private static final String[] PREFIXES = {
        "fast", "tiny", "async", "lazy", "safe", "simple", "smart", "micro", "hyper", "open", "super", "native",
        "cloud", "data", "web", "core", "lite", "pure", "quick", "deep"
    };

    private static final String[] NOUNS = {
        "json",
        "yaml",
        "http",
        "cache",
        "graph",
        "parser",
        "logger",
        "queue",
        "crypto",
        "image",
        "stream",
        "router",
        "config",
        "schema",
        "metrics",
        "auth",
        "mail",
        "template",
        "archive",
        "socket",
        "pool",
        "scheduler",
        "diff",
        "search",
        "table",
        "vector",
        "tensor",
        "sql",
        "csv",
        "xml",
        "grpc",
        "proto",
        "shell",
        "test",
        "mock",
        "lint"
    };

    private static final String[] SUFFIXES = {"", "", "", "kit", "core", "utils", "client", "server", "lib", "js", "rs"
    };

    private static final String[] WORDS = {
        "the",
        "a",
        "library",
        "for",
        "fast",
        "and",
        "safe",
        "handling",
        "of",
        "data",
        "with",
        "zero",
        "copy",
        "support",
        "streaming",
        "large",
        "files",
        "without",
        "loading",
        "them",
        "into",
        "memory",
        "configurable",
        "pluggable",
        "backends",
        "tested",
        "on",
        "every",
        "platform",
        "it",
        "provides",
        "simple",
        "API",
        "that",
        "works",
        "in",
        "both",
        "synchronous",
        "asynchronous",
        "code",
        "use",
        "when",
        "you",
        "need",
        "predictable",
        "latency",
        "under",
        "load",
        "each",
        "call",
        "returns",
        "immutable",
        "values",
        "which",
        "can",
        "be",
        "shared",
        "between",
        "threads",
        "errors",
        "are",
        "reported",
        "as",
        "typed",
        "exceptions",
        "see",
        "examples",
        "below",
        "details",
        "about",
        "performance",
        "options",
        "defaults",
        "compatibility",
        "release",
        "notes"
    };

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SampleText() {}

    static String packageName(SplittableRandom random) {
        String suffix = SUFFIXES[random.nextInt(SUFFIXES.length)];
        String name = PREFIXES[random.nextInt(PREFIXES.length)] + "-" + NOUNS[random.nextInt(NOUNS.length)];
        return suffix.isEmpty() ? name : name + "-" + suffix;
    }

    static String sentence(SplittableRandom random, int minWords, int maxWords) {
        StringBuilder text = new StringBuilder();
        int words = random.nextInt(minWords, maxWords + 1);
        for (int i = 0; i < words; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (i == 0) {
                text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                text.append(' ').append(word);
            }
        }
        return text.append('.').toString();
    }

    static List<String> keywords(SplittableRandom random) {
        List<String> keywords = new ArrayList<>();
        for (int i = random.nextInt(1, 6); i > 0; i--) {
            keywords.add(NOUNS[random.nextInt(NOUNS.length)]);
        }
        return List.copyOf(keywords);
    }

    /** A README of about 1 to 6 KB. */
    static String readme(SplittableRandom random, String name, String description, String install) {
        StringBuilder text = new StringBuilder(4096);
        text.append("# ").append(name).append("\n\n").append(description).append("\n\n");
        text.append("## Installation\n\n```\n").append(install).append("\n```\n\n## Usage\n\n");
        for (int i = random.nextInt(2, 12); i > 0; i--) {
            paragraph(random, text);
        }
        text.append("## License\n\nApache-2.0\n");
        return text.toString();
    }

    private static void paragraph(SplittableRandom random, StringBuilder text) {
        for (int i = random.nextInt(2, 7); i > 0; i--) {
            text.append(sentence(random, 6, 18)).append(' ');
        }
        text.setLength(text.length() - 1);
        text.append("\n\n");
    }

    static String hex(SplittableRandom random, int length) {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = HEX[random.nextInt(16)];
        }
        return new String(digits);
    }
}
