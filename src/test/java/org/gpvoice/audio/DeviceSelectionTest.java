package org.gpvoice.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Choosing a device from what a user typed, on made-up listings: no audio devices needed. */
class DeviceSelectionTest {
    private static final DeviceInfo.LineSupport BOTH_RATES =
            new DeviceInfo.LineSupport(true, List.of(8000, 16000, 22050, 32000, 44100, 48000, 96000), 512);
    private static final DeviceInfo.LineSupport CARD_RATES =
            new DeviceInfo.LineSupport(true, List.of(44100, 48000), 24);
    private static final DeviceInfo.LineSupport NONE = DeviceInfo.LineSupport.NONE;

    /** What a Linux desktop with one card and an HDMI output lists. */
    static final List<DeviceInfo> DESKTOP = List.of(
            new DeviceInfo(0, "default [default]", "Direct Audio Device: default", "ALSA", BOTH_RATES, BOTH_RATES),
            new DeviceInfo(
                    1,
                    "PCH [plughw:0,0]",
                    "Direct Audio Device: HDA Intel PCH, ALC892 Analog",
                    "ALSA",
                    BOTH_RATES,
                    BOTH_RATES),
            new DeviceInfo(
                    2,
                    "PCH [hw:0,0]",
                    "Direct Audio Device: HDA Intel PCH, ALC892 Analog",
                    "ALSA",
                    CARD_RATES,
                    CARD_RATES),
            new DeviceInfo(
                    3, "NVidia [plughw:1,3]", "Direct Audio Device: HDA NVidia, HDMI 0", "ALSA", BOTH_RATES, NONE),
            new DeviceInfo(4, "Port PCH [hw:0]", "HDA Intel PCH, ALC892", "ALSA", NONE, NONE));

    private static DeviceInfo select(String spec, Direction direction) throws DeviceException {
        return AudioDevices.select(DESKTOP, spec, direction);
    }

    private static String error(List<DeviceInfo> devices, String spec, Direction direction) {
        return assertThrows(DeviceException.class, () -> AudioDevices.select(devices, spec, direction))
                .getMessage();
    }

    @Test
    void shouldTakeTheFirstDeviceWithLinesOfTheKindWhenTheSpecIsEmpty() throws DeviceException {
        assertEquals(0, select(null, Direction.OUTPUT).index());
        assertEquals(0, select("", Direction.INPUT).index());
        assertEquals(0, select("   ", Direction.OUTPUT).index());
        List<DeviceInfo> captureFirst = List.of(
                new DeviceInfo(0, "Mic [hw:2,0]", "USB mic", "ALSA", NONE, CARD_RATES),
                new DeviceInfo(1, "Speaker [hw:3,0]", "USB speaker", "ALSA", CARD_RATES, NONE));
        assertEquals(
                1, AudioDevices.select(captureFirst, null, Direction.OUTPUT).index());
        assertEquals(0, AudioDevices.select(captureFirst, null, Direction.INPUT).index());
    }

    @Test
    void shouldReadDigitsAsTheListedIndex() throws DeviceException {
        assertEquals(3, select("3", Direction.OUTPUT).index());
        assertEquals(2, select(" 2 ", Direction.INPUT).index());
        assertEquals(1, select("01", Direction.OUTPUT).index());
    }

    @Test
    void shouldNameTheIndexAndListTheChoicesWhenNoDeviceHasIt() {
        assertEquals(
                "no device has index 9; outputs: 0 'default [default]', 1 'PCH [plughw:0,0]', 2 'PCH [hw:0,0]', "
                        + "3 'NVidia [plughw:1,3]'",
                error(DESKTOP, "9", Direction.OUTPUT));
        assertTrue(
                error(DESKTOP, "99999999999999", Direction.OUTPUT).startsWith("no device has index 99999999999999;"));
    }

    @Test
    void shouldRefuseAnIndexWhoseDeviceLacksTheDirection() {
        assertEquals(
                "device 3 'NVidia [plughw:1,3]' has no input lines; inputs: 0 'default [default]', "
                        + "1 'PCH [plughw:0,0]', 2 'PCH [hw:0,0]'",
                error(DESKTOP, "3", Direction.INPUT));
        assertTrue(error(DESKTOP, "4", Direction.OUTPUT).startsWith("device 4 'Port PCH [hw:0]' has no output lines;"));
    }

    @Test
    void shouldMatchAPartOfTheNameOrDescriptionIgnoringCase() throws DeviceException {
        assertEquals(3, select("nvidia", Direction.OUTPUT).index());
        assertEquals(3, select("HDMI", Direction.OUTPUT).index()); // description only
        assertEquals(2, select("[hw:0,0]", Direction.INPUT).index()); // "[plughw:0,0]" does not contain it
        assertEquals(0, select("DEFAULT", Direction.INPUT).index());
    }

