package io.pagable.model;

import java.util.List;
import java.util.Map;

/** Parts at every kind of polymorphic position: a field, a list and map values. */
public record Kit(String name, Part main, List<Part> parts, Map<String, Part> named) {}
