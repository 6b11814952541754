package org.gpvoice.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The audio devices JavaSound sees: listing, choosing one from what a user typed, and opening lines on it in gpvoice's
 * one format, 16-bit signed little-endian mono.
 *
 * <p>A device is chosen by a <em>spec</em>: empty for the system default, a number for the index shown by {@code
 * gpvoice devices}, anything else for a case-insensitive part of the name or description. Matching is a pure function
 * over {@link DeviceInfo}s ({@link #select(List, String, Direction)}), so its rules and messages are tested without
 * devices. Everything here runs on the control thread, before audio starts: it allocates freely and may block.
 *
 * <p>On Linux JavaSound sees ALSA only: {@code default [default]} (which goes to PulseAudio or PipeWire when one runs)
 * and the hardware cards. It cannot name a sound server's own sinks and sources; choose those in the server (e.g.
 * {@code pactl set-default-sink}) or with {@code PULSE_SINK} / {@code PULSE_SOURCE}.
 */
public final class AudioDevices {
    /** Rates probed for the listing, Hz. */
    public static final List<Integer> PROBED_RATES = List.of(8000, 16000, 22050, 32000, 44100, 48000, 96000);

    /** Rates {@link #chooseRate} falls back to when the wanted one is not accepted, Hz, most common first. */
    public static final List<Integer> FALLBACK_RATES = List.of(48000, 44100, 32000, 22050, 16000, 8000);

    /** The message when JavaSound lists no device at all. */
    public static final String NO_DEVICES =
            "no audio devices were found (on Linux a sound server such as PulseAudio or "
                    + "PipeWire must be running, or ALSA must see a sound card)";

    private static final int FRAME_BYTES = 2; // 16-bit mono

    private AudioDevices() {}

    /** gpvoice's line format at {@code sampleRate} Hz: 16-bit signed little-endian mono PCM. */
    public static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    /**
     * The buffer to ask a line for: {@code bufferMs} at {@code sampleRate}, in whole frames, at least one.
     *
     * @throws IllegalArgumentException if the rate is not positive or the duration not positive and finite
     */
    public static int bufferBytes(int sampleRate, double bufferMs) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        if (!(bufferMs > 0) || Double.isInfinite(bufferMs)) {
            throw new IllegalArgumentException("buffer must be a positive number of ms: " + bufferMs);
        }
        double frames = Math.max(1, Math.round(sampleRate * bufferMs / 1000.0));
        if (frames * FRAME_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer too large: " + bufferMs + " ms at " + sampleRate + " Hz");
        }
        return (int) frames * FRAME_BYTES;
    }

    // ------------------------------------------------------------------------------------------------ listing

    /** Every device JavaSound lists, in its order; empty when there are none (no sound server, no card). */
    public static List<DeviceInfo> list() {
        return describe(AudioSystem.getMixerInfo());
    }

    private static List<DeviceInfo> describe(Mixer.Info[] infos) {
        List<DeviceInfo> devices = new ArrayList<>(infos.length);
        for (int i = 0; i < infos.length; i++) {
            Mixer.Info mi = infos[i];
            DeviceInfo.LineSupport out = DeviceInfo.LineSupport.NONE, in = DeviceInfo.LineSupport.NONE;
            try {
                Mixer mixer = AudioSystem.getMixer(mi);
                out = support(mixer, Direction.OUTPUT);
                in = support(mixer, Direction.INPUT);
            } catch (RuntimeException e) {
                // A provider that cannot describe its mixer: list it without lines rather than hide the others.
            }
            devices.add(new DeviceInfo(i, mi.getName(), mi.getDescription(), mi.getVendor(), out, in));
        }
        return devices;
    }

    private static DeviceInfo.LineSupport support(Mixer mixer, Direction direction) {
        Line.Info[] lines = direction == Direction.OUTPUT ? mixer.getSourceLineInfo() : mixer.getTargetLineInfo();
        boolean present = false;
        int formats = 0;
        for (Line.Info li : lines) {
            // Clips are source lines too, but not streams: only SourceDataLine / TargetDataLine count.
            if (li instanceof DataLine.Info di && direction.lineClass().isAssignableFrom(di.getLineClass())) {
                present = true;
                formats += di.getFormats().length;
            }
        }
        if (!present) return DeviceInfo.LineSupport.NONE;
        List<Integer> rates = new ArrayList<>();
        for (int rate : PROBED_RATES) if (accepts(mixer, direction, rate)) rates.add(rate);
        return new DeviceInfo.LineSupport(true, rates, formats);
    }

    private static boolean accepts(Mixer mixer, Direction direction, int rate) {
        return mixer.isLineSupported(new DataLine.Info(direction.lineClass(), format(rate)));
    }

    // ------------------------------------------------------------------------------------------------ selection

    /** The device {@code spec} names among those JavaSound lists now; see {@link #select(List, String, Direction)}. */
    public static DeviceInfo select(String spec, Direction direction) throws DeviceException {
        return select(list(), spec, direction);
    }

    /**
     * The device {@code spec} names among {@code devices}, for {@code direction}.
     *
     * <ul>
     *   <li>null or blank: the system default, i.e. the first device with lines of that kind (the one JavaSound's
     *       {@code AudioSystem.getLine} picks when no {@code javax.sound.sampled.*} property says otherwise);
     *   <li>digits only: the device with that {@link DeviceInfo#index()};
     *   <li>anything else: the one device whose name or description contains it, ignoring case; if several do, the one
     *       whose name is exactly it.
     * </ul>
     *
     * @throws DeviceException if none or several match, or the match has no lines for {@code direction}; the message
     *     names the spec and lists the devices that would do
     */
    public static DeviceInfo select(List<DeviceInfo> devices, String spec, Direction direction) throws DeviceException {
        if (devices.isEmpty()) throw new DeviceException(NO_DEVICES);
        String noun = direction.noun();
        List<DeviceInfo> usable = devices.stream().filter(d -> d.has(direction)).collect(Collectors.toList());
        String wanted = spec == null ? "" : spec.strip();

        if (wanted.isEmpty()) {
            if (usable.isEmpty())
                throw new DeviceException("no " + noun + " device found; " + choices(devices, direction));
            return usable.get(0);
        }

        if (wanted.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int index = wanted.length() <= 9 ? Integer.parseInt(wanted) : -1; // longer: no such device anyway
            for (DeviceInfo d : devices) {
                if (d.index() != index) continue;
                if (!d.has(direction)) {
                    throw new DeviceException(
                            "device " + d.label() + " has no " + noun + " lines; " + choices(devices, direction));
                }
                return d;
            }
            throw new DeviceException("no device has index " + wanted + "; " + choices(devices, direction));
        }

        String needle = wanted.toLowerCase(Locale.ROOT);
        List<DeviceInfo> named = devices.stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(needle)
                        || d.description().toLowerCase(Locale.ROOT).contains(needle))
                .collect(Collectors.toList());
        List<DeviceInfo> fit = named.stream().filter(d -> d.has(direction)).collect(Collectors.toList());
        if (fit.size() == 1) return fit.get(0);
        if (fit.size() > 1) {
            for (DeviceInfo d : fit) if (d.name().equalsIgnoreCase(wanted)) return d;
            throw new DeviceException("'" + wanted + "' matches " + fit.size() + " " + noun + " devices: " + labels(fit)
                    + "; give the index or more of the name");
        }
        if (!named.isEmpty()) {
            throw new DeviceException("'" + wanted + "' matches only devices without " + noun + " lines ("
                    + labels(named) + "); " + choices(devices, direction));
        }
        throw new DeviceException("no " + noun + " device matches '" + wanted + "'; " + choices(devices, direction));
    }

    /** {@code outputs: 0 'default [default]', 2 'PCH [hw:0,0]'}, or what exists when none has lines of that kind. */
    private static String choices(List<DeviceInfo> devices, Direction direction) {
        List<DeviceInfo> usable = devices.stream().filter(d -> d.has(direction)).collect(Collectors.toList());
        if (usable.isEmpty()) {
            return "no device has " + direction.noun() + " lines (devices: " + labels(devices) + ")";
        }
        return direction.noun() + "s: " + labels(usable);
    }

    private static String labels(List<DeviceInfo> devices) {
        return devices.stream().map(DeviceInfo::label).collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------------------ rates

    /**
     * {@code wantedRate} if the device chosen by {@code spec} accepts 16-bit mono at that rate, otherwise the nearest
     * of {@link #FALLBACK_RATES} it accepts. The caller then resamples between the two and should say so.
     *
     * @throws DeviceException if the device cannot be chosen or accepts none of those rates
     */
    public static int chooseRate(String spec, Direction direction, int wantedRate) throws DeviceException {
        if (wantedRate <= 0) throw new IllegalArgumentException("sample rate must be positive: " + wantedRate);
        Mixer.Info[] infos = AudioSystem.getMixerInfo();
        DeviceInfo device = select(describe(infos), spec, direction);
        Mixer mixer = AudioSystem.getMixer(infos[device.index()]);
        return nearestRate(wantedRate, rate -> accepts(mixer, direction, rate))
                .orElseThrow(() -> new DeviceException(direction.noun() + " " + device.label()
                        + " accepts 16-bit mono at none of " + FALLBACK_RATES + " Hz"));
    }

    /**
     * {@code wantedRate} if {@code accepted}, otherwise the {@link #FALLBACK_RATES} entry nearest to it that is
     * accepted (on a tie, the higher: resampling up loses nothing); empty if none is.
     */
    public static OptionalInt nearestRate(int wantedRate, IntPredicate accepted) {
        if (accepted.test(wantedRate)) return OptionalInt.of(wantedRate);
        int best = -1;
        for (int rate : FALLBACK_RATES) {
            if (!accepted.test(rate)) continue;
            long gap = Math.abs((long) rate - wantedRate), bestGap = Math.abs((long) best - wantedRate);
            if (best < 0 || gap < bestGap || (gap == bestGap && rate > best)) best = rate;
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    // ------------------------------------------------------------------------------------------------ opening

    /**
     * Opens (does not start) a playback line on the device {@code spec} names.
     *
     * @param sampleRate Hz; see {@link #chooseRate} for one the device accepts
     * @param bufferMs the line's buffer, ms: the most it queues, so the latency it adds. Ask for 31 ms or more where
     *     the machine may be busy: smaller buffers underrun silently (JavaSound never reports it)
     * @throws DeviceException if the device cannot be chosen, does not accept the format, or is busy
     * @throws IllegalArgumentException if the rate or buffer is not positive
     */
    public static OpenLine<SourceDataLine> openOutput(String spec, int sampleRate, double bufferMs)
            throws DeviceException {
        return open(spec, Direction.OUTPUT, SourceDataLine.class, sampleRate, bufferMs);
    }

    /** Opens (does not start) a capture line; as {@link #openOutput}. */
    public static OpenLine<TargetDataLine> openInput(String spec, int sampleRate, double bufferMs)
            throws DeviceException {
        return open(spec, Direction.INPUT, TargetDataLine.class, sampleRate, bufferMs);
    }

    private static <L extends DataLine> OpenLine<L> open(
            String spec, Direction direction, Class<L> lineClass, int sampleRate, double bufferMs)
            throws DeviceException {
        int bytes = bufferBytes(sampleRate, bufferMs);
        Mixer.Info[] infos = AudioSystem.getMixerInfo();
        DeviceInfo device = select(describe(infos), spec, direction);
        AudioFormat format = format(sampleRate);
        String what = direction.noun() + " " + device.label();
        String asked = String.format(
                Locale.ROOT, "%d Hz 16-bit mono with a %s ms buffer (%d bytes)", sampleRate, ms(bufferMs), bytes);
        L line = null;
        try {
            Mixer mixer = AudioSystem.getMixer(infos[device.index()]);
            // The buffer goes to open(), not into the Info: there the device rounds it up to its minimum (384 B on
            // ALSA's default), while an Info asking for less than the device's minimum fails as "unsupported".
            line = lineClass.cast(mixer.getLine(new DataLine.Info(lineClass, format)));
            if (line instanceof SourceDataLine out) out.open(format, bytes);
            else ((TargetDataLine) line).open(format, bytes);
            return new OpenLine<>(line, device, direction, sampleRate, bytes);
        } catch (IllegalArgumentException e) {
            closeQuietly(line);
            // JavaSound's way of saying "format not supported".
            throw new DeviceException(
                    what + " does not accept " + asked + " (it accepts 16-bit mono at "
                            + (device.lines(direction).rates().isEmpty()
                                    ? "none of " + PROBED_RATES
                                    : device.lines(direction).rates().toString())
                            + " Hz): " + e.getMessage(),
                    e);
        } catch (LineUnavailableException e) {
            closeQuietly(line);
            String why = String.valueOf(e.getMessage());
            // ALSA's default accepts any rate in the Info and refuses absurd ones (1 MHz) only here, as "not
            // supported".
            if (why.contains("not supported"))
                throw new DeviceException(what + " does not accept " + asked + ": " + why, e);
            throw new DeviceException(
                    "cannot open " + what + " at " + asked + " (another program may be using it): " + why, e);
        } catch (SecurityException e) {
            closeQuietly(line);
            throw new DeviceException("not allowed to open " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(line);
            throw e;
        }
    }

    private static String ms(double ms) {
        return ms == Math.rint(ms) ? Long.toString((long) ms) : Double.toString(ms);
    }

    private static void closeQuietly(Line line) {
        if (line == null) return;
        try {
            line.close();
        } catch (RuntimeException ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
