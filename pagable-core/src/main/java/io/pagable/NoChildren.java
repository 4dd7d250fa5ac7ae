package io.pagable;

import tools.jackson.databind.JavaType;

/** The child sink and source of a value without child references: they refuse any. */
enum NoChildren implements ChildSink, ChildSource {
    INSTANCE;

    @Override
    public int reference(Object child, boolean eager, JavaType declaredType) {
        throw new IllegalStateException(
                "The value refers to a " + child.getClass().getName()
                        + " child; encode it with a ChildSink that numbers children, not ChildSink.none()");
    }

    @Override
    public int count() {
        return 0;
    }

    @Override
    public boolean isEager(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public Object node(int index, JavaType type) {
        throw new IllegalStateException("The node has no children, but its bytes name child " + index);
    }

    @Override
    public PagableArc<?> arc(int index, JavaType valueType) {
        throw new IllegalStateException("The node has no children, but its bytes name child " + index);
    }
}
