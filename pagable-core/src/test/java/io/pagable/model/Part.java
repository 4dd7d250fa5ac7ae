package io.pagable.model;

/** A polymorphic test type whose implementations are shared nodes ({@link Bolt}, {@link Assembly}) or values. */
public interface Part {

    String name();
}
