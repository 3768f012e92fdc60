package dev.spike.profile;

import dev.spike.profile.testing.CollectingListener;
import dev.spike.profile.testing.RecordingRunLog;
import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.writer.GeneratedProfile;
import dev.spike.profile.writer.ProfileWriter;
import dev.spike.profile.writer.TemplateProfileWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileRunnerTest {

    @Test
    void templateRunWritesEverySubject() {
        List<ProfileSubject> subjects = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            subjects.add(ProfileSubject.builder(SubjectKind.ITEM, "m" + i).name("Movie " + i)
                    .fact("Movie " + i + " has genre Drama.").build());
        }
        CollectingListener listener = new CollectingListener();
        RecordingRunLog log = new RecordingRunLog();

        RunSummary summary = new ProfileRunner(new TemplateProfileWriter(), ProfileSettings.defaults(), log)
                .run(subjects, listener, () -> false);

        assertEquals(20, summary.succeeded());
        assertEquals(0, summary.failed());
        assertEquals(20, summary.requests());
        assertFalse(summary.cancelled());
        assertNull(summary.runMessage());
        assertEquals(20, listener.results().size());
        assertEquals("Movie 7 has genre Drama.", listener.result("m7").text());
        assertEquals(1, listener.result("m7").attempts());
        assertEquals(64, listener.result("m7").inputHash().length());
        assertEquals(Set.of(Thread.currentThread().getName()), listener.threads());
        assertTrue(log.text().contains("Profiles :: Start: 20 subjects"), log.text());
        assertTrue(log.text().contains("Profiles :: Finished: 20 written, 0 failed"), log.text());
    }

    @Test
    void inputHashMatchesStoredHash() {
        ProfileSubject subject = ProfileSubject.builder(SubjectKind.ITEM, "m1").name("One").fact("One has genre Drama.")
                .build();
        ProfileRunner runner = new ProfileRunner(new TemplateProfileWriter(), ProfileSettings.defaults(), RunLog.NONE);
        CollectingListener listener = new CollectingListener();

        runner.run(List.of(subject), listener, () -> false);

        assertEquals(runner.inputHash(subject), listener.result("m1").inputHash());
    }

    @Test
    void nullSubjectIsReportedNotThrown() {
        List<ProfileSubject> subjects = Arrays.asList(
                ProfileSubject.builder(SubjectKind.ITEM, "m1").name("One").build(), null);
        CollectingListener listener = new CollectingListener();

        RunSummary summary = new ProfileRunner(new TemplateProfileWriter(), ProfileSettings.defaults(), RunLog.NONE)
                .run(subjects, listener, () -> false);

        assertEquals(1, summary.succeeded());
        assertEquals(1, summary.failed());
        assertNotNull(listener.failure("null"));
        assertEquals("invalid subject: null", listener.failure("null").reason());
    }

    @Test
    void runtimeExceptionFailsOnlyItsSubject() {
        ProfileWriter writer = new FailingWriter(new IllegalStateException("writer bug"));
        CollectingListener listener = new CollectingListener();

        RunSummary summary = new ProfileRunner(writer, ProfileSettings.defaults(), RunLog.NONE)
                .run(List.of(ProfileSubject.builder(SubjectKind.ITEM, "m1").build()), listener, () -> false);

        assertEquals(1, summary.failed());
        assertEquals("unexpected error: IllegalStateException: writer bug", listener.failure("m1").reason());
        assertEquals(1, listener.failure("m1").attempts(), "an unknown error is not retried");
    }

    @Test
    void deadWorkersEndTheRun() {
        ProfileWriter writer = new FailingWriter(new AssertionError("fatal"));
        RecordingRunLog log = new RecordingRunLog();

        RunSummary summary = new ProfileRunner(writer, ProfileSettings.defaults(), log)
                .run(List.of(ProfileSubject.builder(SubjectKind.ITEM, "m1").build()), new CollectingListener(), () -> false);

        assertEquals(0, summary.succeeded() + summary.failed());
        assertTrue(log.text().contains("Workers ended with 1 subjects without an outcome"), log.text());
    }

    @Test
    void emptyListFinishesAtOnce() {
        RunSummary summary = new ProfileRunner(new TemplateProfileWriter(), ProfileSettings.defaults(), RunLog.NONE)
                .run(List.of(), new CollectingListener(), () -> false);

        assertEquals(0, summary.subjects());
        assertEquals(0, summary.requests());
    }

    /** A writer that throws the given unchecked throwable on every call. */
    private record FailingWriter(Throwable error) implements ProfileWriter {
        @Override
        public GeneratedProfile generate(Prompt prompt) {
            if (error instanceof Error fatal) {
                throw fatal;
            }
            throw (RuntimeException) error;
        }

        @Override
        public String provider() {
            return "failing";
        }

        @Override
        public String model() {
            return "none";
        }
    }

    @Test
    void backoffDoublesUpToCap() {
        assertEquals(500, ProfileRunner.backoff(1).toMillis());
        assertEquals(1000, ProfileRunner.backoff(2).toMillis());
        assertEquals(2000, ProfileRunner.backoff(3).toMillis());
        assertEquals(30_000, ProfileRunner.backoff(20).toMillis());
    }

}
