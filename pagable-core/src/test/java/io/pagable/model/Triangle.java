package io.pagable.model;

/** Deliberately without a tag: writing it into a Shape field must fail. */
public record Triangle(double base, double height) implements Shape {

    @Override
    public double area() {
        return base * height / 2;
    }
}
