/**
 * Baselines: the classic ways of getting a waveform back from a short-time magnitude spectrum, so that gpvoice's
 * quality and cost can be measured against something.
 *
 * <p>gpvoice resynthesizes speech from a compact per-block model of its power spectrum; the waveform's phase is
 * not kept but sampled. The question any listener asks is how that compares with the established phase-retrieval
 * methods, given the same information (the short-time magnitude) and no trained model. These engines answer it:
 *
 * <ul>
 *   <li>{@link org.gpvoice.baseline.RandomPhase random-phase}: the magnitude with uniformly random phases,
 *       overlap-added. The observation the original blog post started from: magnitude alone carries envelope and
 *       timbre, and random phase turns voice into a whisper.
 *   <li>{@link org.gpvoice.baseline.GriffinLim griffin-lim}: Griffin and Lim's (1984) alternating projections, 32
 *       iterations from random phase.
 *   <li>{@code fgla}: the same with Perraudin, Balazs and Sondergaard's (2013) momentum, alpha = 0.99.
 *   <li>{@link org.gpvoice.baseline.Rtpghi rtpghi}: Prusa and Holighaus's (2017) real-time phase gradient heap
 *       integration: no iterations, causal but for one frame of look-ahead.
 * </ul>
 *
 * <p>All four read the same magnitude, {@link org.gpvoice.baseline.Stft}: periodic Hann frames of the power of two
 * nearest 46 ms (1024 samples at 22.05 kHz), hop a quarter frame, inverted by the least-squares overlap-add that
 * makes the STFT pair exact. Each output has the input's length and rate, and the energy the magnitude implies (one
 * gain per clip, {@link org.gpvoice.baseline.Stft#matchEnergy}), so that level differences do not decide a
 * comparison. They are offline whole-clip computations, not pipeline stages: they allocate per call and make no
 * real-time promise (though RTPGHI could run in real time at two frames of latency), and they depend only on the JDK
 * and JTransforms.
 *
 * <p>{@link org.gpvoice.baseline.BaselineEngine} names them for the command line: {@code gpvoice render --engine
 * griffin-lim IN.wav OUT.wav}.
 */
package org.gpvoice.baseline;
