package io.pagable.model;

import java.util.List;
import java.util.Map;

/** Polymorphic values in a field, a list and a map. */
public record Drawing(String title, Shape main, List<Shape> shapes, Map<String, Shape> named) {}
