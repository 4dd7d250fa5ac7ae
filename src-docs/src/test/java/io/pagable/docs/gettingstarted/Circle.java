package io.pagable.docs.gettingstarted;

import io.pagable.PagableType;

// tag::model[]
@PagableType("drawing.circle")
public record Circle(double x, double y, double radius) implements Shape {}
// end::model[]
