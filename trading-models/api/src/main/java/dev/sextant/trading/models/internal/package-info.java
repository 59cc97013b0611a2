/**
 * Model API internals, not part of the API: the logistic regression providers and trainers,
 * L-BFGS, strict JSON, SHA-256, bounded zip extraction and checked model wrappers.
 */
package dev.sextant.trading.models.internal;
