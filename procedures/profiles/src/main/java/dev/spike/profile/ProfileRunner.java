package dev.spike.profile;

import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.prompt.PromptBuilder;
import dev.spike.profile.writer.FailureKind;
import dev.spike.profile.writer.GeneratedProfile;
import dev.spike.profile.writer.ProfileWriter;
import dev.spike.profile.writer.ProfileWriterException;
import dev.spike.profile.writer.Redactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Writes profiles for a list of subjects with bounded concurrency and retries.
 *
 * <p>{@code concurrency} worker threads each take the next subject and make at most one
 * request at a time, so no more than {@code concurrency} requests are ever in flight. A
 * retryable failure ({@link FailureKind#retryable()}) is retried up to {@code retries} times
 * with exponential backoff (0.5 s, 1 s, 2 s, … capped at 30 s). After HTTP 429 the wait is at
 * least the Retry-After value, and every worker delays its next request until that wait ends.
 * A Retry-After above 2 minutes fails the subject at once instead of blocking the run.
 *
 * <p>Outcomes reach the {@link ProfileListener} on the thread that called {@link #run}, as
 * they complete. A failing subject, including one whose writer throws an unexpected runtime exception, becomes a
 * {@link ProfileFailure} and the run goes on. The cancellation check is polled
 * at least every 100 ms; when it returns true, requests in flight are interrupted, no further
 * outcomes are delivered and {@code run} returns after the workers have stopped.
 *
 * <p>The endpoint is taken to be unusable when no subject has succeeded and {@code 2 × concurrency}
 * subjects have failed after their retries because requests timed out, the endpoint was
 * unreachable (connection refused, host unreachable or unknown) or it rejected the API key
 * (HTTP 401 or 403, which are not retried). The remaining subjects then fail at once without a
 * request, and the summary carries one run-level message. Subjects already on another worker when
 * the stop triggers still finish, so at most {@code 3 × concurrency − 1} subjects send requests.
 * Other retryable failures, such as HTTP 429 and 5xx, do not count towards this stop.
 * A run that sent requests of which none succeeded, for any other reason, gets a run-level
 * message too, with the last failure and its usual fix.
 * The log gets at most 20 retry and failure lines per run, then a count of the rest.
 */
public final class ProfileRunner {

    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 100;
    private static final long SLEEP_SLICE_MILLIS = 50;
    private static final long SHUTDOWN_WAIT_SECONDS = 10;
    /** Retry and failure lines logged per run; later ones are only counted. */
    static final int MAX_WARN_LINES = 20;

    private final ProfileWriter writer;
    private final PromptBuilder prompts;
    private final ProfileSettings settings;
    private final RunLog log;
    private final Redactor redactor;

    public ProfileRunner(ProfileWriter writer, ProfileSettings settings, RunLog log) {
        this.writer = writer;
        this.prompts = new PromptBuilder(settings);
        this.settings = settings;
        this.log = log;
        this.redactor = new Redactor(settings.resolveApiKey(System::getenv));
    }

    /**
     * Runs all subjects and returns when each has an outcome or the run was cancelled.
     *
     * @param cancelled polled during the run; return true to stop it, e.g. when the
     *                  transaction was terminated. When it throws, the run stops the same way
     *                  and rethrows the exception.
     */
    public RunSummary run(List<ProfileSubject> subjects, ProfileListener listener, BooleanSupplier cancelled) {
        if (subjects == null || listener == null || cancelled == null) {
            throw new IllegalArgumentException("subjects, listener and cancelled must not be null");
        }
        Run run = new Run(subjects);
        int workers = Math.max(1, Math.min(settings.concurrency(), subjects.size()));
        log.info("Profiles :: Start: " + subjects.size() + " subjects, provider " + writer.provider()
                + ", model " + writer.model() + ", concurrency " + workers);

        List<Thread> threads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads(threads));
        try {
            run.activeWorkers.set(workers);
            for (int i = 0; i < workers; i++) {
                pool.execute(run::work);
            }
            deliver(run, listener, cancelled);
        } finally {
            run.stop.set(true);
            pool.shutdownNow();
            awaitTermination(pool, threads);
        }

        RunSummary summary = run.summary();
        summary.message().ifPresent(message -> log.warn("Profiles :: " + message));
        log.info("Profiles :: Finished: " + summary.succeeded() + " written, " + summary.failed() + " failed, "
                + summary.requests() + " requests" + (summary.cancelled() ? ", cancelled" : ""));
        return summary;
    }

    /** Returns the input hash that a run would store for the subject, so a caller can skip unchanged subjects. */
    public String inputHash(ProfileSubject subject) {
        return InputHash.of(prompts.build(subject), writer.provider(), writer.model());
    }

    private void deliver(Run run, ProfileListener listener, BooleanSupplier cancelled) {
        int delivered = 0;
        while (delivered < run.subjects.size()) {
            if (cancelled.getAsBoolean()) {
                run.cancelled.set(true);
                return;
            }
            boolean workersDone = run.activeWorkers.get() == 0;
            Object outcome;
            try {
                outcome = run.outcomes.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.cancelled.set(true);
                return;
            }
            if (outcome == null && workersDone) {
                log.warn("Profiles :: Workers ended with " + (run.subjects.size() - delivered)
                        + " subjects without an outcome");
                return;
            }
            if (outcome instanceof ProfileResult result) {
                listener.onResult(result);
                delivered++;
            } else if (outcome instanceof ProfileFailure failure) {
                listener.onFailure(failure);
                delivered++;
            }
        }
    }

    /** Returns 0.5 s × 2^(attempt − 1), capped at 30 s. */
    static Duration backoff(int attempt) {
        long millis = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Waits until every worker thread has ended, not only until the pool reports termination. */
    private static void awaitTermination(ExecutorService pool, List<Thread> threads) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_WAIT_SECONDS);
        try {
            pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            synchronized (threads) {
                for (Thread thread : threads) {
                    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    thread.join(Math.max(1, remainingMillis));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(List<Thread> created) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "spike-profile-" + counter.incrementAndGet());
            thread.setDaemon(true);
            synchronized (created) {
                created.add(thread);
            }
            return thread;
        };
    }

    /** The shared state of one run. */
    private final class Run {
        final List<ProfileSubject> subjects;
        final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        final AtomicInteger timedOutSubjects = new AtomicInteger();
        final AtomicInteger unreachableSubjects = new AtomicInteger();
        final AtomicInteger rejectedKeySubjects = new AtomicInteger();
        /** Subjects that passed the {@link #endpointUnusable()} check, so that requests were sent for them. */
        final AtomicInteger triedSubjects = new AtomicInteger();
        /** Lock that makes the unusable-endpoint check and the count of tried subjects one atomic step. */
        final Object stopCheck = new Object();
        /** Subjects failed without a request because the endpoint was taken to be unusable. */
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger warnLines = new AtomicInteger();
        final AtomicInteger activeWorkers = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** The failure of the subject that most recently failed after its requests, or null. */
        final AtomicReference<ProfileWriterException> lastFailure = new AtomicReference<>();
        /** System.nanoTime() before which no worker may send a request, set by Retry-After. */
        final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());

        Run(List<ProfileSubject> subjects) {
            this.subjects = subjects;
        }

        void work() {
            try {
                workOnSubjects();
            } finally {
                activeWorkers.decrementAndGet();
            }
        }

        private void workOnSubjects() {
            int index;
            while (!stop.get() && (index = next.getAndIncrement()) < subjects.size()) {
                ProfileSubject subject = subjects.get(index);
                Object outcome;
                try {
                    outcome = process(subject);
                } catch (RuntimeException e) {
                    String id = subject == null ? "null" : subject.id();
                    outcome = failure(id, "unexpected error: "
                            + redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()), null, 0);
                }
                if (outcome == null) {
                    return;
                }
                if (outcome instanceof ProfileResult) {
                    succeeded.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                outcomes.add(outcome);
            }
        }

        /** Returns a result or failure, or null when the run was stopped. */
        private Object process(ProfileSubject subject) {
            if (subject == null) {
                return failure("null", "invalid subject: null", null, 0);
            }
            String id = subject.id();
            Prompt prompt;
            try {
                prompt = prompts.build(subject);
            } catch (RuntimeException e) {
                String reason = "invalid subject: " + redactor.redact(e.getMessage());
                warn("Profiles :: Failed subject " + id + ": " + reason);
                return failure(id, reason, null, 0);
            }
            String hash = InputHash.of(prompt, writer.provider(), writer.model());
            synchronized (stopCheck) {
                if (endpointUnusable()) {
                    skipped.incrementAndGet();
                    return failure(id, skipReason(), null, 0);
                }
                triedSubjects.incrementAndGet();
            }

            int maxAttempts = settings.retries() + 1;
            int attempts = 0;
            ProfileWriterException last = null;
            while (attempts < maxAttempts) {
                if (!waitUntil(pausedUntil.get())) {
                    return null;
                }
                attempts++;
                requests.incrementAndGet();
                try {
                    GeneratedProfile profile = writer.generate(prompt);
                    return new ProfileResult(id, profile.text(), hash, profile.tokensIn(), profile.tokensOut(),
                            attempts, writer.provider(), writer.model());
                } catch (ProfileWriterException e) {
                    last = e;
                } catch (RuntimeException e) {
                    last = new ProfileWriterException(FailureKind.CLIENT_ERROR, null, null,
                            "unexpected error: " + redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
                }

                if (last.kind() == FailureKind.TIMEOUT) {
                    timeouts.incrementAndGet();
                }
                if (stop.get() || last.kind() == FailureKind.INTERRUPTED) {
                    return null;
                }
                if (!last.kind().retryable() || attempts == maxAttempts) {
                    break;
                }
                Duration wait = backoff(attempts);
                if (last.retryAfter().isPresent()) {
                    Duration retryAfter = last.retryAfter().get();
                    if (retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
                        last = new ProfileWriterException(last.kind(), last.httpStatus().orElse(null), retryAfter,
                                last.getMessage() + "; Retry-After " + retryAfter.toSeconds()
                                        + "s is above the limit of " + MAX_RETRY_AFTER.toSeconds() + "s");
                        break;
                    }
                    if (retryAfter.compareTo(wait) > 0) {
                        wait = retryAfter;
                    }
                    pauseAll(wait);
                }
                warn("Profiles :: Retry " + attempts + "/" + settings.retries() + " for subject " + id + " in "
                        + Durations.format(wait) + ": " + last.getMessage());
                if (!waitUntil(System.nanoTime() + wait.toNanos())) {
                    return null;
                }
            }
            if (last.kind() == FailureKind.TIMEOUT) {
                timedOutSubjects.incrementAndGet();
            } else if (last.kind() == FailureKind.UNREACHABLE) {
                unreachableSubjects.incrementAndGet();
            } else if (last.kind() == FailureKind.AUTHENTICATION) {
                rejectedKeySubjects.incrementAndGet();
            }
            lastFailure.set(last);
            warn("Profiles :: Failed subject " + id + " after " + attempts + " attempt(s): " + last.getMessage());
            return failure(id, last.getMessage(), last.httpStatus().orElse(null), attempts);
        }

        /**
         * Returns true when no subject succeeded and at least 2 × concurrency subjects failed because
         * requests timed out, the endpoint was unreachable or it rejected the API key.
         */
        private boolean endpointUnusable() {
            return succeeded.get() == 0 && stopFailures() >= 2 * settings.concurrency();
        }

        /** Returns the number of subjects that failed with a failure kind that counts towards the stop. */
        private int stopFailures() {
            return timedOutSubjects.get() + unreachableSubjects.get() + rejectedKeySubjects.get();
        }

        /**
         * Returns the failure reason of a subject skipped by {@link #endpointUnusable()}. The count
         * of tried subjects includes those still on a worker, so it can exceed the failed subjects
         * that triggered the stop.
         */
        private String skipReason() {
            List<String> causes = new ArrayList<>();
            if (timedOutSubjects.get() > 0) {
                causes.add("timed out");
            }
            if (unreachableSubjects.get() > 0) {
                causes.add("found the endpoint unreachable");
            }
            int rejectedKey = rejectedKeySubjects.get();
            if (rejectedKey > 0) {
                causes.add("their API key rejected (HTTP 401 or 403)");
            }
            String reason = "skipped without a request: " + triedSubjects.get()
                    + " subjects had been tried and none had succeeded, and " + stopFailures()
                    + " of them had " + String.join(" or ", causes) + ".";
            if (rejectedKey > 0) {
                reason += " " + FailureKind.API_KEY_HINT;
            }
            return reason + " See the run message.";
        }

        private void warn(String message) {
            int line = warnLines.incrementAndGet();
            if (line <= MAX_WARN_LINES) {
                log.warn(message);
            }
        }

        private ProfileFailure failure(String id, String reason, Integer status, int attempts) {
            return new ProfileFailure(id, reason, status, attempts, writer.provider(), writer.model());
        }

        private void pauseAll(Duration wait) {
            long until = System.nanoTime() + wait.toNanos();
            pausedUntil.accumulateAndGet(until, Math::max);
        }

        /** Sleeps until the nano time, in slices so a stop is noticed; returns false when stopped. */
        private boolean waitUntil(long nanoTime) {
            while (!stop.get()) {
                long remaining = nanoTime - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                try {
                    Thread.sleep(Math.min(SLEEP_SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }

        /** Returns the run message for a run in which requests were sent and none succeeded. */
        private String everyRequestFailed(int requestCount, ProfileWriterException last) {
            String fix = switch (last.kind()) {
                case CONNECTION, UNREACHABLE -> "Check that the endpoint is running and that `baseUrl` points to it";
                case RATE_LIMITED -> "Lower `concurrency`, or wait until the provider's rate limit resets";
                // The failure itself already names apiKey and apiKeyEnv.
                case AUTHENTICATION -> "Correct the API key";
                case CLIENT_ERROR -> "Check `model`, `baseUrl` and the API key (`apiKey` or `apiKeyEnv`) against the "
                        + "reasons in `failures`";
                default -> "Check the reasons in `failures`, the endpoint at `baseUrl` and the `model`";
            };
            return "Every one of the " + requestCount + " requests to " + settings.baseUrlFor(writer.provider())
                    + " for model " + writer.model() + " failed, so no profile was written. The last failure: "
                    + withoutFinalPeriod(last.getMessage()) + "." + skippedSentence() + " " + fix + ", then run again.";
        }

        private static String withoutFinalPeriod(String text) {
            return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        }

        /** Returns " The other N subjects were skipped without a request.", or "" when none was skipped. */
        private String skippedSentence() {
            int count = skipped.get();
            return count == 0 ? "" : " The other " + count + " subjects were skipped without a request.";
        }

        RunSummary summary() {
            String message = null;
            int requestCount = requests.get();
            if (requestCount > 0 && timeouts.get() == requestCount) {
                Duration timeout = settings.timeoutFor(writer.provider());
                message = "Every one of the " + requestCount + " requests to " + settings.baseUrlFor(writer.provider())
                        + " for model " + writer.model() + " timed out after " + Durations.format(timeout)
                        + "." + skippedSentence()
                        + " Set a larger `timeout` (for example timeout: '10m'), or load the model before the run"
                        + (ProfileSettings.OLLAMA.equals(writer.provider())
                                ? " (for example with `ollama run " + writer.model() + "`)" : "")
                        + ", then run again.";
            } else if (requestCount > 0 && succeeded.get() == 0 && lastFailure.get() != null) {
                message = everyRequestFailed(requestCount, lastFailure.get());
            }
            int suppressed = warnLines.get() - MAX_WARN_LINES;
            if (suppressed > 0) {
                log.warn("Profiles :: " + suppressed + " further retry and failure lines were not logged");
            }
            return new RunSummary(subjects.size(), succeeded.get(), failed.get(), requestCount,
                    cancelled.get(), message);
        }
    }
}
