/**
 * Signal service internals, not part of the API: admission control, per-token rate limiting, the
 * per-request view of the shared model, and static files served without escaping their folder.
 */
package dev.sextant.trading.service.internal;
