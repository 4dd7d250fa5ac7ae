package io.pagable.sample.graph;

import java.util.SplittableRandom;

/** Semantic version numbers. */
record VersionNumber(int major, int minor, int patch) {

    static VersionNumber first(SplittableRandom random) {
        return (random.nextDouble() < 0.5) ? new VersionNumber(0, 1, 0) : new VersionNumber(1, 0, 0);
    }

    VersionNumber next(SplittableRandom random) {
        double roll = random.nextDouble();
        if (roll < 0.6) {
            return new VersionNumber(major, minor, patch + 1);
        }
        return (roll < 0.9) ? new VersionNumber(major, minor + 1, 0) : new VersionNumber(major + 1, 0, 0);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
