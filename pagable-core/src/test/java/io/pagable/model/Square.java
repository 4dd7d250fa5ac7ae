package io.pagable.model;

import io.pagable.PagableType;

@PagableType("shape.square")
public record Square(double side) implements Shape {

    @Override
    public double area() {
        return side * side;
    }
}
