package dev.spike.profile.embed;

import java.util.List;

/** Turns texts into unit-length vectors. Implementations are safe for concurrent use. */
public interface TextEmbedder {

    /**
     * Embeds a batch of texts.
     *
     * @return one L2-normalised vector per text, in input order; a null or blank text gets a zero
     *         vector, since embedding models reject empty input
     * @throws EmbeddingException when the embedding model fails
     */
    float[][] embed(List<String> texts);

    /** The embedding model name. */
    String model();

    /** The vector length. */
    int dimension();
}
