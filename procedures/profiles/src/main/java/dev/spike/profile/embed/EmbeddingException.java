package dev.spike.profile.embed;

/** A failed embedding request. The message never contains the API key. */
public final class EmbeddingException extends RuntimeException {

    private final boolean keyRejected;

    public EmbeddingException(String message) {
        this(message, false);
    }

    /**
     * @param keyRejected whether the endpoint returned HTTP 401 or 403, so that later requests with
     *     the same key fail too
     */
    public EmbeddingException(String message, boolean keyRejected) {
        super(message, null, false, false);
        this.keyRejected = keyRejected;
    }

    /** Tells whether the endpoint rejected the API key (HTTP 401 or 403). */
    public boolean keyRejected() {
        return keyRejected;
    }
}
