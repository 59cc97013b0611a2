/**
 * Model validation: walk-forward splits that purge training rows whose labels overlap the test
 * block and embargo the rows next to it, labelled predictions, and classification metrics.
 */
package dev.sextant.trading.models.validation;
