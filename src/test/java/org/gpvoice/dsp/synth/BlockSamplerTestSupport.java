package org.gpvoice.dsp.synth;

import java.lang.management.ManagementFactory;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.jtransforms.fft.DoubleFFT_1D;

/** Dense references (EJML) and measurements shared by the block-sampler tests. */
final class BlockSamplerTestSupport {
    private BlockSamplerTestSupport() {}

    /** Model with components {@code (w, pHz, lS)} given as triples, and a white floor. */
    static SmModel model(double noiseVar, double... wpl) {
        SmModel m = new SmModel(Math.max(1, wpl.length / 3));
        m.count = wpl.length / 3;
        for (int q = 0; q < m.count; q++) {
            m.weight[q] = wpl[3 * q];
            m.freqHz[q] = wpl[3 * q + 1];
            m.lengthscaleS[q] = wpl[3 * q + 2];
        }
        m.noiseVar = noiseVar;
        return m;
    }

    /** Three components between 300 Hz and 2.5 kHz, total variance 1.01 (with the floor). */
    static SmModel threePeaks() {
        return model(0.01, 0.5, 300.0, 0.005, 0.3, 1100.0, 0.003, 0.2, 2500.0, 0.002);
    }

    /** Covariance at lag {@code rS} seconds, straight from {@link Kernel#covariance} (noise floor at lag 0). */
    static double covariance(Kernel k, SmModel m, double rS) {
        double c = rS == 0.0 ? m.noiseVar : 0.0;
        for (int q = 0; q < m.count; q++) c += k.covariance(rS, m.weight[q], m.freqHz[q], m.lengthscaleS[q]);
        return c;
    }

    /** {@code r[m] = K(m / fs)}, {@code m = 0..n-1}. */
    static double[] lags(Kernel k, SmModel m, double fs, int n) {
        double[] r = new double[n];
        for (int j = 0; j < n; j++) r[j] = covariance(k, m, j / fs);
        return r;
    }

