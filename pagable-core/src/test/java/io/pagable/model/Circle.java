package io.pagable.model;

import io.pagable.PagableType;

@PagableType("shape.circle")
public record Circle(double radius) implements Shape {

    @Override
    public double area() {
        return Math.PI * radius * radius;
    }
}
