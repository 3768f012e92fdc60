package dev.spike.model.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense matrix products on row-major float arrays, computed by ND4J's BLAS gemm. Arrays are
 * copied to and from ND4J's native buffers in bulk, because ND4J's {@code create(float[])}
 * copies element by element and costs more than the product itself at these sizes.
 */
public final class Dense {
    private Dense() {
    }

    /**
     * Returns {@code op(a) · op(b)} as a row-major array, where {@code op} transposes when asked.
     *
     * @param a row-major {@code aRows × aCols} matrix
     * @param b row-major {@code bRows × bCols} matrix
     */
    public static float[] matmul(float[] a, int aRows, int aCols, boolean transposeA,
                                 float[] b, int bRows, int bCols, boolean transposeB) {
        int m = transposeA ? aCols : aRows;
        int k = transposeA ? aRows : aCols;
        int kB = transposeB ? bCols : bRows;
        int n = transposeB ? bRows : bCols;
        if (k != kB) {
            throw new IllegalArgumentException("Inner dimensions differ: " + k + " and " + kB);
        }
        if (m == 0 || n == 0 || k == 0) {
            return new float[m * n];
        }
        // A row-major matrix is its own transpose in column-major order, which is what BLAS reads
        // without copying. So compute Cᵀ = op(B)ᵀ · op(A)ᵀ column-major; its memory is C row-major.
        try (INDArray bTransposed = toColumnMajor(b, bCols, bRows);
             INDArray aTransposed = toColumnMajor(a, aCols, aRows);
             INDArray productTransposed = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, m}, 'f')) {
            Nd4j.gemm(bTransposed, aTransposed, productTransposed, transposeB, transposeA, 1.0, 0.0);
            float[] result = Workspace.scratch(m * n);
            ((FloatPointer) productTransposed.data().addressPointer()).get(result, 0, m * n);
            return result;
        }
    }

    /** Adds {@code op(a) · op(b)} into {@code target} (row-major, same shape as the product). */
    public static void addMatmul(float[] target, float[] a, int aRows, int aCols, boolean transposeA,
                                 float[] b, int bRows, int bCols, boolean transposeB) {
        float[] product = matmul(a, aRows, aCols, transposeA, b, bRows, bCols, transposeB);
        for (int i = 0; i < product.length; i++) {
            target[i] += product[i];
        }
    }

    private static INDArray toColumnMajor(float[] values, int rows, int cols) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, cols}, 'f');
        ((FloatPointer) array.data().addressPointer()).put(values, 0, rows * cols);
        return array;
    }
}
