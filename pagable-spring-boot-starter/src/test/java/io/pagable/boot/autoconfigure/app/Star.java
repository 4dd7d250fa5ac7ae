package io.pagable.boot.autoconfigure.app;

import io.pagable.PagableType;
import io.pagable.boot.autoconfigure.model.Shape;

@PagableType("boot.test.star")
public record Star(int points) implements Shape {}
