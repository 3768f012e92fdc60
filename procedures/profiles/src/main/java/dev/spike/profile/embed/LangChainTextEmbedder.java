package dev.spike.profile.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A {@link TextEmbedder} on a LangChain4j {@link EmbeddingModel}, with one optional retry policy around each batch. */
class LangChainTextEmbedder implements TextEmbedder {

    private final EmbeddingModel embeddingModel;
    private final String model;
    private final EmbedRetry retry;
    private final UnaryOperator<String> redact;
    private volatile int dimension;

    LangChainTextEmbedder(EmbeddingModel embeddingModel, String model, int knownDimension, EmbedRetry retry,
                          UnaryOperator<String> redact) {
        this.embeddingModel = embeddingModel;
        this.model = model;
        this.dimension = knownDimension;
        this.retry = retry;
        this.redact = redact;
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        List<Integer> positions = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text != null && !text.isBlank()) {
                positions.add(i);
                segments.add(TextSegment.from(text));
            }
        }

        float[][] vectors = new float[texts.size()][];
        if (!segments.isEmpty()) {
            List<float[]> embedded = embedSegments(segments);
            for (int k = 0; k < positions.size(); k++) {
                vectors[positions.get(k)] = embedded.get(k);
            }
        }
        int length = dimension();
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                vectors[i] = new float[length];
            }
        }
        return vectors;
    }

    private List<float[]> embedSegments(List<TextSegment> segments) {
        Response<List<Embedding>> response = retry.call(() -> embeddingModel.embedAll(segments), redact);
        List<Embedding> embeddings = response == null ? null : response.content();
        if (embeddings == null || embeddings.size() != segments.size()) {
            throw new EmbeddingException("Embedding model " + model + " returned "
                    + (embeddings == null ? "no" : embeddings.size()) + " vectors for " + segments.size() + " texts");
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(Vectors.normalise(embedding.vector().clone()));
        }
        dimension = vectors.get(0).length;
        return vectors;
    }

    @Override
    public String model() {
        return model;
    }

    /** Returns the vector length; for a remote model of unknown size this embeds one probe text. */
    @Override
    public int dimension() {
        if (dimension <= 0) {
            embedSegments(List.of(TextSegment.from("dimension probe")));
        }
        return dimension;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[model=" + model + "]";
    }
}
