package io.pagable.store.jdbc;

import io.pagable.PagableNode;
import io.pagable.PagableType;
import java.util.ArrayList;
import java.util.List;

/** A small object model for engine tests: assemblies of shared parts with polymorphic shapes. */
public final class GraphModel {

    private GraphModel() {}

    /** A polymorphic field type. */
    public interface Shape {}

    /** A tagged shape. */
    @PagableType("tck.circle")
    public record Circle(int radius) implements Shape {}

    /** Another tagged shape. */
    @PagableType("tck.square")
    public record Square(int side) implements Shape {}

    /** A shared node: one stored node per distinct part, however many assemblies use it. */
    @PagableNode
    public record Part(String name, Shape shape, List<Part> parts) {}

    /** A root value. */
    public record Assembly(String name, List<Part> parts) {}

    /**
     * Builds {@code count} assemblies that share parts heavily: 30 leaf parts, 20 middle parts of
     * three leaves each, and assemblies of three middle parts and one leaf.
     */
    public static List<Assembly> assemblies(int count) {
        List<Part> leaves = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Shape shape = (i % 2 == 0) ? new Circle(i) : new Square(i);
            leaves.add(new Part("leaf-" + i, shape, List.of()));
        }
        List<Part> middles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            middles.add(new Part(
                    "middle-" + i,
                    new Square(100 + i),
                    List.of(leaves.get(i % 30), leaves.get((i + 7) % 30), leaves.get((i + 13) % 30))));
        }
        List<Assembly> assemblies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assemblies.add(new Assembly(
                    "assembly-" + i,
                    List.of(
                            middles.get(i % 20),
                            middles.get((i + 3) % 20),
                            middles.get((i + 5) % 20),
                            leaves.get(i % 30))));
        }
        return assemblies;
    }
}
