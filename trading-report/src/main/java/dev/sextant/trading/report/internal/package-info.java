/**
 * Tear sheet internals, not part of the API: the strict reading of a report folder, the analytics
 * computed from it, and the rendering of the page.
 */
package dev.sextant.trading.report.internal;
