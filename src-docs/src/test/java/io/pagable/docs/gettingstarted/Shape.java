package io.pagable.docs.gettingstarted;

// tag::model[]
/** Fields of this type are polymorphic: each shape is stored under its tag. */
public sealed interface Shape permits Circle, Polygon {}
// end::model[]
