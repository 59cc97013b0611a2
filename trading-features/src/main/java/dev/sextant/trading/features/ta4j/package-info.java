/**
 * Ta4j interop: converting series between Ta4j and Sextant and exposing any Sextant indicator
 * as a Ta4j {@code Indicator<Num>}. Needs {@code org.ta4j:ta4j-core} on the class or module path;
 * nothing else in Sextant does.
 */
package dev.sextant.trading.features.ta4j;
