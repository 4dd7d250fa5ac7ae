package io.pagable.model.scan;

public interface Pet {}
