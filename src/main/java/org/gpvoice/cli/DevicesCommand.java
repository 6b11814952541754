package org.gpvoice.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.gpvoice.audio.AudioDevices;
import org.gpvoice.audio.DeviceException;
import org.gpvoice.audio.DeviceInfo;
import org.gpvoice.audio.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gpvoice devices}: the audio devices Java can use, and the rates each accepts. */
@Command(
        name = "devices",
        mixinStandardHelpOptions = true,
        description = {
            "List the audio devices Java sees: index, whether each can capture (in) and play (out), its name, and "
                    + "the sample rates at which it accepts gpvoice's format, 16-bit mono.",
            "",
            "A command that uses a device takes its index or any part of its name or description (case does not "
                    + "matter); with none it uses the default, marked with *. A device that lacks your rate is still "
                    + "usable: gpvoice resamples to the nearest rate it has, and says so."
        },
        footer = {
            "",
            "On Linux Java sees ALSA only: 'default' (which goes to PulseAudio or PipeWire when one runs) and the "
                    + "sound cards. To use another PulseAudio/PipeWire device, make it the default there "
                    + "(pactl set-default-sink / set-default-source) or set PULSE_SINK / PULSE_SOURCE.",
            "",
            "Examples:",
            "  gpvoice devices",
            "  gpvoice devices --verbose",
            "",
            "Exit codes: 0 done, 3 no audio device found."
        })
public final class DevicesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Supplier<List<DeviceInfo>> lister;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also show each device's description, vendor and how many formats it declares.")
    boolean verbose;

    public DevicesCommand() {
        this(AudioDevices::list);
    }

    /** Lists what {@code lister} returns instead of asking JavaSound (tests: no devices, many devices). */
    DevicesCommand(Supplier<List<DeviceInfo>> lister) {
        this.lister = lister;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<DeviceInfo> devices = lister.get();
        if (devices.isEmpty()) {
            err.println("gpvoice devices: " + AudioDevices.NO_DEVICES);
            // IO rather than USAGE: nothing the user typed was wrong; the machine's audio system is missing, like an
            // unwritable disk for the other commands. Scripts can tell "no sound here" from "bad arguments".
            return ExitCodes.IO;
        }
        DeviceInfo defaultOut = firstWith(devices, Direction.OUTPUT), defaultIn = firstWith(devices, Direction.INPUT);
        int nameWidth = Math.max(
                4, devices.stream().mapToInt(d -> d.name().length()).max().orElse(0));
        out.printf("%3s  %-3s  %-4s  %-" + nameWidth + "s  %s%n", "#", "in", "out", "name", "rates (Hz, 16-bit mono)");
        for (DeviceInfo d : devices) {
            out.printf(
                    "%3d  %-3s  %-4s  %-" + nameWidth + "s  %s%n",
                    d.index(),
                    mark(d, Direction.INPUT, defaultIn),
                    mark(d, Direction.OUTPUT, defaultOut),
                    d.name(),
                    rates(d));
            if (verbose) {
                out.println("     description: " + d.description());
                out.println("     vendor:      " + d.vendor());
                out.println("     formats:     " + d.input().formatCount() + " in, "
                        + d.output().formatCount() + " out (all encodings)");
            }
        }
        out.println("* = default");
        out.flush();
        return ExitCodes.OK;
    }

    private static DeviceInfo firstWith(List<DeviceInfo> devices, Direction direction) {
        try {
            return AudioDevices.select(devices, null, direction);
        } catch (DeviceException e) {
            return null; // no device of that kind: nothing to mark
        }
    }

    private static String mark(DeviceInfo d, Direction direction, DeviceInfo defaultDevice) {
        if (!d.has(direction)) return "-";
        return direction == Direction.INPUT
                ? (d == defaultDevice ? "in*" : "in")
                : (d == defaultDevice ? "out*" : "out");
    }

    /** The rates; split by direction only when they differ, which is rare. */
    private static String rates(DeviceInfo d) {
        List<Integer> in = d.input().rates(), out = d.output().rates();
        if (!d.has(Direction.INPUT) && !d.has(Direction.OUTPUT))
            return "(no audio lines: a control port, not a stream)";
        if (!d.has(Direction.INPUT) || in.equals(out)) return join(out);
        if (!d.has(Direction.OUTPUT)) return join(in);
        return "in " + join(in) + "; out " + join(out);
    }

    private static String join(List<Integer> rates) {
        if (rates.isEmpty()) return "none of " + join(AudioDevices.PROBED_RATES);
        return rates.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
