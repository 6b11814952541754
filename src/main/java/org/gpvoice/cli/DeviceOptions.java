package org.gpvoice.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Device and session options shared by {@code live} and {@code play}. */
public final class DeviceOptions {
    @Option(
            names = "--input-device",
            paramLabel = "DEV",
            description = "Microphone: an index or part of a name from 'gpvoice devices' (default: the system's).")
    String inputDevice;

    @Option(
            names = "--output-device",
            paramLabel = "DEV",
            description = "Speakers: an index or part of a name from 'gpvoice devices' (default: the system's).")
    String outputDevice;

    @Option(
            names = "--sample-rate",
            paramLabel = "HZ",
            description = "Rate to run the devices and the engine at. live: default 48000. play: default the file's; "
                    + "when the device cannot do it, the file is resampled to the nearest rate it can, and you are "
                    + "told.")
    Integer sampleRate;

    @Option(
            names = "--buffer-ms",
            paramLabel = "MS",
            description = "Output device buffer, ms (default: ${DEFAULT-VALUE}). What is queued in it is most of "
                    + "the output latency, up to the whole buffer: smaller = less latency, more risk of dropouts on a "
                    + "busy machine (20 ms ran 10 minutes of live without one here, with both cores busy).",
            defaultValue = "40")
    double bufferMs;

    @Option(
            names = "--input-buffer-ms",
            paramLabel = "MS",
            description = "Microphone buffer, ms (default: ${DEFAULT-VALUE}). The sound server sizes its capture "
                    + "fragments from it, so it sets most of the input latency; blocks are read as they arrive.",
            defaultValue = "10")
    double inputBufferMs;

    @Option(
            names = "--record",
            paramLabel = "OUT.wav",
            description = "Also write the resynthesized voice to a WAV file, lined up with the input (valid even if "
                    + "the run is interrupted).")
    Path record;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "Stop after this much audio (default: until the file ends, or Ctrl-C / q for live).")
    Double durationS;

    @Option(
            names = "--status",
            negatable = true,
            description = "Show the status line: CPU per stage and block, skipped fits, underruns, latency (default: "
                    + "on when writing to a terminal; off, a line per second is printed instead).")
    Boolean status;

    /** The --record file at {@code rate}, or null without --record. */
    org.gpvoice.io.WavWriter openRecording(int rate) throws java.io.IOException {
        return record == null
                ? null
                : org.gpvoice.io.WavWriter.create(record, rate, 1, org.gpvoice.io.WavWriter.Encoding.PCM16);
    }

    void validate() {
        if (!(bufferMs >= 1 && bufferMs <= 2000))
            throw new IllegalArgumentException("--buffer-ms must be 1 to 2000, got " + bufferMs);
        if (!(inputBufferMs >= 1 && inputBufferMs <= 2000))
            throw new IllegalArgumentException("--input-buffer-ms must be 1 to 2000, got " + inputBufferMs);
        if (sampleRate != null && (sampleRate < 8000 || sampleRate > 192000))
            throw new IllegalArgumentException("--sample-rate must be 8000 to 192000 Hz, got " + sampleRate);
        if (durationS != null && !(durationS > 0))
            throw new IllegalArgumentException("--duration must be positive, got " + durationS);
    }
}
