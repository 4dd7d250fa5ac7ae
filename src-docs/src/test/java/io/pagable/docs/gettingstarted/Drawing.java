package io.pagable.docs.gettingstarted;

import io.pagable.PagableArc;
import java.util.List;

// tag::model[]
/** A drawing: its layers can each leave the heap, and load only when used. */
public record Drawing(String title, List<PagableArc<Layer>> layers) {}
// end::model[]
