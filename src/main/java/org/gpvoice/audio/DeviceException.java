package org.gpvoice.audio;

/**
 * An audio device could not be found, chosen or opened. The message is written for the user: it names what was asked
 * for and, where it helps, what exists instead, so a command can print it as it is.
 */
public final class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
