package org.gpvoice.preset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.engine.EngineConfig;

/**
 * A preset as a running stream can switch to it: the fit settings (component count, iterations, regularisation
 * weights, initialisation) change at the next block; what the stream was built with (kernel, sampler, analysis
 * window, Gaussian order, level tracking and envelope) stays, since changing those means rebuilding the analysis or
 * the sampler's state. {@link #unchanged()} names what a switch leaves as it was, so the user can be told.
 *
 * @param preset the preset
 * @param fit the fit settings to switch to, with the running stream's kernel and floor
 * @param unchanged the preset's settings that differ from the running stream's and do not switch, e.g. "kernel
 *     gaussian"
 */
public record PresetSwitch(Preset preset, FitConfig fit, List<String> unchanged) {
    /** How {@code p} applies to a stream running {@code running}. */
    public static PresetSwitch of(Preset p, EngineConfig running) {
        EngineConfig wanted = p.applyTo(running);
        FitConfig w = wanted.fit(), r = running.fit();
        FitConfig fit = new FitConfig(
                w.components(),
                r.kernel(),
                w.iterations(),
                w.smoothness(),
                w.peakWeight(),
                w.harmonicFraction(),
                w.harmonicMaxHz(),
                w.minWidthHz(),
                r.floorCutoffHz(),
                w.jacobianSteps());
        List<String> unchanged = new ArrayList<>();
        if (w.kernel() != r.kernel())
            unchanged.add("kernel " + w.kernel().name().toLowerCase(Locale.ROOT));
        if (wanted.sampler() != running.sampler())
            unchanged.add("sampler " + wanted.sampler().cliName());
        if (!wanted.analysis().equals(running.analysis())) unchanged.add("analysis window and envelope");
        if (wanted.seOrder() != running.seOrder()) unchanged.add("se-order " + wanted.seOrder());
        if (wanted.seMethod() != running.seMethod())
            unchanged.add("se-method " + wanted.seMethod().name().toLowerCase(Locale.ROOT));
        if (wanted.amplitudeLock() != running.amplitudeLock())
            unchanged.add("amplitude lock " + wanted.amplitudeLock());
        if (wanted.narrowingHz() != running.narrowingHz())
            unchanged.add("line narrowing " + wanted.narrowingHz() + " Hz");
        if (wanted.levelTracking() != running.levelTracking())
            unchanged.add("level tracking " + wanted.levelTracking());
        return new PresetSwitch(p, fit, List.copyOf(unchanged));
    }

    /** One line for the user: "rich-32 (Q=32)" and, if any, "; stays as started: kernel gaussian, ...". */
    public String describe() {
        String s = preset.name() + " (Q=" + fit.components() + ")";
        return unchanged.isEmpty() ? s : s + "; stays as started: " + String.join(", ", unchanged);
    }

    /**
     * Parses a schedule {@code T:NAME,T:NAME} (seconds of input, a shipped preset name or a path) for a stream running
     * {@code running}. Times must be increasing and not negative.
     *
     * @throws IllegalArgumentException (a {@link PresetException} for a bad preset) with a message for the user
     */
    public static List<Timed> parseSchedule(String spec, EngineConfig running) {
        List<Timed> out = new ArrayList<>();
        double last = -1;
        for (String item : spec.split(",")) {
            String t = item.strip();
            int colon = t.indexOf(':');
            if (colon <= 0 || colon == t.length() - 1)
                throw new IllegalArgumentException(
                        "--switch-at: '" + t + "' is not SECONDS:PRESET (e.g. 1.0:rich-32,2.5:sparse-8)");
            double at;
            try {
                at = Double.parseDouble(t.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--switch-at: '" + t.substring(0, colon) + "' is not a time in seconds (in '" + t + "')");
            }
            if (!(at >= 0) || Double.isInfinite(at))
                throw new IllegalArgumentException("--switch-at: times must be 0 or more seconds, got " + at);
            if (at <= last)
                throw new IllegalArgumentException("--switch-at: times must increase, got " + at + " after " + last);
            last = at;
            out.add(new Timed(
                    at, of(PresetCatalog.resolve(t.substring(colon + 1).strip()), running)));
        }
        return out;
    }

    /** A switch at a time of the input, seconds. */
    public record Timed(double atSeconds, PresetSwitch to) {}
}
