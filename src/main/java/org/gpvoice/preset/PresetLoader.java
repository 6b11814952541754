package org.gpvoice.preset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.Periodogram;
import org.gpvoice.engine.SamplerKind;

/**
 * Reads a preset from JSON and validates every field (the format is {@code presets/README.md}).
 *
 * <p>Strict: an unknown field, a value of the wrong type or out of range, malformed JSON, a duplicate key or trailing
 * content each throw a {@link PresetException} whose message names the source, the field path and what is allowed.
 * The first problem found is reported (unknown fields first, then the fields in the order of the README).
 *
 * <p>Partial presets: {@code name}, {@code description} and {@code components} are required; every other field, and
 * every group ({@code analysis}, {@code fit}, ...), may be left out, and then takes the engine's default (the value in
 * {@code default-24}). A {@code null} value is an error, not a default.
 *
 * <p>Control thread only: parsing allocates.
 */
public final class PresetLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_NAME = 40, MAX_DESCRIPTION = 240;

    static final List<String> TOP = List.of(
            "name", "description", "components", "kernel", "analysis", "fit", "initialisation", "sampler", "envelope");
    static final List<String> ANALYSIS = List.of("windowMs", "window", "envelopeMs");
    static final List<String> FIT = List.of("iterations", "jacobianSteps", "smoothness", "peakWeight", "minWidthHz");
    static final List<String> INITIALISATION = List.of("harmonic", "harmonicFraction", "harmonicMaxHz");
    static final List<String> SAMPLER = List.of("kind", "seOrder", "seMethod", "narrowingHz");
    static final List<String> ENVELOPE = List.of("levelTracking", "amplitudeLock");

    /** The engine's defaults: what an omitted field takes. */
    private static final Preset DEFAULTS = Preset.of("default", "", org.gpvoice.engine.EngineConfig.defaults());

    private PresetLoader() {}

    /** Reads the preset file {@code file}; its path as given names it in messages. */
    public static Preset load(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw new PresetException(source, null, "is a directory, not a preset file");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PresetException(source, null, "no such file");
        } catch (AccessDeniedException e) {
            throw new PresetException(source, null, "cannot read: permission denied");
        } catch (IOException e) {
            throw new PresetException(source, null, "cannot read: " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), source);
    }

    /** Reads a preset from {@code in} (not closed); {@code source} names it in messages. */
    public static Preset read(InputStream in, String source) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new PresetException(source, null, "cannot read: " + e.getMessage());
        }
    }

    /** Parses and validates preset JSON text; {@code source} names it in messages. */
    public static Preset parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new PresetException(source, null, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode())
            throw new PresetException(source, null, "empty file: a preset is a JSON object (see presets/README.md)");
        return new Reader(source).preset(root);
    }

    /** One pass over one document; knows its source for messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Preset preset(JsonNode root) {
            if (!root.isObject())
                throw new PresetException(
                        source, null, "a preset must be a JSON object { ... }, got " + describe(root));
            checkKnown(root, "", TOP);
            JsonNode analysis = group(root, "analysis", ANALYSIS);
            JsonNode fit = group(root, "fit", FIT);
            JsonNode init = group(root, "initialisation", INITIALISATION);
            JsonNode sampler = group(root, "sampler", SAMPLER);
            JsonNode envelope = group(root, "envelope", ENVELOPE);

            String name = name(require(root, "name", "a lower-case name such as voice-16"));
            String description =
                    description(require(root, "description", "one line saying what it sounds like and what it costs"));
            require(root, "components", "an integer 1 to " + FitConfig.MAX_COMPONENTS);
            int components = integer(root, "", "components", 1, FitConfig.MAX_COMPONENTS, 0);
            Kernel kernel = choice(root, "", "kernel", Kernel.values(), DEFAULTS.kernel());

            double analysisMs = number(analysis, "analysis", "windowMs", 10, false, 200, DEFAULTS.analysisMs());
            Periodogram.Window window =
                    choice(analysis, "analysis", "window", Periodogram.Window.values(), DEFAULTS.window());
            double envelopeMs = number(
                    analysis,
                    "analysis",
                    "envelopeMs",
                    Preset.MIN_ENVELOPE_MS,
                    false,
                    Preset.MAX_ENVELOPE_MS,
                    DEFAULTS.envelopeMs());

            int iterations = integer(fit, "fit", "iterations", 1, 50, DEFAULTS.iterations());
            int jacobianSteps = integer(fit, "fit", "jacobianSteps", 1, 50, DEFAULTS.jacobianSteps());
            double smoothness = number(fit, "fit", "smoothness", 0, false, 100, DEFAULTS.smoothness());
            double peakWeight = number(fit, "fit", "peakWeight", 0, false, 1000, DEFAULTS.peakWeight());
            double minWidthHz = number(fit, "fit", "minWidthHz", 0, true, 100, DEFAULTS.minWidthHz());

            double harmonicFraction = harmonicFraction(init);
            double harmonicMaxHz = number(
                    init,
                    "initialisation",
                    "harmonicMaxHz",
                    0,
                    false,
                    Preset.MAX_HARMONIC_HZ,
                    DEFAULTS.harmonicMaxHz());

            SamplerKind kind = sampler(sampler);
            org.gpvoice.dsp.synth.SeMethod seMethod = seMethod(sampler);
            boolean taylor = seMethod == org.gpvoice.dsp.synth.SeMethod.TAYLOR;
            int seOrder = integer(sampler, "sampler", "seOrder", 1, taylor ? 10 : 6, taylor ? 6 : DEFAULTS.seOrder());
            double narrowingHz = number(
                    sampler,
                    "sampler",
                    "narrowingHz",
                    0,
                    false,
                    org.gpvoice.engine.EngineConfig.MAX_NARROWING_HZ,
                    DEFAULTS.narrowingHz());
            double levelTracking = number(envelope, "envelope", "levelTracking", 0, false, 1, DEFAULTS.levelTracking());
            double amplitudeLock = number(envelope, "envelope", "amplitudeLock", 0, false, 1, DEFAULTS.amplitudeLock());
            try {
                return new Preset(
                        name,
                        description,
                        components,
                        kernel,
                        analysisMs,
                        window,
                        envelopeMs,
                        iterations,
                        jacobianSteps,
                        smoothness,
                        peakWeight,
                        minWidthHz,
                        harmonicFraction,
                        harmonicMaxHz,
                        kind,
                        seOrder,
                        levelTracking,
                        seMethod,
                        amplitudeLock,
                        narrowingHz);
            } catch (IllegalArgumentException e) { // every range is checked above; this is a safety net
                throw new PresetException(source, null, e.getMessage());
            }
        }

        /** {@code initialisation.harmonic} and {@code harmonicFraction} together: false means a fraction of 0. */
        private double harmonicFraction(JsonNode init) {
            JsonNode h = init == null ? null : init.get("harmonic");
            if (h != null && !h.isBoolean()) throw bad("initialisation.harmonic", "true or false", h);
            boolean given = init != null && init.has("harmonicFraction");
            double f = number(init, "initialisation", "harmonicFraction", 0, false, 1, DEFAULTS.harmonicFraction());
            if (h == null) return f;
            if (!h.booleanValue()) {
                if (given && f != 0)
                    throw new PresetException(
                            source,
                            "initialisation.harmonicFraction",
                            "initialisation.harmonicFraction must be 0 (or left out) when initialisation.harmonic "
                                    + "is false, got " + describe(init.get("harmonicFraction")));
                return 0;
            }
            if (given && f == 0)
                throw new PresetException(
                        source,
                        "initialisation.harmonicFraction",
                        "initialisation.harmonicFraction must be above 0 and at most 1 when initialisation.harmonic "
                                + "is true (set \"harmonic\": false for Bark-band peaks only), got 0");
            return f;
        }

        private org.gpvoice.dsp.synth.SeMethod seMethod(JsonNode group) {
            JsonNode n = group == null ? null : group.get("seMethod");
            if (n == null) return DEFAULTS.seMethod();
            if (n.isTextual())
                for (org.gpvoice.dsp.synth.SeMethod m : org.gpvoice.dsp.synth.SeMethod.values())
                    if (m.name().equalsIgnoreCase(n.textValue())) return m;
            throw bad("sampler.seMethod", "one of cascade, taylor", n);
        }

        private SamplerKind sampler(JsonNode group) {
            JsonNode n = group == null ? null : group.get("kind");
            if (n == null) return DEFAULTS.sampler();
            List<String> names = new ArrayList<>();
            for (SamplerKind k : SamplerKind.values()) names.add(k.cliName());
            if (n.isTextual())
                for (SamplerKind k : SamplerKind.values()) if (k.cliName().equalsIgnoreCase(n.textValue())) return k;
            throw bad("sampler.kind", "one of " + String.join(", ", names), n);
        }

        private String name(JsonNode n) {
            if (!n.isTextual()
                    || !NAME.matcher(n.textValue()).matches()
                    || n.textValue().length() > MAX_NAME)
                throw bad(
                        "name",
                        "lower-case letters and digits in words joined by dashes (e.g. voice-16), " + "at most "
                                + MAX_NAME + " characters",
                        n);
            return n.textValue();
        }

        private String description(JsonNode n) {
            String what = "one line of text, 1 to " + MAX_DESCRIPTION + " characters";
            if (!n.isTextual()) throw bad("description", what, n);
            String d = n.textValue().strip();
            if (d.isEmpty() || d.length() > MAX_DESCRIPTION || d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0)
                throw bad("description", what, n);
            return d;
        }

        private JsonNode require(JsonNode root, String key, String what) {
            JsonNode n = root.get(key);
            if (n == null)
                throw new PresetException(source, key, "missing required field '" + key + "' (" + what + ")");
            return n;
        }

        /** The group object {@code key}, or null when it is left out; checks its field names. */
        private JsonNode group(JsonNode root, String key, List<String> known) {
            JsonNode n = root.get(key);
            if (n == null) return null;
            if (!n.isObject()) throw bad(key, "an object { ... } with fields " + String.join(", ", known), n);
            checkKnown(n, key + ".", known);
            return n;
        }

        private void checkKnown(JsonNode obj, String prefix, List<String> known) {
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (known.contains(f)) continue;
                String near = nearest(f, known);
                throw new PresetException(
                        source,
                        prefix + f,
                        "unknown field '" + prefix + f + "' (known: " + String.join(", ", known) + ")"
                                + (near == null ? "" : "; did you mean '" + prefix + near + "'?"));
            }
        }

        private int integer(JsonNode obj, String group, String key, int min, int max, int dflt) {
            JsonNode n = obj == null ? null : obj.get(key);
            if (n == null) return dflt;
            double v = n.isNumber() ? n.doubleValue() : Double.NaN;
            if (!(v == Math.rint(v) && v >= min && v <= max))
                throw bad(path(group, key), "an integer " + min + " to " + max, n);
            return (int) v;
        }

        private double number(
                JsonNode obj, String group, String key, double min, boolean minOpen, double max, double dflt) {
            JsonNode n = obj == null ? null : obj.get(key);
            if (n == null) return dflt;
            double v = n.isNumber() ? n.doubleValue() : Double.NaN;
            boolean ok = (minOpen ? v > min : v >= min) && v <= max;
            if (!ok) {
                String what = minOpen
                        ? "a number above " + fmt(min) + " and at most " + fmt(max)
                        : "a number " + fmt(min) + " to " + fmt(max);
                throw bad(path(group, key), what, n);
            }
            return v;
        }

        private <E extends Enum<E>> E choice(JsonNode obj, String group, String key, E[] values, E dflt) {
            JsonNode n = obj == null ? null : obj.get(key);
            if (n == null) return dflt;
            List<String> names = new ArrayList<>();
            for (E e : values) names.add(e.name().toLowerCase(Locale.ROOT));
            if (n.isTextual()) for (E e : values) if (e.name().equalsIgnoreCase(n.textValue())) return e;
            throw bad(path(group, key), "one of " + String.join(", ", names), n);
        }

        private PresetException bad(String path, String what, JsonNode got) {
            return new PresetException(source, path, path + " must be " + what + ", got " + describe(got));
        }
    }

    private static String path(String group, String key) {
        return group.isEmpty() ? key : group + "." + key;
    }

    /** A value as the user wrote it, with its JSON type where the text alone would not show it. */
    static String describe(JsonNode n) {
        if (n.isTextual()) return n.toString() + " (a string)";
        if (n.isArray()) return "an array";
        if (n.isObject()) return "an object";
        return n.toString(); // numbers, true/false, null
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** The known name within edit distance 2 of {@code s} (the closest; null if none). */
    static String nearest(String s, List<String> known) {
        String best = null;
        int bestD = 3;
        for (String k : known) {
            int d = editDistance(s.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** Damerau-Levenshtein distance (adjacent transpositions count 1), optimal string alignment. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.length()][b.length()];
    }
}
