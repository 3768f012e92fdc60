package dev.spike.runner;

import dev.spike.model.SpikeConfig;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Command-line options of the main job. */
public record RunnerOptions(
        Path movieLens, Path kgat, Charset encoding, boolean serve, int boltPort, Path workDirectory, Integer epochs,
        Integer patience, Integer layers, int seeds, boolean help) {

    /** Maximum number of seeds per run, because each seed trains every model once more. */
    static final int MAX_SEEDS = 100;

    public static final String USAGE = """
            Usage: main job [options]
              (no options)          run the pipeline on the bundled demo catalogue
              --movielens DIR       load MovieLens from DIR (movies.csv, ratings.csv, tags.csv,
                                    or the movies.dat/ratings.dat files of ml-1m)
              --kgat DIR            load a KGAT-format dataset from DIR (train.txt, test.txt,
                                    kg_final.txt, optional *_list.txt) and keep its split
              --seeds N             train each model N times with seeds 42, 43, ... and report
                                    the mean (default 1, at most 100)
              --encoding NAME       character set of the MovieLens files (default UTF-8;
                                    ml-100k and ml-1m need ISO-8859-1)
              --serve               keep Neo4j running with Bolt on 127.0.0.1 until Ctrl-C
              --bolt-port PORT      Bolt port for --serve (default 7687)
              --work-dir DIR        folder for generated files and the training-curve picture
                                    (default: a new temporary folder); the database and its
                                    logs are kept there only while the job runs
              --epochs N            maximum training epochs per model (default 30 on
                                    MovieLens, 60 with --kgat, 40 otherwise)
              --patience N          stop after N epochs without a better Recall@20 on a
                                    10% validation hold-out (default 5); 0 trains every
                                    epoch on all training interactions (default with --kgat,
                                    whose split is fixed)
              --layers N            propagation layers of every model, 1 to 8 (default 2)
              --help                print this text
            Through Maven, pass the options in one property, from the repository root:
              mvn -B -Pmain-job package -DskipTests -pl procedures/neo4j -am -Dspike.args="OPTIONS"
            """;

    /** Parses the arguments; a bad one raises {@link IllegalArgumentException} with the fix. */
    public static RunnerOptions parse(List<String> args) {
        Path movieLens = null;
        Charset encoding = null;
        boolean serve = false;
        int boltPort = 7687;
        Path workDirectory = null;
        Integer epochs = null;
        Integer patience = null;
        Integer layers = null;
        Path kgat = null;
        int seeds = 1;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--movielens" -> movieLens = Path.of(value(args, ++i, arg));
                case "--encoding" -> encoding = charset(value(args, ++i, arg));
                case "--serve" -> serve = true;
                case "--bolt-port" -> boltPort = port(value(args, ++i, arg));
                case "--work-dir" -> workDirectory = Path.of(value(args, ++i, arg));
                case "--epochs" -> epochs = wholeNumber(value(args, ++i, arg), arg, 1, SpikeConfig.MAX_EPOCHS);
                case "--kgat" -> kgat = Path.of(value(args, ++i, arg));
                case "--seeds" -> seeds = wholeNumber(value(args, ++i, arg), arg, 1, MAX_SEEDS);
                case "--patience" -> patience = wholeNumber(value(args, ++i, arg), arg, 0, SpikeConfig.MAX_EPOCHS);
                case "--layers" -> layers = layerCount(value(args, ++i, arg));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'. Run with --help to list the options.");
            }
        }
        if (kgat != null && movieLens != null) {
            throw new IllegalArgumentException("Pass either --movielens or --kgat, not both.");
        }
        if (movieLens != null && !Files.isDirectory(movieLens)) {
            throw new IllegalArgumentException("MovieLens folder not found: " + movieLens.toAbsolutePath()
                    + ". Pass the folder that holds movies.csv, ratings.csv and tags.csv.");
        }
        if (kgat != null && !Files.isDirectory(kgat)) {
            throw new IllegalArgumentException("KGAT folder not found: " + kgat.toAbsolutePath()
                    + ". Pass the folder that holds train.txt, test.txt and kg_final.txt.");
        }
        if (kgat != null) {
            for (String name : List.of("train.txt", "test.txt", "kg_final.txt")) {
                if (!Files.isRegularFile(kgat.resolve(name))) {
                    throw new IllegalArgumentException("Missing " + name + " in " + kgat.toAbsolutePath()
                            + ". A KGAT folder holds train.txt, test.txt and kg_final.txt.");
                }
            }
        }
        if (workDirectory != null && Files.exists(workDirectory) && !Files.isDirectory(workDirectory)) {
            throw new IllegalArgumentException("Invalid --work-dir " + workDirectory.toAbsolutePath()
                    + ": it is a file. Pass a folder, or a path that does not exist yet.");
        }
        if (encoding != null && movieLens == null) {
            throw new IllegalArgumentException("--encoding applies to --movielens files only; add --movielens DIR.");
        }
        return new RunnerOptions(movieLens, kgat, encoding, serve, boltPort, workDirectory, epochs, patience, layers,
                seeds, help);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value. Run with --help to see it.");
        }
        return args.get(index);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid --bolt-port '" + text + "': expected a port number from 1 to 65535.");
        }
    }

    private static int wholeNumber(String text, String option, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid " + option + " '" + text + "': expected a whole number from "
                    + String.format(Locale.ROOT, "%,d to %,d", min, max) + ".");
        }
        return value;
    }

    private static int layerCount(String text) {
        int layers;
        try {
            layers = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            layers = 0;
        }
        if (layers < 1 || layers > SpikeConfig.MAX_LAYERS) {
            throw new IllegalArgumentException("Invalid --layers '" + text + "': expected a whole number from 1 to "
                    + SpikeConfig.MAX_LAYERS + "; two or three layers suit most catalogues.");
        }
        return layers;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Unknown --encoding '" + name + "': use a Java charset name such as UTF-8 or ISO-8859-1.");
        }
    }
}
