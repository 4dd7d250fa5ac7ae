package io.pagable.model;

/** A polymorphic test type: its implementations carry stable tags. */
public interface Shape {

    double area();
}
