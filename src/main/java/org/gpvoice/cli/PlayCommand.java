package org.gpvoice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gpvoice.audio.AudioDevices;
import org.gpvoice.audio.DeviceException;
import org.gpvoice.audio.Direction;
import org.gpvoice.audio.OpenLine;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.Resampling;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;
import org.gpvoice.pipeline.ArraySource;
import org.gpvoice.pipeline.BlockSource;
import org.gpvoice.pipeline.FileSource;
import org.gpvoice.pipeline.LineSink;
import org.gpvoice.pipeline.Pipeline;
import org.gpvoice.pipeline.WavRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gpvoice play FILE}: file playthrough, resynthesized in real time, paced by the output device. */
@Command(
        name = "play",
        mixinStandardHelpOptions = true,
        description = {
            "Play a WAV file through the real-time engine and hear the resynthesis as it goes: the file is read at "
                    + "the speed the output device plays it, fitted block by block and sampled continuously.",
            "",
            "Keys while it plays: m = next monitor (resynth, original, mix), r = resynth, o = original, x = mix; "
                    + "1-9 = a shipped preset (see gpvoice presets), n / p = next / previous preset; q = stop. A preset "
                    + "switch changes the component count and fit settings at the next 5 ms block; the kernel, "
                    + "sampler and analysis window stay as started."
        },
        footer = {
            "",
            "Examples:",
            "  gpvoice play docs/examples/LJ001-0001.wav",
            "  gpvoice play speech.wav --monitor mix --record resynth.wav --output-device 1",
            "",
            "Exit codes: 0 done, 2 bad usage or unreadable input, 3 audio device or output file failure, "
                    + "130 stopped early (q or Ctrl-C; the recording stays valid)."
        })
public final class PlayCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.wav", description = "WAV file to play.")
    Path input;

    @Option(
            names = "--monitor",
            paramLabel = "WHAT",
            description = "What you hear: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); the original is "
                    + "delayed to stay in step with the resynthesis. Switch while playing with m / r / o / x.",
            defaultValue = "resynth")
    Pipeline.Monitor monitor;

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
            err.println("gpvoice play: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        BlockSource source = null;
        OpenLine<javax.sound.sampled.SourceDataLine> line = null;
        WavWriter writer = null;
        StreamSession session = null;
        try {
            WavReader reader = WavReader.open(input);
            int fileRate = reader.sampleRate();
            int wanted = devices.sampleRate != null ? devices.sampleRate : fileRate;
            int rate = AudioDevices.chooseRate(devices.outputDevice, Direction.OUTPUT, wanted);
            if (rate != fileRate) {
                reader.close();
                MonoClip clip = WavReader.readAll(input);
                if (rate != wanted) {
                    err.printf(
                            Locale.ROOT,
                            "gpvoice play: the output device cannot play %d Hz; resampling the file to %d Hz%n",
                            wanted,
                            rate);
                } else {
                    err.printf(Locale.ROOT, "gpvoice play: resampling the file from %d Hz to %d Hz%n", fileRate, rate);
                }
                source = new ArraySource(Resampling.resample(clip.samples(), fileRate, rate), rate);
            } else {
                source = new FileSource(reader);
            }
            org.gpvoice.engine.Warmup.run(cfg, rate, PresetKeys.capacity(cfg), 1.5);
            line = AudioDevices.openOutput(devices.outputDevice, rate, devices.bufferMs);
            int block = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(rate);
            LineSink sink = new LineSink(line.line(), block, block);
            writer = devices.openRecording(rate);
            WavRecorder recorder = writer == null ? null : new WavRecorder(writer, null);
            // sized for the largest preset, so switching while it plays allocates nothing
            Pipeline p =
                    new Pipeline(cfg, PresetKeys.capacity(cfg), source, sink, recorder, 64, new Pipeline.Switch[0]);
            PresetKeys presetKeys = new PresetKeys(cfg, engine.presetName(), p, err);
            p.setMonitor(monitor);
            out.println("playing    " + input + " (" + (rate == fileRate ? reader.describe() : rate + " Hz") + ")");
            out.println("output     " + line.describe());
            out.flush();
            session = new StreamSession("play", p, cfg, out, err, devices.status);
            session.mode =
                    () -> "monitor " + p.monitor().name().toLowerCase(Locale.ROOT) + " | " + presetKeys.current();
            out.println(presetKeys.help());
            out.flush();
            return session.runToEnd(
                    devices.durationS,
                    c -> {
                        if (presetKeys.onKey(c)) return;
                        switch (c) {
                            case 'm', 'M' -> p.setMonitor(p.monitor().next());
                            case 'r', 'R' -> p.setMonitor(Pipeline.Monitor.RESYNTH);
                            case 'o', 'O' -> p.setMonitor(Pipeline.Monitor.ORIGINAL);
                            case 'x', 'X' -> p.setMonitor(Pipeline.Monitor.MIX);
                            default -> {}
                        }
                    },
                    devices.record);
        } catch (IOException | DeviceException | InterruptedException e) {
            return Streams.onError("play", e, err, devices.record);
        } finally {
            Streams.closeQuietly(line, source, writer);
            if (session != null) session.close();
        }
    }
}
