package io.pagable.model;

/** A number, to count successful compare-and-set updates of a root. */
public record Counter(long value) {}
