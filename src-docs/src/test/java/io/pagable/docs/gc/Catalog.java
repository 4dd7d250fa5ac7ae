package io.pagable.docs.gc;

import io.pagable.PagableArc;
import java.util.List;

/** A catalog whose entries page out one by one. */
public record Catalog(int version, List<PagableArc<String>> entries) {}
