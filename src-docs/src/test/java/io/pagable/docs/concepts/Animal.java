package io.pagable.docs.concepts;

import io.pagable.PagableType;
import java.util.List;
import java.util.Map;

// tag::tags[]
public interface Animal {} // a field of this type is polymorphic

@PagableType("zoo.cat") // the tag is stored, never the class name
record Cat(String name, int lives) implements Animal {}

@PagableType("zoo.dog")
record Dog(String name, boolean goodBoy) implements Animal {}

record Zoo(Animal star, List<Animal> animals, Map<String, Animal> byKeeper) {}
// end::tags[]
