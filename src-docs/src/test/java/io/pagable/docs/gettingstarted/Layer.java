package io.pagable.docs.gettingstarted;

import java.util.List;

// tag::model[]
/** A layer: many shapes, of any registered kind. */
public record Layer(String name, List<Shape> shapes) {}
// end::model[]
