package io.pagable.sample.registry;

import io.pagable.PagableArc;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

// tag::package[]
/**
 * A package: its versions are loaded with it (they are {@code @PagableNode}s), its README is not.
 *
 * @param name the package name, unique in the registry
 * @param description one line about the package
 * @param keywords search keywords
 * @param readme the README, a large Markdown text loaded on first use
 * @param versions every version, oldest first
 * @param distTags tags such as {@code latest}, each naming one of {@code versions}: the same instance
 */
public record PackageEntry(
        String name,
        String description,
        List<String> keywords,
        PagableArc<Readme> readme,
        List<Version> versions,
        Map<String, Version> distTags) {
    // end::package[]

    /**
     * Finds a version by its number.
     *
     * @param number the version number, e.g. {@code 1.2.0}
     * @return the version, or {@code null} if the package has none by that number
     */
    public @Nullable Version version(String number) {
        for (Version version : versions) {
            if (version.number().equals(number)) {
                return version;
            }
        }
        return null;
    }
    // tag::package[]
}
// end::package[]
