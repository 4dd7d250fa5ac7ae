package io.pagable.sample.graph;

/** Thrown when a graph is generated under a name that is taken. */
public class GraphExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name the taken name
     */
    public GraphExistsException(String name) {
        super("A graph named '" + name + "' exists already; choose another name");
    }
}
