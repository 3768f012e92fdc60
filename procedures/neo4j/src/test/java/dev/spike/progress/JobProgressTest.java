package dev.spike.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neo4j.gds.core.utils.progress.TaskStore;
import org.neo4j.gds.core.utils.progress.TaskStoreHolder;
import org.neo4j.gds.core.utils.progress.UserTask;
import org.neo4j.gds.core.utils.progress.tasks.Status;
import org.neo4j.gds.core.utils.progress.tasks.Task;
import org.neo4j.logging.NullLog;

/** A job lives in GDS's task store from start to finish or close, whatever steps it skips. */
class JobProgressTest {

    private static final List<JobProgress.Step> STEPS = List.of(
            new JobProgress.Step("read", 1), new JobProgress.Step("epochs", 10), new JobProgress.Step("save", 1));

    @Test
    void finishedJobLeavesTheStore() {
        TaskStore store = TaskStoreHolder.getTaskStore("job-progress-finished");
        JobProgress job = JobProgress.start("job-progress-finished", "alice", "spike.train 'm'", STEPS,
                NullLog.getInstance());
        job.beginStep(1);
        job.advance(4);

        List<UserTask> listed = store.query("alice").toList();
        assertEquals(1, listed.size());
        Task root = listed.get(0).task();
        assertEquals("spike.train 'm'", root.description());
        assertEquals(Status.FINISHED, root.subTasks().get(0).status(), "a skipped-over step counts as done");
        assertEquals(Status.RUNNING, root.subTasks().get(1).status());
        assertEquals(4, root.subTasks().get(1).getProgress().progress());

        job.finish();
        assertEquals(Status.FINISHED, root.status());
        assertTrue(store.query("alice").toList().isEmpty());
        job.close();
        assertEquals(Status.FINISHED, root.status(), "close after finish changes nothing");
    }

    @Test
    void closedJobIsMarkedFailed() {
        TaskStore store = TaskStoreHolder.getTaskStore("job-progress-closed");
        Task root;
        try (JobProgress job = JobProgress.start("job-progress-closed", "bob", "spike.profile.write", STEPS,
                NullLog.getInstance())) {
            job.beginStep(0, 500);
            root = store.query("bob").toList().get(0).task();
            assertEquals(500, root.subTasks().get(0).getProgress().volume(), "a volume known only now is set");
        }
        assertEquals(Status.FAILED, root.status());
        assertTrue(store.query("bob").toList().isEmpty());
    }

    @Test
    void stepsOutOfRangeAreIgnored() {
        TaskStore store = TaskStoreHolder.getTaskStore("job-progress-range");
        JobProgress job = JobProgress.start("job-progress-range", "carol", "spike.profile.embed",
                List.of(new JobProgress.Step("item embeddings", 3)), NullLog.getInstance());
        job.advance(1);
        job.beginStep(5);
        job.beginStep(0);
        job.advance(3);

        job.finish();
        assertTrue(store.query("carol").toList().isEmpty());
    }
}
