package dev.spike.profile;

import dev.spike.profile.prompt.Prompt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over everything that decides a profile, so a caller can skip subjects whose hash
 * is unchanged since the last run.
 *
 * <p>The hash covers, in this order, each as a 4-byte big-endian length followed by its UTF-8
 * bytes: the format tag {@code spike-profile-input-v1}, the provider name, the model name, the
 * subject kind, the system prompt and the user prompt. The user prompt contains the subject
 * name, the domain word and the facts, item texts, reviews and upstream profiles that remained
 * after the limits. So the hash changes with any of them, and with a limit that changes what
 * is kept. The subject id is not part of it, and neither are {@code temperature},
 * {@code maxOutputTokens}, {@code reasoningModel}, the timeout and the retry settings, so
 * changing one of them does not make unchanged subjects run again.
 */
public final class InputHash {

    private static final String FORMAT_TAG = "spike-profile-input-v1";

    private InputHash() {
    }

    /** Returns the hash as 64 lower-case hex digits. */
    public static String of(Prompt prompt, String provider, String model) {
        MessageDigest digest = sha256();
        update(digest, FORMAT_TAG);
        update(digest, provider);
        update(digest, model);
        update(digest, prompt.kind().name());
        update(digest, prompt.systemPrompt());
        update(digest, prompt.userPrompt());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
