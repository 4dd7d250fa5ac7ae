package io.pagable.model;

import java.util.Objects;

/** A final class with a private constructor-based creator and no setters. */
public final class Money {

    private final String currency;

    private final long cents;

    public Money(String currency, long cents) {
        this.currency = currency;
        this.cents = cents;
    }

    public String currency() {
        return currency;
    }

    public long cents() {
        return cents;
    }

    @Override
    public boolean equals(Object obj) {
        return (obj instanceof Money other) && currency.equals(other.currency) && cents == other.cents;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, cents);
    }

    @Override
    public String toString() {
        return cents + " " + currency;
    }
}
