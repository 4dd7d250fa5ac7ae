package io.pagable.boot.autoconfigure.model;

public interface Shape {}
