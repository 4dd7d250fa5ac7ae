package io.pagable;

/** A map key comparing an object by identity, for claims on arc and node instances. */
final class Identity {

    final Object object;

    private final int hash;

    Identity(Object object) {
        this.object = object;
        this.hash = System.identityHashCode(object);
    }

    @Override
    public boolean equals(Object obj) {
        return (obj instanceof Identity other) && other.object == object;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
