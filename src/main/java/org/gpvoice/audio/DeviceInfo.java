package org.gpvoice.audio;

import java.util.List;
import java.util.Objects;

/**
 * One audio device (a JavaSound mixer) as listed, with what it offers in each direction. A plain value: selection
 * ({@link AudioDevices#select(List, String, Direction)}) works on lists of these, so it is testable without devices.
 *
 * @param index position in the listing, the number a user passes to choose this device
 * @param name e.g. {@code "default [default]"} or {@code "PCH [plughw:0,0]"}
 * @param description e.g. {@code "Direct Audio Device: default, default, default"}
 * @param vendor e.g. {@code "ALSA (http://www.alsa-project.org)"}
 * @param output what the device offers for playback
 * @param input what the device offers for capture
 */
public record DeviceInfo(
        int index, String name, String description, String vendor, LineSupport output, LineSupport input) {

    public DeviceInfo {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        vendor = vendor == null ? "" : vendor;
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(input, "input");
    }

    /**
     * What a device offers in one direction.
     *
     * @param present whether it has data lines of this kind at all
     * @param rates the rates among {@link AudioDevices#PROBED_RATES} (Hz, ascending) at which it accepts 16-bit signed
     *     little-endian mono, the format gpvoice uses
     * @param formatCount how many formats its lines of this kind declare, all encodings together (JavaSound's raw
     *     count; ALSA's {@code default} declares 512)
     */
    public record LineSupport(boolean present, List<Integer> rates, int formatCount) {
        /** No lines of this kind. */
        public static final LineSupport NONE = new LineSupport(false, List.of(), 0);

        public LineSupport {
            rates = List.copyOf(rates);
        }
    }

    /** What the device offers in {@code direction}. */
    public LineSupport lines(Direction direction) {
        return direction == Direction.OUTPUT ? output : input;
    }

    /** Whether the device has lines for {@code direction}. */
    public boolean has(Direction direction) {
        return lines(direction).present();
    }

    /** {@code 0 'default [default]'}: how messages name a device. */
    public String label() {
        return index + " '" + name + "'";
    }
}
