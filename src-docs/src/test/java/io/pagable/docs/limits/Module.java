package io.pagable.docs.limits;

import io.pagable.PagableNode;
import java.util.List;

/**
 * A node whose list can be filled after construction, which is how a cycle gets built.
 *
 * @param name the module's name
 * @param uses the modules it uses
 */
@PagableNode
public record Module(String name, List<Module> uses) {}
