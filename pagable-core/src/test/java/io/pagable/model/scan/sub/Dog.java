package io.pagable.model.scan.sub;

import io.pagable.PagableType;
import io.pagable.model.scan.Pet;

@PagableType("scan.dog")
public record Dog(String name) implements Pet {}
