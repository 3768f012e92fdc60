package dev.spike.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dense matrix products on row-major float arrays, computed by ND4J's BLAS gemm. */
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
        if (m == 0 || n == 0) {
            return new float[m * n];
        }
        if (k == 0) {
            return new float[m * n];
        }
        try (INDArray left = Nd4j.create(a, new long[] {aRows, aCols}, 'c');
             INDArray right = Nd4j.create(b, new long[] {bRows, bCols}, 'c');
             INDArray product = Nd4j.gemm(left, right, transposeA, transposeB);
             INDArray rowMajor = product.dup('c')) {
            return rowMajor.data().asFloat();
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
}
