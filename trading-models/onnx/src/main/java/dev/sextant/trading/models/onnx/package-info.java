/**
 * ONNX Runtime adapter: any ONNX classifier or exported policy with a vector or sequence input as
 * a Sextant model, on CPU, CUDA or TensorRT, with its signature checked at load.
 */
package dev.sextant.trading.models.onnx;
