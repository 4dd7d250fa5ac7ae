package io.pagable.boot.autoconfigure.model;

import io.pagable.PagableArc;
import java.util.List;

/**
 * Drawings held lazily, each through its own arc.
 *
 * @param drawings the drawings
 */
public record Album(List<PagableArc<Drawing>> drawings) {}
