package dev.spike.model.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a 2-d NumPy {@code .npy} array of little-endian float32 or float64 in C order. */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\s*,?\\)");

    /** A row-major matrix. */
    public record Matrix(int rows, int cols, float[] values) {
    }

    private NpyReader() {
    }

    public static Matrix read(Path path) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        bytes.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException("Invalid .npy file " + path + ": the magic string is missing");
        }
        int major = bytes.get();
        bytes.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(bytes.getShort()) : bytes.getInt();
        byte[] headerBytes = new byte[headerLength];
        bytes.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);

        String descr = find(DESCR, header, path, "descr");
        if (find(FORTRAN, header, path, "fortran_order").equals("True")) {
            throw new IOException("Unsupported .npy file " + path + ": Fortran order; save it in C order");
        }
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new IOException("Unsupported .npy file " + path + ": expected a 2-d shape in " + header.trim());
        }
        int rows = Integer.parseInt(shape.group(1));
        int cols = Integer.parseInt(shape.group(2));
        float[] values = new float[rows * cols];
        switch (descr) {
            case "<f4" -> bytes.asFloatBuffer().get(values);
            case "<f8" -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) bytes.getDouble();
                }
            }
            default -> throw new IOException("Unsupported .npy dtype " + descr + " in " + path + "; expected <f4 or <f8");
        }
        return new Matrix(rows, cols, values);
    }

    private static String find(Pattern pattern, String header, Path path, String key) throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException("Invalid .npy header in " + path + ": no " + key);
        }
        return matcher.group(1);
    }
}