    @Test
    void shouldPreferAnExactNameAmongSeveralMatches() throws DeviceException {
        List<DeviceInfo> usb = List.of(
                new DeviceInfo(0, "USB Audio [hw:1,0]", "a", "ALSA", CARD_RATES, CARD_RATES),
                new DeviceInfo(1, "usb", "b", "ALSA", CARD_RATES, CARD_RATES));
        assertEquals(1, AudioDevices.select(usb, "USB", Direction.OUTPUT).index());
    }

    @Test
    void shouldAskForTheIndexWhenAPartMatchesSeveralDevices() {
        assertEquals(
                "'pch' matches 2 output devices: 1 'PCH [plughw:0,0]', 2 'PCH [hw:0,0]'; give the index or more of "
                        + "the name",
                error(DESKTOP, "pch", Direction.OUTPUT));
    }

    @Test
    void shouldSayWhenTheOnlyMatchesLackTheDirection() {
        assertEquals(
                "'port' matches only devices without output lines (4 'Port PCH [hw:0]'); outputs: "
                        + "0 'default [default]', 1 'PCH [plughw:0,0]', 2 'PCH [hw:0,0]', 3 'NVidia [plughw:1,3]'",
                error(DESKTOP, "port", Direction.OUTPUT));
    }

    @Test
    void shouldNameTheSpecAndListTheOutputsWhenNothingMatches() {
        assertEquals(
                "no output device matches 'foo'; outputs: 0 'default [default]', 1 'PCH [plughw:0,0]', "
                        + "2 'PCH [hw:0,0]', 3 'NVidia [plughw:1,3]'",
                error(DESKTOP, "foo", Direction.OUTPUT));
        assertEquals(
                "'nvidia' matches only devices without input lines (3 'NVidia [plughw:1,3]'); inputs: "
                        + "0 'default [default]', 1 'PCH [plughw:0,0]', 2 'PCH [hw:0,0]'",
                error(DESKTOP, "nvidia", Direction.INPUT));
    }

    @Test
    void shouldExplainThatNoDevicesWereFoundAndWhy() {
        for (String spec : new String[] {null, "0", "default"}) {
            String message = error(List.of(), spec, Direction.OUTPUT);
            assertEquals(AudioDevices.NO_DEVICES, message);
            assertTrue(message.startsWith("no audio devices were found"), message);
            assertTrue(message.contains("sound server"), message);
        }
    }

    @Test
    void shouldListWhatExistsWhenNoDeviceHasTheDirection() {
        List<DeviceInfo> portsOnly = List.of(new DeviceInfo(0, "Port PCH [hw:0]", "", "ALSA", NONE, NONE));
        assertEquals(
                "no output device found; no device has output lines (devices: 0 'Port PCH [hw:0]')",
                error(portsOnly, null, Direction.OUTPUT));
    }

    @Test
    void shouldKeepTheWantedRateWhenAcceptedAndOtherwiseTakeTheNearestCommonOne() {
        Set<Integer> card = Set.of(44100, 48000, 22050, 16000);
        assertEquals(OptionalInt.of(48000), AudioDevices.nearestRate(48000, card::contains));
        assertEquals(OptionalInt.of(22050), AudioDevices.nearestRate(24000, card::contains));
        assertEquals(OptionalInt.of(48000), AudioDevices.nearestRate(96000, card::contains));
        assertEquals(OptionalInt.of(16000), AudioDevices.nearestRate(8000, card::contains));
        // 12000 is 4000 Hz from both 8000 and 16000: the higher wins, since resampling up loses nothing.
        assertEquals(OptionalInt.of(16000), AudioDevices.nearestRate(12000, Set.of(8000, 16000)::contains));
        assertEquals(OptionalInt.empty(), AudioDevices.nearestRate(48000, rate -> false));
    }

    @Test
    void shouldAskForWholeFramesOfTheRequestedDuration() {
        assertEquals(3840, AudioDevices.bufferBytes(48000, 40)); // 1920 frames x 2 bytes
        assertEquals(1764, AudioDevices.bufferBytes(22050, 40)); // 882 frames
        assertEquals(442, AudioDevices.bufferBytes(22050, 10)); // 220.5 frames round to 221
        assertEquals(2, AudioDevices.bufferBytes(44100, 0.001)); // never less than one frame
        assertThrows(IllegalArgumentException.class, () -> AudioDevices.bufferBytes(48000, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioDevices.bufferBytes(48000, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> AudioDevices.bufferBytes(0, 40));
    }
}
