package io.pagable.docs.gettingstarted;

import io.pagable.PagableType;
import java.util.List;

// tag::model[]
@PagableType("drawing.polygon")
public record Polygon(List<Double> xs, List<Double> ys) implements Shape {}
// end::model[]
