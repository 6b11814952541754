package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import org.gpvoice.audio.AudioDevices;
import org.gpvoice.audio.DeviceInfo;
import org.gpvoice.audio.VirtualAudio;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code gpvoice devices} through picocli, on made-up listings and on the real (virtual) devices. */
class DevicesCommandTest {
    private static final DeviceInfo.LineSupport ALL =
            new DeviceInfo.LineSupport(true, List.of(8000, 16000, 22050, 32000, 44100, 48000, 96000), 512);
    private static final DeviceInfo.LineSupport CARD = new DeviceInfo.LineSupport(true, List.of(44100, 48000), 24);
    private static final DeviceInfo.LineSupport NONE = DeviceInfo.LineSupport.NONE;

    private static CliRun run(DevicesCommand command, String... args) {
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static CliRun run(Supplier<List<DeviceInfo>> lister, String... args) {
        return run(new DevicesCommand(lister), args);
    }

    @Test
    void shouldListTheRealDevicesWithTheDefaultAndItsRates() {
        VirtualAudio.assumeAvailable();
        CliRun r = run(new DevicesCommand());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("default"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s*0\\s+in\\*\\s+out\\*\\s+default \\[default\\]\\s+.*48000.*"), r.out());
    }

    @Test
    void shouldPrintATableWithDirectionsDefaultsAndRates() {
        CliRun r = run(() -> List.of(
                new DeviceInfo(0, "default [default]", "Direct Audio Device: default", "ALSA", ALL, ALL),
                new DeviceInfo(1, "NVidia [plughw:1,3]", "HDMI 0", "ALSA", CARD, NONE),
                new DeviceInfo(
                        2, "Mic [hw:2,0]", "USB mic", "ALSA", NONE, new DeviceInfo.LineSupport(true, List.of(), 4)),
                new DeviceInfo(3, "Port PCH [hw:0]", "", "ALSA", NONE, NONE)));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(
                String.join(
                        "\n",
                        "  #  in   out   name                 rates (Hz, 16-bit mono)",
                        "  0  in*  out*  default [default]    8000 16000 22050 32000 44100 48000 96000",
                        "  1  -    out   NVidia [plughw:1,3]  44100 48000",
                        "  2  in   -     Mic [hw:2,0]         none of 8000 16000 22050 32000 44100 48000 96000",
                        "  3  -    -     Port PCH [hw:0]      (no audio lines: a control port, not a stream)",
                        "* = default",
                        ""),
                r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void shouldShowDescriptionVendorAndFormatCountWhenVerbose() {
        CliRun r = run(
                () -> List.of(new DeviceInfo(0, "default [default]", "Direct Audio Device: x", "ALSA", ALL, CARD)),
                "--verbose");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("description: Direct Audio Device: x"), r.out());
        assertTrue(r.out().contains("vendor:      ALSA"), r.out());
        assertTrue(r.out().contains("formats:     24 in, 512 out"), r.out());
        assertTrue(r.out().contains("in 44100 48000; out 8000 16000"), r.out());
    }

    @Test
    void shouldSayNoDevicesWereFoundOnStderrAndExitWithTheIoCode() {
        CliRun r = run(List::of);
        assertEquals(ExitCodes.IO, r.code());
        assertEquals("", r.out());
        assertEquals("gpvoice devices: " + AudioDevices.NO_DEVICES, r.err().strip());
        assertTrue(r.err().contains("no audio devices were found"), r.err());
    }

    @Test
    void shouldTeachHowToChooseADeviceInItsHelp() {
        CliRun r = run(List::of, "--help");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("index or any part of its name"), r.out());
        assertTrue(r.out().contains("Exit codes: 0 done, 3 no audio device found."), r.out());
    }
}
