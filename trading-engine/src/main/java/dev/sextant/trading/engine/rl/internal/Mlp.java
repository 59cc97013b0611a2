package dev.sextant.trading.engine.rl.internal;

import java.util.SplittableRandom;

/**
 * A multilayer perceptron on {@code double[]}: tanh hidden layers, a linear output layer. The
 * parameters live in a caller's flat array from an offset, layer by layer: the weights of layer
 * {@code l} as {@code [out][in]} row-major, then its biases. Forward and backward passes write
 * into a {@link Workspace} and allocate nothing. Stateless apart from its shape; thread-safe
 * with one workspace per thread.
 */
public final class Mlp {
    private final int[] sizes;
    private final int[] offsets;
    private final int parameterCount;

    /** An MLP with layer widths {@code sizes} (input first, output last), at least two. */
    public Mlp(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output width");
        }
        this.sizes = sizes.clone();
        this.offsets = new int[sizes.length - 1];
        int n = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            if (sizes[l] <= 0 || sizes[l + 1] <= 0) {
                throw new IllegalArgumentException("layer widths must be positive but were " + java.util.Arrays.toString(sizes));
            }
            offsets[l] = n;
            n += sizes[l + 1] * sizes[l] + sizes[l + 1];
        }
        this.parameterCount = n;
    }

    /** Parameters of this MLP. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Input width. */
    public int inputSize() {
        return sizes[0];
    }

    /** Output width. */
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /**
     * Initialises the parameters at {@code offset}: weights normal with standard deviation
     * {@code gain / sqrt(in)} (the output layer with {@code outputGain}), biases 0.
     */
    public void initialise(double[] params, int offset, SplittableRandom random, double gain, double outputGain) {
        for (int l = 0; l < sizes.length - 1; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double sd = (l == sizes.length - 2 ? outputGain : gain) / Math.sqrt(in);
            int o = offset + offsets[l];
            for (int k = 0; k < out * in; k++) {
                params[o + k] = sd * random.nextGaussian();
            }
            for (int k = 0; k < out; k++) {
                params[o + out * in + k] = 0;
            }
        }
    }

    /** Buffers of one forward and backward pass. */
    public final class Workspace {
        final double[][] activations;
        final double[][] deltas;

        Workspace() {
            activations = new double[sizes.length][];
            deltas = new double[sizes.length][];
            for (int l = 0; l < sizes.length; l++) {
                activations[l] = new double[sizes[l]];
                deltas[l] = new double[sizes[l]];
            }
        }

        /** The output of the last forward pass (live buffer). */
        public double[] output() {
            return activations[sizes.length - 1];
        }
    }

    /** A fresh workspace for this MLP. */
    public Workspace workspace() {
        return new Workspace();
    }

    /** Forward pass of {@code input} (read from {@code inputOffset}); the output is in {@code ws.output()}. */
    public double[] forward(double[] params, int offset, double[] input, int inputOffset, Workspace ws) {
        System.arraycopy(input, inputOffset, ws.activations[0], 0, sizes[0]);
        int last = sizes.length - 2;
        for (int l = 0; l <= last; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] x = ws.activations[l];
            double[] y = ws.activations[l + 1];
            int w = offset + offsets[l];
            int b = w + out * in;
            for (int i = 0; i < out; i++) {
                double s = params[b + i];
                int row = w + i * in;
                for (int j = 0; j < in; j++) {
                    s += params[row + j] * x[j];
                }
                y[i] = l == last ? s : Math.tanh(s);
            }
        }
        return ws.output();
    }

    /**
     * Backward pass after {@link #forward} on the same workspace: adds the gradient of a loss
     * whose derivative with respect to the output is {@code outputGradient} to {@code gradient}
     * (same layout as the parameters, from {@code offset}).
     */
    public void backward(double[] params, int offset, double[] outputGradient, Workspace ws, double[] gradient) {
        int layers = sizes.length - 1;
        System.arraycopy(outputGradient, 0, ws.deltas[layers], 0, sizes[layers]);
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] x = ws.activations[l];
            double[] d = ws.deltas[l + 1];
            int w = offset + offsets[l];
            int b = w + out * in;
            for (int i = 0; i < out; i++) {
                double di = d[i];
                gradient[b + i] += di;
                int row = w + i * in;
                for (int j = 0; j < in; j++) {
                    gradient[row + j] += di * x[j];
                }
            }
            if (l > 0) {
                double[] dx = ws.deltas[l];
                for (int j = 0; j < in; j++) {
                    double s = 0;
                    for (int i = 0; i < out; i++) {
                        s += params[w + i * in + j] * d[i];
                    }
                    // x is tanh of the pre-activation: its derivative is 1 - x^2.
                    dx[j] = s * (1 - x[j] * x[j]);
                }
            }
        }
    }
}
