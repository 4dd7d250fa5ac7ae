package io.pagable.model;

import io.pagable.PagableArc;
import java.util.List;

/** A root holding lazy children. */
public record Module(String name, List<PagableArc<Target>> targets) {}
