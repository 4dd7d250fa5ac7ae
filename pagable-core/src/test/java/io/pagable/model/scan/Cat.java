package io.pagable.model.scan;

import io.pagable.PagableType;

@PagableType("scan.cat")
public record Cat(String name) implements Pet {}
