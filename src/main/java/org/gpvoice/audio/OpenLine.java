package org.gpvoice.audio;

import java.util.Locale;
import javax.sound.sampled.DataLine;

/**
 * A data line opened by {@link AudioDevices} (not yet started), with what was asked for and what the device gave.
 * Devices round buffer requests (ALSA's {@code default} never goes below 384 bytes), so a caller that sizes its
 * blocks or reports latency should read {@link #bufferFrames()} rather than trust its own request. Closing this closes
 * the line.
 *
 * @param line the open line, 16-bit signed little-endian mono at {@code sampleRate}
 * @param device the device it belongs to
 * @param direction which way it carries audio
 * @param sampleRate frames per second, Hz
 * @param requestedBufferBytes the buffer asked for, bytes (whole frames)
 */
public record OpenLine<L extends DataLine>(
        L line, DeviceInfo device, Direction direction, int sampleRate, int requestedBufferBytes)
        implements AutoCloseable {

    /** The buffer the line actually got, bytes. */
    public int bufferBytes() {
        return line.getBufferSize();
    }

    /** The buffer the line actually got, frames. */
    public int bufferFrames() {
        return line.getBufferSize() / line.getFormat().getFrameSize();
    }

    /** The buffer the line actually got, ms: the most audio it can queue, so the latency it can add. */
    public double bufferMs() {
        return 1000.0 * bufferFrames() / sampleRate;
    }

    /** One line for logs: {@code output 0 'default [default]': 48000 Hz, buffer 3840 B = 40.0 ms (asked 3840 B)}. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s %s: %d Hz 16-bit mono, buffer %d B = %.1f ms (asked %d B)",
                direction.noun(),
                device.label(),
                sampleRate,
                bufferBytes(),
                bufferMs(),
                requestedBufferBytes);
    }

    @Override
    public void close() {
        line.close();
    }
}
