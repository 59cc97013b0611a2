package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void computesSpreadCommissionAndSquareRootImpact() {
        CostModel m = new CostModel(10, 5, 0.01, 1, 0.5);
        TradeCost c = m.cost(100, 50, 0.02, 10_000);
        assertEquals(5000 * 10 / 2.0 / 10_000, c.spread(), 1e-12);
        assertEquals(5000 * 5 / 10_000.0 + 1, c.commission(), 1e-12);
        assertEquals(0.5 * 0.02 * Math.sqrt(0.01) * 5000, c.impact(), 1e-12);
        assertEquals(c.spread() + c.commission() + c.impact(), c.total(), 1e-12);
    }

    @Test
    void appliesMinimumCommission() {
        CostModel m = new CostModel(0, 1, 0, 2.5, 0);
        assertEquals(2.5, m.cost(1, 10, 0, 0).commission(), 0);
    }

    @Test
    void zeroQuantityCostsNothing() {
        assertEquals(0, new CostModel(10, 10, 1, 1, 1).cost(0, 10, 0.1, 1).total(), 0);
    }

    @Test
    void rejectsNegativeParameters() {
        assertThrows(IllegalArgumentException.class, () -> new CostModel(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CostModel.ZERO.cost(1, -5, 0, 0));
    }
}
