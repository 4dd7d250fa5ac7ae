package io.pagable.reliability;

import io.pagable.model.Shape;

/**
 * A class that must never be loaded from data: initializing it, or calling its constructor, leaves a
 * mark the tests look for without touching the class themselves. It is a {@link Shape}, so that a
 * forged tag naming it would fit a polymorphic field if the codec ever resolved class names.
 */
public final class Tripwire implements Shape {

    static final String INITIALIZED = "pagable.test.tripwire.initialized";

    static final String CONSTRUCTED = "pagable.test.tripwire.constructed";

    static {
        System.setProperty(INITIALIZED, "true");
    }

    public Tripwire() {
        System.setProperty(CONSTRUCTED, "true");
    }

    @Override
    public double area() {
        return 0;
    }
}
