package org.gpvoice.cli;

import java.io.PrintWriter;
import java.util.List;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.pipeline.Pipeline;
import org.gpvoice.preset.PresetCatalog;
import org.gpvoice.preset.PresetSwitch;

/**
 * Switching presets from the keyboard while {@code live} or {@code play} runs: 1 to 9 pick a shipped preset, n and p
 * step to the next and previous. Every switch is prepared at start-up; a key only hands the prepared fit settings to
 * the fit stage, which applies them at its next block.
 */
final class PresetKeys {
    private final List<PresetSwitch> presets;
    private final Pipeline pipeline;
    private final PrintWriter err;
    private volatile int current;
    private volatile String name;

    PresetKeys(EngineConfig running, String runningName, Pipeline pipeline, PrintWriter err) {
        this.presets = PresetCatalog.shipped().stream()
                .map(p -> PresetSwitch.of(p, running))
                .toList();
        this.pipeline = pipeline;
        this.err = err;
        this.name = runningName == null ? "none (Q=" + running.fit().components() + ")" : runningName;
        int at = -1;
        for (int i = 0; i < presets.size(); i++)
            if (presets.get(i).preset().name().equals(runningName)) at = i;
        current = at;
    }

    /** The largest component count a switch can ask for: the pipeline is sized for it at start-up. */
    static int capacity(EngineConfig running) {
        int q = running.fit().components();
        for (var p : PresetCatalog.shipped()) q = Math.max(q, p.components());
        return q;
    }

    /** The key map, for the start-up banner. */
    String help() {
        StringBuilder s = new StringBuilder("presets    ");
        for (int i = 0; i < presets.size() && i < 9; i++) {
            if (i > 0) s.append("  ");
            s.append(i + 1).append('=').append(presets.get(i).preset().name());
        }
        return s.append("  (n/p = next/previous)").toString();
    }

    /** Handles a key; true if it was a preset key. */
    boolean onKey(int c) {
        int target;
        if (c >= '1' && c <= '9') target = c - '1';
        else if (c == 'n' || c == 'N') target = (current + 1) % presets.size();
        else if (c == 'p' || c == 'P') target = current <= 0 ? presets.size() - 1 : current - 1;
        else return false;
        if (target < 0 || target >= presets.size()) return true;
        PresetSwitch s = presets.get(target);
        current = target;
        name = s.preset().name();
        pipeline.requestFit(s.fit());
        err.println("\rpreset     " + s.describe() + "\u001b[K");
        err.flush();
        return true;
    }

    String current() {
        return "preset " + name;
    }
}
