package dev.spike.kgat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One of the optional KGAT id lists ({@code user_list.txt}, {@code item_list.txt},
 * {@code entity_list.txt}, {@code relation_list.txt}): a header line, then one row per id.
 *
 * <p>The header names the columns. {@code remap_id} is the KGAT id and is required. {@code org_id}
 * (or, when absent, the first other column) is the original id or name, and {@code title}, when
 * present, is an item title. Columns are TAB separated when the header contains a TAB, and then
 * the last column takes the rest of the line. Otherwise they are separated by runs of whitespace,
 * and a row with more words than the header has columns gives the extra words to {@code title}
 * when there is one, else to {@code org_id}, so titles and names may contain spaces.
 *
 * @param fileName name of the file, for messages
 * @param size number of data rows
 * @param maxId largest {@code remap_id}, or -1 when the list is empty
 * @param maxIdLine line of the largest {@code remap_id}
 * @param originalIds {@code org_id} by {@code remap_id}
 * @param titles {@code title} by {@code remap_id}; empty when the file has no title column
 */
record IdList(String fileName, int size, int maxId, int maxIdLine, Map<Integer, String> originalIds,
        Map<Integer, String> titles) implements KgatFiles.IdSource {

    @Override
    public String maxIdPlace() {
        return fileName + " line " + maxIdLine;
    }

    /** Reads {@code file}, or returns null when it does not exist. */
    static IdList readOptional(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String fileName = file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(fileName, reader);
        } catch (CharacterCodingException e) {
            throw KgatFiles.invalidUtf8(file);
        }
    }

    private static IdList read(String fileName, BufferedReader reader) throws IOException {
        String header = null;
        int lineNumber = 0;
        while (header == null) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalArgumentException(fileName + " is empty: expected a header line with a remap_id column");
            }
            lineNumber++;
            line = KgatFiles.stripByteOrderMark(line);
            if (!line.isBlank()) {
                header = line;
            }
        }

        boolean tabs = header.contains("\t");
        String[] columns = tabs ? header.split("\t") : header.trim().split("\\s+");
        int remapColumn = indexOf(columns, "remap_id");
        if (remapColumn < 0) {
            throw new IllegalArgumentException(String.format(
                    "%s line %d: expected a header with a remap_id column, found \"%s\"", fileName, lineNumber, header));
        }
        int originalColumn = indexOf(columns, "org_id");
        if (originalColumn < 0) {
            originalColumn = remapColumn == 0 ? 1 : 0;
        }
        int titleColumn = indexOf(columns, "title");
        int requiredFields = Math.max(remapColumn, originalColumn) + 1;
        int wideColumn = titleColumn >= 0 ? titleColumn : originalColumn;

        Map<Integer, String> originalIds = new HashMap<>();
        Map<Integer, String> titles = new HashMap<>();
        Map<Integer, Integer> lineOfId = new HashMap<>();
        int maxId = -1;
        int maxIdLine = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = tabs ? line.split("\t", columns.length) : splitWords(line, columns.length, wideColumn);
            if (fields.length < requiredFields) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: expected %d fields \"%s\", found \"%s\"",
                        fileName, lineNumber, columns.length, String.join(" ", columns), line));
            }
            int id = parseRemapId(fileName, lineNumber, fields[remapColumn]);
            Integer firstLine = lineOfId.putIfAbsent(id, lineNumber);
            if (firstLine != null) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: remap_id %d is listed twice (first on line %d)", fileName, lineNumber, id, firstLine));
            }
            if (id > maxId) {
                maxId = id;
                maxIdLine = lineNumber;
            }
            if (originalColumn < fields.length) {
                originalIds.put(id, fields[originalColumn]);
            }
            if (titleColumn >= 0 && titleColumn < fields.length) {
                titles.put(id, fields[titleColumn]);
            }
        }
        return new IdList(fileName, lineOfId.size(), maxId, maxIdLine, originalIds, titles);
    }

    /** Splits at whitespace into at most {@code columns} fields, joining surplus words into {@code wideColumn}. */
    private static String[] splitWords(String line, int columns, int wideColumn) {
        String[] words = line.trim().split("\\s+");
        int surplus = words.length - columns;
        if (surplus <= 0) {
            return words;
        }
        String[] fields = new String[columns];
        for (int column = 0; column < columns; column++) {
            int first = column <= wideColumn ? column : column + surplus;
            int last = column == wideColumn ? first + surplus : first;
            fields[column] = String.join(" ", java.util.Arrays.copyOfRange(words, first, last + 1));
        }
        return fields;
    }

    private static int indexOf(String[] columns, String name) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].trim().toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int parseRemapId(String fileName, int lineNumber, String text) {
        String token = text.trim();
        try {
            long id = Long.parseLong(token);
            if (id >= 0 && id <= KgatFiles.MAX_ID) {
                return (int) id;
            }
        } catch (NumberFormatException e) {
            // Reported below together with out-of-range values.
        }
        throw new IllegalArgumentException(String.format(
                "%s line %d: remap_id must be an integer from 0 to %d, found \"%s\"",
                fileName, lineNumber, KgatFiles.MAX_ID, token));
    }
}
