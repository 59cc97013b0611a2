/**
 * Smile adapter internals, not part of the API: the trainers and providers of each Smile model,
 * the saved-model format, and Java deserialization restricted to an allow-list of the exact Smile
 * and JDK classes the models consist of.
 */
package dev.sextant.trading.models.smile.internal;
