package org.gpvoice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gpvoice.audio.AudioDevices;
import org.gpvoice.audio.DeviceException;
import org.gpvoice.audio.Direction;
import org.gpvoice.audio.OpenLine;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.io.WavWriter;
import org.gpvoice.pipeline.LineSink;
import org.gpvoice.pipeline.LineSource;
import org.gpvoice.pipeline.Pipeline;
import org.gpvoice.pipeline.WavRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code gpvoice live}: microphone to speakers through the real-time engine. */
@Command(
        name = "live",
        mixinStandardHelpOptions = true,
        description = {
            "Speak into the microphone and hear the Gaussian-process voice: each 5 ms block is fitted as it arrives "
                    + "and a continuous waveform is sampled from the fits and played.",
            "",
            "Latency = the engine's look-ahead and block (20 ms with the default 30 ms window) + what the output "
                    + "device queues (up to --buffer-ms) + the sound system's own. Keys: 1-9 = a shipped preset (see "
                    + "gpvoice presets), n / p = next / previous preset (the component count and fit settings change "
                    + "at the next 5 ms block), q = stop."
        },
        footer = {
            "",
            "Examples:",
            "  gpvoice live",
            "  gpvoice live --record me.wav --buffer-ms 30 --input-device USB",
            "",
            "Exit codes: 0 done (--duration reached), 2 bad usage, 3 audio device or output file failure, "
                    + "130 stopped (q or Ctrl-C; the recording stays valid)."
        })
public final class LiveCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Mixin
    DeviceOptions devices;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig cfg;
        try {
            devices.validate();
            cfg = engine.toConfig();
        } catch (IllegalArgumentException e) {
            err.println("gpvoice live: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        OpenLine<javax.sound.sampled.TargetDataLine> inLine = null;
        OpenLine<javax.sound.sampled.SourceDataLine> outLine = null;
        LineSource source = null;
        WavWriter writer = null;
        StreamSession session = null;
        try {
            int wanted = devices.sampleRate != null ? devices.sampleRate : 48000;
            int rate = AudioDevices.chooseRate(devices.inputDevice, Direction.INPUT, wanted);
            if (rate != wanted) {
                err.printf(
                        Locale.ROOT,
                        "gpvoice live: the input device cannot record %d Hz; running at %d Hz%n",
                        wanted,
                        rate);
            }
            int outRate = AudioDevices.chooseRate(devices.outputDevice, Direction.OUTPUT, rate);
            if (outRate != rate) {
                err.printf(
                        Locale.ROOT,
                        "gpvoice live: the output device cannot play %d Hz (the input's rate); choose a --sample-rate "
                                + "both devices support (see gpvoice devices)%n",
                        rate);
                return ExitCodes.USAGE;
            }
            int block = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(rate);
            org.gpvoice.engine.Warmup.run(cfg, rate, PresetKeys.capacity(cfg), 1.5);
            inLine = AudioDevices.openInput(devices.inputDevice, rate, devices.inputBufferMs);
            outLine = AudioDevices.openOutput(devices.outputDevice, rate, devices.bufferMs);
            source = new LineSource(inLine.line(), block);
            // live keeps half the output buffer queued: the margin against a late block, and the latency it costs
            int prefill = Math.max(block, outLine.bufferFrames() / 2);
            LineSink sink = new LineSink(outLine.line(), block, prefill);
            writer = devices.openRecording(rate);
            WavRecorder recorder = writer == null ? null : new WavRecorder(writer, null);
            // sized for the largest preset, so switching while it plays allocates nothing
            Pipeline p =
                    new Pipeline(cfg, PresetKeys.capacity(cfg), source, sink, recorder, 64, new Pipeline.Switch[0]);
            PresetKeys presetKeys = new PresetKeys(cfg, engine.presetName(), p, err);
            // the sound server delivers capture in bursts of a few blocks: more than that waiting is latency
            p.dropBacklogOver(3);
            out.println("input      " + inLine.describe());
            out.println("output     " + outLine.describe());
            out.println("live       speak now" + (devices.durationS == null ? "; q or Ctrl-C stops" : ""));
            out.flush();
            session = new StreamSession("live", p, cfg, out, err, devices.status);
            session.mode = presetKeys::current;
            out.println(presetKeys.help());
            out.flush();
            return session.runToEnd(devices.durationS, presetKeys::onKey, devices.record);
        } catch (IOException | DeviceException | InterruptedException e) {
            return Streams.onError("live", e, err, devices.record);
        } finally {
            Streams.closeQuietly(inLine, outLine, source, writer);
            if (session != null) session.close();
        }
    }
}
