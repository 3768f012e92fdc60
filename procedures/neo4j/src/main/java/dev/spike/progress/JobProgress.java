package dev.spike.progress;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.gds.core.utils.progress.TaskRegistry;
import org.neo4j.gds.core.utils.progress.TaskStoreHolder;
import org.neo4j.gds.core.utils.progress.tasks.LeafTask;
import org.neo4j.gds.core.utils.progress.tasks.Status;
import org.neo4j.gds.core.utils.progress.tasks.Task;
import org.neo4j.gds.core.utils.progress.tasks.Tasks;
import org.neo4j.logging.Log;

/**
 * Shows a long-running procedure in {@code CALL gds.listProgress()}, as GDS shows its own
 * algorithms: one job with a step per stage and a volume per step.
 *
 * <p>The job is put into the task store that GDS keeps per database, under the name of the user
 * who called the procedure. Progress is reporting
 * only: when GDS's progress classes are missing or behave unexpectedly, the job is logged once and
 * the procedure runs on without it.
 */
public final class JobProgress implements AutoCloseable {

    private static final JobProgress NONE = new JobProgress(null, null, List.of(), null, null);

    private final TaskRegistry registry;
    private final Task root;
    private final List<LeafTask> steps;
    private final String name;
    private final Log log;
    private int current = -1;
    private boolean ended;

    private JobProgress(TaskRegistry registry, Task root, List<LeafTask> steps, String name, Log log) {
        this.registry = registry;
        this.root = root;
        this.steps = steps;
        this.name = name;
        this.log = log;
        this.ended = registry == null;
    }

    /** One stage of a job: its name and how many units of work it has (at least 1). */
    public record Step(String name, long volume) {}

    /**
     * Registers and starts a job.
     *
     * @param databaseName database whose task store gets the job
     * @param username user who called the procedure; {@code gds.listProgress} shows the job to that user
     * @param name job name, such as {@code spike.train 'movies'}
     * @param steps stages in the order they run
     * @param log where to note that progress cannot be shown
     */
    public static JobProgress start(String databaseName, String username, String name, List<Step> steps, Log log) {
        try {
            List<LeafTask> leaves = new ArrayList<>();
            for (Step step : steps) {
                leaves.add(Tasks.leaf(step.name(), Math.max(1, step.volume())));
            }
            Task root = Tasks.task(name, new ArrayList<Task>(leaves));
            TaskRegistry registry = new TaskRegistry(username, TaskStoreHolder.getTaskStore(databaseName));
            registry.registerTask(root);
            try {
                root.start();
            } catch (RuntimeException e) {
                registry.unregisterTask();
                throw e;
            }
            return new JobProgress(registry, root, leaves, name, log);
        } catch (LinkageError | RuntimeException e) {
            log.info("%s :: progress is not shown in gds.listProgress(): %s", name, e);
            return NONE;
        }
    }

    /** Finishes the running step, if any, and starts step {@code index}; steps may be skipped. */
    public synchronized void beginStep(int index) {
        beginStep(index, -1);
    }

    /**
     * As {@link #beginStep(int)}, and sets the step's volume when it becomes known only now, such
     * as the number of profiles a stage will generate; {@code volume} below 0 keeps the one given.
     */
    public synchronized void beginStep(int index, long volume) {
        if (ended || index >= steps.size()) {
            return;
        }
        try {
            if (volume >= 0) {
                steps.get(index).setVolume(Math.max(1, volume));
            }
            while (current < index) {
                if (current >= 0 && steps.get(current).status() == Status.RUNNING) {
                    steps.get(current).finish();
                }
                current++;
                LeafTask next = (LeafTask) root.nextSubtask();
                next.start();
                if (current < index) {
                    next.finish();
                }
            }
        } catch (RuntimeException e) {
            giveUp(e);
        }
    }

    /** Returns a job that shows nothing, for callers that report no progress. */
    public static JobProgress none() {
        return NONE;
    }

    /** Adds {@code units} of finished work to the running step. */
    public synchronized void advance(long units) {
        if (ended || current < 0) {
            return;
        }
        try {
            steps.get(current).logProgress(units);
        } catch (RuntimeException e) {
            giveUp(e);
        }
    }

    /** Marks the whole job finished and removes it from the task store. */
    public synchronized void finish() {
        if (ended) {
            return;
        }
        beginStep(steps.size() - 1);
        try {
            if (current >= 0 && steps.get(current).status() == Status.RUNNING) {
                steps.get(current).finish();
            }
            root.finish();
        } catch (RuntimeException e) {
            giveUp(e);
        }
        end();
    }

    /** Removes the job; a job that did not {@link #finish} is marked failed first. */
    @Override
    public synchronized void close() {
        if (ended) {
            return;
        }
        try {
            root.fail();
        } catch (RuntimeException e) {
            // The job is removed below in any case.
        }
        end();
    }

    /** Logs why progress stopped and removes the job; the procedure itself goes on. */
    private void giveUp(RuntimeException error) {
        log.info("%s :: progress is no longer shown in gds.listProgress(): %s", name, error);
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        registry.unregisterTask();
    }
}
