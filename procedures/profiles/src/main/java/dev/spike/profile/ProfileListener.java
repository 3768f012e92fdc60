package dev.spike.profile;

/**
 * Receives outcomes as subjects finish. {@link ProfileRunner} calls it only on the thread that
 * called {@code run}, so the caller can write results in its own transactions.
 */
public interface ProfileListener {

    void onResult(ProfileResult result);

    void onFailure(ProfileFailure failure);
}
