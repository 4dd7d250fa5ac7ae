package io.pagable.boot.autoconfigure.model;

import io.pagable.PagableType;

@PagableType("boot.test.circle")
public record Circle(double radius) implements Shape {}
