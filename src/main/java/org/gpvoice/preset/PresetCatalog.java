package org.gpvoice.preset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The presets shipped with gpvoice, read from the classpath at {@code /presets/NAME.json} (in the jar, or {@code
 * target/classes} when run from the build), and the lookup behind {@code --preset NAME|PATH}.
 *
 * <p>The shipped names, in the order they are listed, are in {@code /presets/index.txt} (one name a line; blank lines
 * and lines starting with {@code #} are skipped): a jar cannot be listed as a folder can, so the index is the list.
 */
public final class PresetCatalog {
    /** The preset equal to {@link org.gpvoice.engine.EngineConfig#defaults()}. */
    public static final String DEFAULT_NAME = "default-24";

    private static final String ROOT = "/presets/";

    private PresetCatalog() {}

    /** Names of the shipped presets, in listing order (fewest components first). */
    public static List<String> names() {
        try (InputStream in = PresetCatalog.class.getResourceAsStream(ROOT + "index.txt")) {
            if (in == null)
                throw new IllegalStateException("preset index " + ROOT + "index.txt missing from the build");
            List<String> names = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) names.add(s);
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every shipped preset, in listing order. */
    public static List<Preset> shipped() {
        List<Preset> all = new ArrayList<>();
        for (String n : names()) all.add(shipped(n));
        return List.copyOf(all);
    }

    /**
     * The shipped preset {@code name}.
     *
     * @throws PresetException if there is none by that name (the message lists the shipped names)
     */
    public static Preset shipped(String name) {
        if (!names().contains(name)) throw unknown(name);
        String source = "presets/" + name + ".json";
        try (InputStream in = PresetCatalog.class.getResourceAsStream(ROOT + name + ".json")) {
            if (in == null) throw new PresetException(source, null, "listed in the index but missing from the build");
            return PresetLoader.read(in, source);
        } catch (IOException e) {
            throw new PresetException(source, null, "cannot read: " + e.getMessage());
        }
    }

    /**
     * What {@code --preset} names: a shipped preset's name, else a path to a {@code .json} preset file.
     *
     * <p>A value that is not a shipped name is taken as a path when it ends in {@code .json} or names a folder
     * ({@code /}, or {@code \} on Windows); anything else is reported as an unknown preset, listing the shipped ones.
     *
     * @throws PresetException with a message for the user (unknown name, missing file, bad JSON, bad field)
     */
    public static Preset resolve(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank())
            throw new PresetException("--preset", null, "needs a preset name or a path to a .json file");
        String s = nameOrPath.strip();
        if (names().contains(s)) return shipped(s);
        boolean pathLike = s.endsWith(".json") || s.indexOf('/') >= 0 || s.indexOf(java.io.File.separatorChar) >= 0;
        if (!pathLike) throw unknown(s);
        Path p;
        try {
            p = Path.of(s);
        } catch (InvalidPathException e) {
            throw new PresetException(s, null, "not a valid path: " + e.getReason());
        }
        return PresetLoader.load(p);
    }

    private static PresetException unknown(String name) {
        return new PresetException(
                "--preset",
                null,
                "unknown preset '" + name + "': choose one of " + String.join(", ", names())
                        + ", or give the path of a .json preset file");
    }
}
