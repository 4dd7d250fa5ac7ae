package io.pagable.boot.autoconfigure.model;

import java.util.List;

public record Drawing(String title, List<Shape> shapes) {}
