/**
 * Model lifecycle: champion and challenger compared on the same bars by a statistical test
 * ({@link dev.sextant.trading.engine.lifecycle.ShadowComparison},
 * {@link dev.sextant.trading.engine.lifecycle.PromotionRule}), so that which model trades is a
 * measured decision.
 */
package dev.sextant.trading.engine.lifecycle;
