/**
 * Labels for training: fixed-horizon and triple-barrier labelers over closes, in batch and
 * streaming, each labelling a bar by what the closes after it do within a stated horizon.
 */
package dev.sextant.trading.models.labels;
