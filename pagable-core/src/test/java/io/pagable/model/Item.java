package io.pagable.model;

/** One item of a {@link Catalog}. */
public record Item(String name, int version, String text) {}
