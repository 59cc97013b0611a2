/**
 * Feature engine internals, not part of the API: the registry of feature kinds, the plan of pooled
 * indicators and formulas per time frame, canonical JSON for spec hashes, and indicator state
 * saving.
 */
package dev.sextant.trading.features.internal;
