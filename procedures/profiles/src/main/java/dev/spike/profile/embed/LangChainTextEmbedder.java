package dev.spike.profile.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link TextEmbedder} on a LangChain4j {@link EmbeddingModel}, with one optional retry policy around each batch.
 *
 * <p>A remote model of unknown size learns its vector length from the first batch it embeds.
 * Only a batch of blank texts, whose zero vectors need that length before any vector came back,
 * sends a probe text, and an instance sends at most one probe.
 */
class LangChainTextEmbedder implements TextEmbedder {

    private static final String PROBE_TEXT = "dimension probe";

    private final EmbeddingModel embeddingModel;
    private final String model;
    private final EmbedRetry retry;
    private final UnaryOperator<String> redact;
    private volatile int dimension;
    /** Message of the failed probe, which later blank batches throw without another request. Null before any failure. */
    private String probeFailure;
    private boolean probed;

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
        if (segments.isEmpty()) {
            probeDimension();
        } else {
            List<float[]> embedded = embedSegments(segments);
            for (int k = 0; k < positions.size(); k++) {
                vectors[positions.get(k)] = embedded.get(k);
            }
        }
        int length = dimension;
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

    /**
     * Embeds one probe text to learn the vector length, unless it is known. A failed probe is not
     * repeated, so later calls throw its message again until a real batch reveals the length.
     */
    private synchronized void probeDimension() {
        if (dimension > 0) {
            return;
        }
        if (probed) {
            throw new EmbeddingException("The vector length of " + model + " is unknown, because its probe request "
                    + "failed earlier: " + probeFailure);
        }
        probed = true;
        try {
            embedSegments(List.of(TextSegment.from(PROBE_TEXT)));
        } catch (EmbeddingException e) {
            probeFailure = e.getMessage();
            throw e;
        }
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[model=" + model + "]";
    }
}
