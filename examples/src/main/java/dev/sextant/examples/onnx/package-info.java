/**
 * Example 5, bring your own network: the committed reference LSTM, exported from PyTorch to ONNX,
 * runs through the ONNX adapter, reproduces PyTorch's outputs, shows the typed errors a user meets
 * when network and features disagree, and feeds the pipeline's signal source.
 */
package dev.sextant.examples.onnx;
