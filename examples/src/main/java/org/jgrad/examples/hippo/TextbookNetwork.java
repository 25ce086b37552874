package org.jgrad.examples.hippo;

import org.jgrad.core.Generator;

/**
 * The network of Nielsen's <i>Neural Networks and Deep Learning</i>, chapter 1-2, written the way the book
 * writes it: plain {@code double} arrays, one sample at a time, and backpropagation by hand. Read it next to
 * {@link AutogradNetwork}, which computes the same gradients with {@code backward()}.
 *
 * <p>For layer {@code l} (weights {@code w[l]} of shape {@code [out, in]}, biases {@code b[l]} of {@code [out]}):
 * <pre>
 * forward:   z = w a + b,   a' = sigmoid(z)              (every z and a kept)
 * output:    delta = (a - y) * sigmoid'(z)               (the cost is C = 1/2 ||y - a||^2)
 * going back: delta = (w_next^T delta_next) * sigmoid'(z)
 * gradients: nabla_b = delta,   nabla_w = delta a_prev^T  (per sample; a mini-batch averages them)
 * update:    w -= eta * mean(nabla_w),  b -= eta * mean(nabla_b)
 * </pre>
 *
 * <pre>{@code
 * TextbookNetwork net = new TextbookNetwork(new int[] {784, 30, 10}, new Generator(1));
 * net.updateMiniBatch(images, labels, 3.0);   // one SGD step on a mini-batch
 * }</pre>
 */
public final class TextbookNetwork {
    private final int[] sizes;
    final double[][][] weights;
    final double[][] biases;

    /** Weights and biases drawn from N(0, 1), as the book's {@code Network.__init__}. */
    public TextbookNetwork(int[] sizes, Generator gen) {
        this.sizes = sizes.clone();
        int layers = sizes.length - 1;
        weights = new double[layers][][];
        biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            biases[l] = new double[sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                biases[l][j] = gen.nextGaussian();
            }
        }
        for (int l = 0; l < layers; l++) {
            weights[l] = new double[sizes[l + 1]][sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int k = 0; k < sizes[l]; k++) {
                    weights[l][j][k] = gen.nextGaussian();
                }
            }
        }
    }

    /** The layer sizes, e.g. {@code [784, 30, 10]}. */
    public int[] sizes() {
        return sizes.clone();
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double sigmoidPrime(double z) {
        double s = sigmoid(z);
        return s * (1 - s);
    }

    /** The output activations for one input. */
    public double[] feedforward(double[] x) {
        double[] a = x;
        for (int l = 0; l < weights.length; l++) {
            double[] z = affine(l, a);
            for (int j = 0; j < z.length; j++) {
                z[j] = sigmoid(z[j]);
            }
            a = z;
        }
        return a;
    }

    private double[] affine(int l, double[] a) {
        double[] z = new double[biases[l].length];
        for (int j = 0; j < z.length; j++) {
            double s = biases[l][j];
            for (int k = 0; k < a.length; k++) {
                s += weights[l][j][k] * a[k];
            }
            z[j] = s;
        }
        return z;
    }

    /** Gradients of one sample's cost: {@code nabla_b[l][j]} and {@code nabla_w[l][j][k]}. */
    public record Gradients(double[][] nablaB, double[][][] nablaW) {
    }

    /** Backpropagation for one sample {@code (x, y)}, {@code y} one-hot. */
    public Gradients backprop(double[] x, double[] y) {
        int layers = weights.length;
        double[][] zs = new double[layers][];
        double[][] activations = new double[layers + 1][];
        activations[0] = x;
        for (int l = 0; l < layers; l++) {
            zs[l] = affine(l, activations[l]);
            activations[l + 1] = new double[zs[l].length];
            for (int j = 0; j < zs[l].length; j++) {
                activations[l + 1][j] = sigmoid(zs[l][j]);
            }
        }
        double[][] nablaB = new double[layers][];
        double[][][] nablaW = new double[layers][][];
        // Output layer: dC/da = (a - y), times sigma'(z).
        double[] delta = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            delta[j] = (activations[layers][j] - y[j]) * sigmoidPrime(zs[layers - 1][j]);
        }
        for (int l = layers - 1; l >= 0; l--) {
            nablaB[l] = delta;
            nablaW[l] = outer(delta, activations[l]);
            if (l > 0) {
                double[] back = new double[sizes[l]];
                for (int k = 0; k < back.length; k++) {
                    double s = 0;
                    for (int j = 0; j < delta.length; j++) {
                        s += weights[l][j][k] * delta[j];      // (w^T delta)_k
                    }
                    back[k] = s * sigmoidPrime(zs[l - 1][k]);
                }
                delta = back;
            }
        }
        return new Gradients(nablaB, nablaW);
    }

    private static double[][] outer(double[] u, double[] v) {
        double[][] m = new double[u.length][v.length];
        for (int j = 0; j < u.length; j++) {
            for (int k = 0; k < v.length; k++) {
                m[j][k] = u[j] * v[k];
            }
        }
        return m;
    }

    /** The mini-batch's gradients: each sample's, averaged. */
    public Gradients averageGradients(double[][] xs, double[][] ys) {
        int layers = weights.length;
        double[][] sumB = new double[layers][];
        double[][][] sumW = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            sumB[l] = new double[biases[l].length];
            sumW[l] = new double[weights[l].length][weights[l][0].length];
        }
        for (int n = 0; n < xs.length; n++) {
            Gradients g = backprop(xs[n], ys[n]);
            for (int l = 0; l < layers; l++) {
                for (int j = 0; j < sumB[l].length; j++) {
                    sumB[l][j] += g.nablaB()[l][j];
                    for (int k = 0; k < sumW[l][j].length; k++) {
                        sumW[l][j][k] += g.nablaW()[l][j][k];
                    }
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < sumB[l].length; j++) {
                sumB[l][j] /= xs.length;
                for (int k = 0; k < sumW[l][j].length; k++) {
                    sumW[l][j][k] /= xs.length;
                }
            }
        }
        return new Gradients(sumB, sumW);
    }

    /**
     * One SGD step: {@code w -= eta * mean(nabla_w)}, {@code b -= eta * mean(nabla_b)}; returns the mean gradients
     * it applied (for logging).
     */
    public Gradients updateMiniBatch(double[][] xs, double[][] ys, double eta) {
        Gradients g = averageGradients(xs, ys);
        for (int l = 0; l < weights.length; l++) {
            for (int j = 0; j < biases[l].length; j++) {
                biases[l][j] -= eta * g.nablaB()[l][j];
                for (int k = 0; k < weights[l][j].length; k++) {
                    weights[l][j][k] -= eta * g.nablaW()[l][j][k];
                }
            }
        }
        return g;
    }

    /** The cost C = 1/2 ||y - a||^2, averaged over the samples. */
    public double cost(double[][] xs, double[][] ys) {
        double total = 0;
        for (int n = 0; n < xs.length; n++) {
            double[] a = feedforward(xs[n]);
            for (int j = 0; j < a.length; j++) {
                total += 0.5 * (ys[n][j] - a[j]) * (ys[n][j] - a[j]);
            }
        }
        return total / xs.length;
    }
}
