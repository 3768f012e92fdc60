package dev.spike.profile.writer;

import dev.spike.profile.prompt.Prompt;

/** Writes one profile from a prompt. Implementations are safe for concurrent use. */
public interface ProfileWriter {

    /**
     * Generates a profile.
     *
     * @throws ProfileWriterException when the provider fails; its {@link FailureKind} marks
     *                                whether a retry can help
     */
    GeneratedProfile generate(Prompt prompt) throws ProfileWriterException;

    /** The provider name, such as "openai". */
    String provider();

    /** The model name sent to the provider. */
    String model();
}
