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

    /**
     * Returns the vector length without sending a request. For a remote model it is 0 until the
     * model has returned a vector to this embedder.
     */
    int dimension();
}
