/**
 * The {@code sextant} command line: one picocli command per class ({@code train}, {@code
 * backtest}, {@code walkforward}, {@code paper}, {@code serve}, {@code audit} and others), each a
 * thin shell that parses its options, calls the library and writes its outputs atomically. {@code
 * SextantCli} lists the commands.
 */
package dev.sextant.examples.cli;
