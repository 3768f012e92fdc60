package dev.spike.movielens;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares a MovieLens folder for {@code cypher/movielens/load.cypher}, which reads
 * {@code movies.csv}, {@code ratings.csv} and {@code tags.csv} as UTF-8 through LOAD CSV.
 *
 * <p>UTF-8 CSV files (ml-latest, ml-latest-small, ml-25m) are used where they are. The
 * {@code ::}-separated {@code .dat} files of ml-1m and ml-10m, and files in another character set
 * (ml-100k and ml-1m are ISO-8859-1), are converted to UTF-8 CSV in a staging folder. A file that
 * is not valid in the expected character set is rejected with its name, line and byte, because
 * LOAD CSV would otherwise store U+FFFD replacement characters without a word.
 */
public final class MovieLensFiles {

    private static final List<String> CSV_FILES = List.of("movies.csv", "ratings.csv", "tags.csv");

    private MovieLensFiles() {}

    /** Returns the folder to use as the LOAD CSV import root. */
    public static Path prepare(Path folder, Charset encoding, Path stagingFolder) throws IOException {
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : encoding;
        boolean csv = Files.isRegularFile(folder.resolve("movies.csv"));
        boolean dat = Files.isRegularFile(folder.resolve("movies.dat"));
        if (!csv && !dat) {
            throw new IllegalArgumentException("No movies.csv or movies.dat in " + folder.toAbsolutePath()
                    + ". Pass the MovieLens folder that holds them.");
        }
        if (csv) {
            for (String name : CSV_FILES) {
                if (!Files.isRegularFile(folder.resolve(name))) {
                    throw new IllegalArgumentException("Missing " + name + " in " + folder.toAbsolutePath()
                            + ". The loader needs movies.csv, ratings.csv and tags.csv.");
                }
            }
            if (charset.equals(StandardCharsets.UTF_8)) {
                for (String name : CSV_FILES) {
                    checkDecodes(folder.resolve(name), charset);
                }
                return folder;
            }
            Files.createDirectories(stagingFolder);
            for (String name : CSV_FILES) {
                transcode(folder.resolve(name), charset, stagingFolder.resolve(name));
            }
            return stagingFolder;
        }
        Files.createDirectories(stagingFolder);
        convertDat(folder, charset, stagingFolder);
        return stagingFolder;
    }

    /** Fails with the file, line and first bad byte when {@code file} is not valid in {@code charset}. */
    public static void checkDecodes(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] bytes = Files.readAllBytes(file);
        try {
            decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(describeBadByte(file, bytes, charset));
        }
    }

    private static String describeBadByte(Path file, byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int offset = in.position();
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return String.format(
                "%s line %d: byte 0x%02X is not valid %s. MovieLens ml-100k and ml-1m files are ISO-8859-1: "
                        + "rerun with --encoding ISO-8859-1 (or convert the file to UTF-8).",
                file.getFileName(), line, bytes[offset] & 0xFF, charset.name());
    }

    private static void transcode(Path source, Charset charset, Path target) throws IOException {
        checkDecodes(source, charset);
        try (BufferedReader in = reader(source, charset);
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            in.transferTo(out);
        }
    }

    /** Converts ml-1m/ml-10m {@code ::} files to the CSV layout of ml-latest. */
    private static void convertDat(Path folder, Charset charset, Path staging) throws IOException {
        Path movies = folder.resolve("movies.dat");
        Path ratings = folder.resolve("ratings.dat");
        if (!Files.isRegularFile(ratings)) {
            throw new IllegalArgumentException("Missing ratings.dat in " + folder.toAbsolutePath() + ".");
        }
        convert(movies, charset, staging.resolve("movies.csv"), "movieId,title,genres", 3);
        convert(ratings, charset, staging.resolve("ratings.csv"), "userId,movieId,rating,timestamp", 4);
        Path tags = folder.resolve("tags.dat");
        if (Files.isRegularFile(tags)) {
            convert(tags, charset, staging.resolve("tags.csv"), "userId,movieId,tag,timestamp", 4);
        } else {
            Files.writeString(staging.resolve("tags.csv"), "userId,movieId,tag,timestamp\n", StandardCharsets.UTF_8);
        }
    }

    private static void convert(Path source, Charset charset, Path target, String header, int fields)
            throws IOException {
        checkDecodes(source, charset);
        try (BufferedReader in = reader(source, charset);
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("::", -1);
                if (parts.length != fields) {
                    throw new IllegalArgumentException(String.format("%s line %d: expected %d fields separated by '::', found %d in '%s'",
                            source.getFileName(), number, fields, parts.length, line));
                }
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write('"');
                    out.write(parts[i].replace("\"", "\"\""));
                    out.write('"');
                }
                out.write('\n');
            }
        }
    }

    private static BufferedReader reader(Path file, Charset charset) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new BufferedReader(new InputStreamReader(in, charset));
    }
}
