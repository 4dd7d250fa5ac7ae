package io.pagable.model;

/** Large data held through an arc. */
public record Payload(String description, byte[] data) {}
