package dev.sextant.trading.models;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the string hyper-parameters given to a {@link ModelTrainer}: typed values with defaults,
 * an {@link IllegalArgumentException} naming the trainer, key and value on a bad value, and
 * {@link #checkAllUsed()} to reject keys the trainer does not know. Adapters use it so that every
 * trainer reports parameter errors the same way.
 *
 * <p>Not thread-safe: create one per {@code train} call.
 */
public final class TrainerParams {

    private final Map<String, String> values;
    private final String owner;
    private final Set<String> used = new HashSet<>();

    /**
     * Wraps the parameters of one call.
     *
     * @param values the parameters given
     * @param owner  names the trainer in errors, e.g. {@code "smile-rf"}
     */
    public TrainerParams(Map<String, String> values, String owner) {
        this.values = Map.copyOf(java.util.Objects.requireNonNull(values, "params must not be null"));
        this.owner = owner;
    }

    /** A string parameter. */
    public String string(String key, String fallback) {
        used.add(key);
        String v = values.get(key);
        if (v != null && v.isBlank()) {
            throw new IllegalArgumentException(owner + " parameter '" + key + "' must not be blank");
        }
        return v == null ? fallback : v;
    }

    /** A positive finite double parameter. */
    public double positiveDouble(String key, double fallback) {
        double v = doubleValue(key, fallback);
        if (!(v > 0)) {
            throw new IllegalArgumentException(owner + " parameter '" + key + "' must be positive but was " + v);
        }
        return v;
    }

    /** A finite double parameter in [min, max]. */
    public double doubleIn(String key, double fallback, double min, double max) {
        double v = doubleValue(key, fallback);
        if (v < min || v > max) {
            throw new IllegalArgumentException(owner + " parameter '" + key + "' must be in [" + min + ", " + max
                    + "] but was " + v);
        }
        return v;
    }

    private double doubleValue(String key, double fallback) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + " parameter '" + key + "' must be a finite number but was '" + v + "'");
        }
    }

    /** A positive int parameter. */
    public int positiveInt(String key, int fallback) {
        long v = longValue(key, fallback);
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(owner + " parameter '" + key + "' must be a positive integer but was " + v);
        }
        return (int) v;
    }

    /** A long parameter of any sign (for example a seed). */
    public long longParam(String key, long fallback) {
        return longValue(key, fallback);
    }

    /** A boolean parameter, {@code true} or {@code false}. */
    public boolean bool(String key, boolean fallback) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(owner + " parameter '" + key + "' must be true or false but was '" + v + "'");
        };
    }

    private long longValue(String key, long fallback) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + " parameter '" + key + "' must be an integer but was '" + v + "'");
        }
    }

    /**
     * Checks every given key was read.
     *
     * @throws IllegalArgumentException naming every key that was given but never read
     */
    public void checkAllUsed() {
        Set<String> unknown = new java.util.TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " does not know the parameter(s) " + unknown
                    + "; known: " + new java.util.TreeSet<>(used));
        }
    }
}
