package org.cerise.examples.tut11.stock;

import java.util.Map;
import java.util.NoSuchElementException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The shelves of the superstore, shared by every till. Safe for concurrent use: two tills
 * never sell the same item twice.
 */
@ProviderType
public interface Stock {

    /**
     * @return every item the store sells and how many are on the shelf now, by name; empty
     *         while the crew is not at work (before the engine starts, after it stops)
     */
    Map<String, Integer> levels();

    /**
     * Takes items off a shelf.
     *
     * @param item     the item's name, as in {@link #levels()}
     * @param quantity how many the customer wants, at least 0
     * @return how many were taken: {@code quantity}, or what was left if fewer
     * @throws NoSuchElementException   if the store does not sell that item (or is closed)
     * @throws IllegalArgumentException if the quantity is negative
     */
    int take(String item, int quantity);

    /** @return how many times the crew has restocked a shelf since it started */
    long restocks();
}