    static DMatrixRMaj toeplitz(double[] r, int n) {
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) t.set(i, j, r[Math.abs(i - j)]);
        return t;
    }

    /** {@code A^-1 B} by EJML's Cholesky solver ({@code A} symmetric positive definite). */
    static DMatrixRMaj cholSolve(DMatrixRMaj a, DMatrixRMaj b) {
        LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(a.numRows);
        if (!s.setA(a.copy())) throw new AssertionError("reference matrix not positive definite");
        DMatrixRMaj x = new DMatrixRMaj(a.numCols, b.numCols);
        s.solve(b.copy(), x);
        return x;
    }

    /** Lower Cholesky factor by EJML. */
    static DMatrixRMaj chol(DMatrixRMaj a) {
        CholeskyDecomposition_F64<DMatrixRMaj> c = DecompositionFactory_DDRM.chol(a.numRows, true);
        if (!c.decompose(a.copy())) throw new AssertionError("reference matrix not positive definite");
        return c.getT(null);
    }

    /** {@code a a^T}. */
    static DMatrixRMaj outer(DMatrixRMaj a) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.multTransB(a, a, c);
        return c;
    }

    /** {@code max |a - b| / max |b|}. */
    static double relDiff(DMatrixRMaj a, DMatrixRMaj b) {
        double d = 0;
        double s = 0;
        for (int i = 0; i < b.getNumElements(); i++) {
            d = Math.max(d, Math.abs(a.get(i) - b.get(i)));
            s = Math.max(s, Math.abs(b.get(i)));
        }
        return d / s;
    }

    /** {@code max |a - b| / max |b|}. */
    static double relDiff(double[] a, double[] b) {
        double d = 0;
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            s = Math.max(s, Math.abs(b[i]));
        }
        return d / s;
    }

    /** Renders {@code blocks} blocks of the constant model {@code m}. */
    static double[] render(BlockSampler s, SmModel m, int blocks) {
        int b = s.blockSize();
        double[] x = new double[blocks * b];
        for (int i = 0; i < blocks; i++) s.render(m, x, i * b);
        return x;
    }

    /** Mean of {@code x[t] x[t + lag]} over the signal, from sample {@code skip} on. */
    static double autocovariance(double[] x, int lag, int skip) {
        double s = 0;
        for (int t = skip; t + lag < x.length; t++) s += x[t] * x[t + lag];
        return s / (x.length - lag - skip);
    }

    /**
     * Lag-{@code lag} autocovariance ({@code 1 <= lag < block}) from only the pairs {@code (t, t + lag)} that straddle a
     * block boundary.
     */
    static double straddlingAutocovariance(double[] x, int lag, int block) {
        double s = 0;
        long cnt = 0;
        for (int c = block; c + lag <= x.length; c += block) {
            for (int t = c - lag; t < c; t++) {
                s += x[t] * x[t + lag];
                cnt++;
            }
        }
        return s / cnt;
    }

    /**
     * Click ratio: mean squared second difference {@code x[t+1] - 2 x[t] + x[t-1]} centred on the two samples either
     * side of each block boundary ({@code t mod B = B-1} and {@code 0}), over the same everywhere else. 1 for a
     * stationary signal; far above 1 for a seam.
     */
    static double clickRatio(double[] x, int block, int skipBlocks) {
        double edge = 0;
        double rest = 0;
        long ne = 0;
        long nr = 0;
        for (int t = Math.max(1, skipBlocks * block); t + 1 < x.length; t++) {
            double d2 = x[t + 1] - 2 * x[t] + x[t - 1];
            int pos = t % block;
            if (pos == 0 || pos == block - 1) {
                edge += d2 * d2;
                ne++;
            } else {
                rest += d2 * d2;
                nr++;
            }
        }
        return (edge / ne) / (rest / nr);
    }

    /**
     * Worst relative error of the Welch PSD of {@code x} against the discrete-time PSD {@code (1/fs) sum_m K(m/fs) e^(-2
     * pi i f m / fs)} of model {@code m}, averaged over 4-bin bands (15.6 Hz at 16 kHz) within {@code halfWidthFwhm}
     * FWHM of each peak.
     */
    static double worstPeakBandError(double[] x, Kernel k, SmModel m, double fs, double halfWidthFwhm) {
        int seg = 4096;
        double[] est = welch(x, seg, fs);
        int bins = seg / 2 + 1;
        double[] ref = new double[bins];
        int maxLag = (int) (0.5 * fs); // 0.5 s: every envelope used here is below 1e-40 by then
        double[] kk = new double[maxLag + 1];
        for (int j = 0; j <= maxLag; j++) kk[j] = covariance(k, m, j / fs);
        double[] cosTab = new double[seg];
        for (int i = 0; i < seg; i++) cosTab[i] = Math.cos(2 * Math.PI * i / seg);
        for (int b = 0; b < bins; b++) {
            double s = kk[0];
            for (int j = 1; j <= maxLag; j++) s += 2 * kk[j] * cosTab[(int) (((long) b * j) % seg)];
            ref[b] = s / fs;
        }
        return worstBandError(est, ref, fs / seg, m, q -> halfWidthFwhm * k.fwhmHz(m.lengthscaleS[q]));
    }

    /**
     * Worst relative error of the PSD estimate {@code est} against the reference {@code ref} (same bins, {@code binHz}
     * apart), both summed over 4-bin bands, within {@code halfWidthHz(q)} of each of {@code m}'s peaks.
     */
    static double worstBandError(
            double[] est, double[] ref, double binHz, SmModel m, java.util.function.IntToDoubleFunction halfWidthHz) {
        double worst = 0;
        for (int q = 0; q < m.count; q++) {
            double w = halfWidthHz.applyAsDouble(q);
            int lo = Math.max(0, (int) Math.floor((m.freqHz[q] - w) / binHz));
            int hi = Math.min(ref.length, (int) Math.ceil((m.freqHz[q] + w) / binHz));
            for (int b0 = lo; b0 + 4 <= hi; b0 += 4) {
                double e = 0;
                double r = 0;
                for (int b = b0; b < b0 + 4; b++) {
                    e += est[b];
                    r += ref[b];
                }
                worst = Math.max(worst, Math.abs(e / r - 1));
            }
        }
        return worst;
    }

    /** Two-sided PSD per Hz, bins 0..seg/2: Hann (periodic), 50% overlap, scaled by {@code 1/(fs sum w^2)}. */
    static double[] welch(double[] x, int seg, double fs) {
        DoubleFFT_1D fft = new DoubleFFT_1D(seg);
        double[] win = new double[seg];
        double u = 0;
        for (int j = 0; j < seg; j++) {
            win[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / seg);
            u += win[j] * win[j];
        }
        double[] psd = new double[seg / 2 + 1];
        double[] buf = new double[seg];
        int count = 0;
        for (int start = 0; start + seg <= x.length; start += seg / 2) {
            for (int j = 0; j < seg; j++) buf[j] = x[start + j] * win[j];
            fft.realForward(buf);
            psd[0] += buf[0] * buf[0];
            psd[seg / 2] += buf[1] * buf[1];
            for (int b = 1; b < seg / 2; b++) psd[b] += buf[2 * b] * buf[2 * b] + buf[2 * b + 1] * buf[2 * b + 1];
            count++;
        }
        for (int b = 0; b < psd.length; b++) psd[b] /= fs * u * count;
        return psd;
    }

    /**
     * Bytes allocated per call of {@code block}, differentially: {@code (A(3n) - A(n)) / 2n}, with {@code A(k)} this
     * thread's allocation over {@code k} calls (the probe's own constant cost cancels).
     */
    static double allocatedBytesPerCall(Runnable block, int n) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 3 * n; i++) block.run(); // warm up: compiled code, no lazy initialisation left
        long a0 = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) block.run();
        long a1 = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 3 * n; i++) block.run();
        long a3 = mx.getThreadAllocatedBytes(tid);
        return ((a3 - a1) - (a1 - a0)) / (2.0 * n);
    }
}
