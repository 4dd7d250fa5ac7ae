package io.pagable.model;

public enum Color {
    RED,
    GREEN,
    BLUE
}
