package dev.sextant.trading.risk;

import dev.sextant.trading.core.Side;

/**
 * Working orders approved by the engine and not yet closed, keyed by client order id: an
 * open-addressing hash table with linear probing and backward-shift deletion on parallel
 * arrays, so that adding and removing an order allocates nothing (the table grows, rarely, when
 * half full). Guarded by the engine's lock.
 */
final class InFlightOrders {
    private String[] ids;
    private InstrumentBook[] books;
    private boolean[] buys;
    private double[] remaining;
    private int size;
    private int mask;

    InFlightOrders(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) * 2 - 1);
        allocate(capacity);
    }

    private void allocate(int capacity) {
        ids = new String[capacity];
        books = new InstrumentBook[capacity];
        buys = new boolean[capacity];
        remaining = new double[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The slot of {@code id}, or -1. */
    int find(String id) {
        int i = spread(id.hashCode()) & mask;
        while (ids[i] != null) {
            if (ids[i].equals(id)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    boolean contains(String id) {
        return find(id) >= 0;
    }

    InstrumentBook book(int slot) {
        return books[slot];
    }

    Side side(int slot) {
        return buys[slot] ? Side.BUY : Side.SELL;
    }

    double remaining(int slot) {
        return remaining[slot];
    }

    void setRemaining(int slot, double value) {
        remaining[slot] = value;
    }

    /** Adds a new order; the id must not be present. */
    void add(String id, InstrumentBook book, Side side, double quantity) {
        if ((size + 1) * 2 > ids.length) {
            grow();
        }
        int i = spread(id.hashCode()) & mask;
        while (ids[i] != null) {
            i = (i + 1) & mask;
        }
        ids[i] = id;
        books[i] = book;
        buys[i] = side == Side.BUY;
        remaining[i] = quantity;
        size++;
    }

    /** Removes the order in {@code slot}. */
    void remove(int slot) {
        int hole = slot;
        int i = (slot + 1) & mask;
        while (ids[i] != null) {
            int home = spread(ids[i].hashCode()) & mask;
            // Move the entry back into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                ids[hole] = ids[i];
                books[hole] = books[i];
                buys[hole] = buys[i];
                remaining[hole] = remaining[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        ids[hole] = null;
        books[hole] = null;
        size--;
    }

    private void grow() {
        String[] oldIds = ids;
        InstrumentBook[] oldBooks = books;
        boolean[] oldBuys = buys;
        double[] oldRemaining = remaining;
        allocate(oldIds.length * 2);
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != null) {
                add(oldIds[i], oldBooks[i], oldBuys[i] ? Side.BUY : Side.SELL, oldRemaining[i]);
            }
        }
    }
}
