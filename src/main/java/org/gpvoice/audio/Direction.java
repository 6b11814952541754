package org.gpvoice.audio;

import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Which way audio flows through a device. JavaSound names lines from the mixer's point of view, which reads backwards
 * to most people: a {@link SourceDataLine} is a source <em>for the mixer</em>, so it plays; a {@link TargetDataLine}
 * captures.
 */
public enum Direction {
    /** Playback: the device has {@link SourceDataLine}s. */
    OUTPUT("output", SourceDataLine.class),
    /** Capture: the device has {@link TargetDataLine}s. */
    INPUT("input", TargetDataLine.class);

    private final String noun;
    private final Class<? extends DataLine> lineClass;

    Direction(String noun, Class<? extends DataLine> lineClass) {
        this.noun = noun;
        this.lineClass = lineClass;
    }

    /** "output" or "input", as messages say it. */
    public String noun() {
        return noun;
    }

    /** The JavaSound line class a device needs for this direction. */
    public Class<? extends DataLine> lineClass() {
        return lineClass;
    }
}
