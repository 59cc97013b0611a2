package dev.sextant.trading.features.internal;

import dev.sextant.trading.features.indicators.Indicator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct indicators that the features of one plan read: features asking for the same
 * indicator (same class and name, hence same parameters) share one instance, updated once per
 * bar. Not thread-safe; used while building a plan.
 */
public final class IndicatorPool {
    private final Map<String, Indicator> byKey = new LinkedHashMap<>();

    /** The pooled indicator equal to {@code candidate}, adding it if it is new. */
    public Indicator get(Indicator candidate) {
        return byKey.computeIfAbsent(candidate.getClass().getName() + ":" + candidate.name(), k -> candidate);
    }

    /** The distinct indicators in the order first requested. */
    public List<Indicator> indicators() {
        return new ArrayList<>(byKey.values());
    }
}
