package dev.spike.profile.embed;

import dev.spike.profile.ProfileSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniLmEmbedderTest {

    @Test
    void embedsUnitVectorsOffline() {
        TextEmbedder embedder = TextEmbedders.create(ProfileSettings.defaults());

        float[][] vectors = embedder.embed(List.of("A tense crime epic set in Los Angeles.",
                "A tense crime epic set in Los Angeles.", "A cheerful film about toys.", ""));

        assertEquals("all-minilm-l6-v2", embedder.model());
        assertEquals(384, embedder.dimension());
        assertEquals(4, vectors.length);
        for (int i = 0; i < 3; i++) {
            assertEquals(384, vectors[i].length);
            assertEquals(1.0, Vectors.norm(vectors[i]), 1e-5);
        }
        assertEquals(384, vectors[3].length);
        assertEquals(0.0, Vectors.norm(vectors[3]), "a blank text gets a zero vector");
        assertArrayEquals(vectors[0], vectors[1]);
        assertTrue(dot(vectors[0], vectors[2]) < 0.9, "different texts give different vectors");
    }

    @Test
    void trackingAndDownloadsAreOff() {
        TextEmbedders.miniLm();

        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void emptyBatchGivesNoVectors() {
        assertEquals(0, TextEmbedders.miniLm().embed(List.of()).length);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
