package io.pagable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Explains a value that nests deeper than the codec writes within one node: a cycle among plain
 * values (records, classes, collections, maps), which Jackson follows until its nesting limit, or an
 * acyclic value that is merely too deep. Encoding pays nothing for it: it reads, after the limit was
 * hit, the path Jackson's serializers recorded on the failure (each step's instance and the
 * property, index or key followed), where a cycle shows as one instance met twice.
 */
final class DeepNesting {

    /** Steps of a too deep value's path shown in its message. */
    private static final int SHOWN_STEPS = 3;

    /** Characters of a map key shown in a path step. */
    private static final int SHOWN_KEY_CHARS = 24;

    private DeepNesting() {}

    /** Returns the nesting-depth failure among a failure's causes, or {@code null}. */
    static @Nullable JacksonException nestingLimit(JacksonException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException constraint
                    && String.valueOf(constraint.getOriginalMessage()).contains("nesting depth")) {
                return constraint;
            }
        }
        return null;
    }

    /**
     * Explains where a value passes the nesting limit.
     *
     * @param value the node's root value
     * @param failure the nesting-depth failure, with the path Jackson recorded
     * @param maxDepth the limit
     * @return a {@link CycleException} with the cycle's path, or an exception naming the limit
     */
    static PagableException explain(Object value, JacksonException failure, int maxDepth) {
        List<Step> steps = steps(failure.getPath());
        Map<Object, Integer> seenAt = new IdentityHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (Object met : steps.get(i).values) {
                Integer first = seenAt.putIfAbsent(met, i);
                if (first != null) {
                    List<String> path = new ArrayList<>();
                    for (Step onCycle : steps.subList(first, i)) {
                        path.add(onCycle.label.toString());
                    }
                    path.add(typeName(met));
                    return new CycleException(path);
                }
            }
        }
        return tooDeep(value, steps, maxDepth, failure);
    }

    /**
     * The path from the root, one step per object (a record or class) with the property followed and
     * the collection indices or map keys below it, such as {@code Mod.children[0]}; a collection or map
     * at the root, or met again within a step, starts a step of its own.
     */
    private static List<Step> steps(List<JacksonException.Reference> references) {
        List<Step> steps = new ArrayList<>();
        Step current = null;
        for (JacksonException.Reference reference : references) {
            Object from = reference.from();
            boolean container = from == null || isContainer(from);
            if (current == null || !container || current.holds(from)) {
                current = new Step(typeName(from));
                steps.add(current);
            }
            if (from != null) {
                current.values.add(from);
            }
            String name = reference.getPropertyName();
            if (!container) {
                current.label.append('.').append(name);
            } else if (name != null) {
                String key = (name.length() <= SHOWN_KEY_CHARS) ? name : name.substring(0, SHOWN_KEY_CHARS) + "…";
                current.label.append('[').append(key).append(']');
            } else {
                current.label.append('[').append(reference.getIndex()).append(']');
            }
        }
        return steps;
    }

    private static boolean isContainer(Object value) {
        return value instanceof Collection<?>
                || value instanceof Map<?, ?>
                || value.getClass().isArray();
    }

    private static String typeName(@Nullable Object value) {
        if (value == null) {
            return "?";
        }
        String name = value.getClass().getSimpleName();
        return name.isEmpty() ? value.getClass().getName() : name;
    }

    private static PagableException tooDeep(Object value, List<Step> steps, int maxDepth, JacksonException failure) {
        StringBuilder where = new StringBuilder();
        for (Step step : steps.subList(0, Math.min(SHOWN_STEPS, steps.size()))) {
            where.append(where.isEmpty() ? " (at " : " -> ").append(step.label);
        }
        if (!where.isEmpty()) {
            where.append(" -> …)");
        }
        return new PagableException(
                "Cannot encode a " + value.getClass().getName() + ": it nests deeper than the nesting depth limit of "
                        + maxDepth + " objects, arrays and maps within one node" + where
                        + ". Store the deep parts as nodes of their own: hold them through a PagableArc, or annotate "
                        + "the recurring class with @PagableNode.",
                failure);
    }

    /** One step of the path: its label and the instances it passes through. */
    private static final class Step {

        final StringBuilder label;

        final List<Object> values = new ArrayList<>(2);

        Step(String type) {
            this.label = new StringBuilder(type);
        }

        /** Whether the step passes through this instance already (a collection holding itself). */
        boolean holds(@Nullable Object value) {
            for (Object held : values) {
                if (held == value) {
                    return true;
                }
            }
            return false;
        }
    }
}
