package dev.spike.profile.embed;

/** A failed embedding request. The message never contains the API key. */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message, null, false, false);
    }
}
