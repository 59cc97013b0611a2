/**
 * Execution algorithms: a parent order worked through child orders on a TWAP or VWAP schedule (the
 * latter from a volume profile), each child order passing the pre-trade gate of a broker session.
 */
package dev.sextant.trading.broker.algo;
