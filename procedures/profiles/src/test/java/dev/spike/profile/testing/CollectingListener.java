package dev.spike.profile.testing;

import dev.spike.profile.ProfileFailure;
import dev.spike.profile.ProfileListener;
import dev.spike.profile.ProfileResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@link ProfileListener} that keeps outcomes and the names of the threads that delivered them. */
public final class CollectingListener implements ProfileListener {

    private final List<ProfileResult> results = new ArrayList<>();
    private final List<ProfileFailure> failures = new ArrayList<>();
    private final Set<String> threads = new HashSet<>();

    @Override
    public synchronized void onResult(ProfileResult result) {
        results.add(result);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public synchronized void onFailure(ProfileFailure failure) {
        failures.add(failure);
        threads.add(Thread.currentThread().getName());
    }

    public synchronized List<ProfileResult> results() {
        return List.copyOf(results);
    }

    public synchronized List<ProfileFailure> failures() {
        return List.copyOf(failures);
    }

    public synchronized Set<String> threads() {
        return Set.copyOf(threads);
    }

    public synchronized ProfileFailure failure(String subjectId) {
        return failures.stream().filter(failure -> failure.subjectId().equals(subjectId)).findFirst().orElse(null);
    }

    public synchronized ProfileResult result(String subjectId) {
        return results.stream().filter(result -> result.subjectId().equals(subjectId)).findFirst().orElse(null);
    }
}
