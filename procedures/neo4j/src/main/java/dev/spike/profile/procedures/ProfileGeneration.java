package dev.spike.profile.procedures;

import dev.spike.profile.InputHash;
import dev.spike.profile.ProfileFailure;
import dev.spike.profile.ProfileListener;
import dev.spike.profile.ProfileResult;
import dev.spike.profile.ProfileRunner;
import dev.spike.profile.ProfileSettings;
import dev.spike.profile.ProfileSubject;
import dev.spike.profile.RunLog;
import dev.spike.profile.RunSummary;
import dev.spike.profile.SubjectKind;
import dev.spike.profile.prompt.FactTemplates;
import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.prompt.PromptBuilder;
import dev.spike.profile.writer.ProfileWriter;
import dev.spike.profile.writer.ProfileWriters;
import dev.spike.progress.JobProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.TransactionTerminatedException;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * Generates profiles bottom-up, the work behind {@code spike.profile.write}, {@code stream}
 * and {@code estimate}: items first, then entities from their items' profiles, then users from
 * the profiles of the items they interacted with.
 *
 * <p>A node is skipped when its stored input hash equals the hash of its inputs now (or, with
 * {@code onlyMissing}, when it has a profile at all; {@code force} skips nothing). Entities and
 * users read only item profiles that are fresh in this run: written now or skipped as
 * unchanged. When items are not among the {@code kinds}, the item profiles on the graph are
 * used as they are. A node that fails keeps its old profile and hash. Entities whose name is a
 * placeholder such as "(no genres listed)" get no profile. An entity without a name, as after
 * a KGAT load without entity_list.txt, is profiled as "Entity" and its node id.
 */
public final class ProfileGeneration {

    private static final int MAX_REPORTED_FAILURES = 100;

    private enum Mode { WRITE, STREAM, ESTIMATE }

    /** A node and the subject built for it. */
    private record Candidate(ProfileGraph.StoredNode node, ProfileSubject subject) {}

    private final GraphDatabaseService database;
    private final TerminationGuard terminationGuard;
    private final Log log;
    private final String username;

    public ProfileGeneration(GraphDatabaseService database, TerminationGuard terminationGuard, Log log,
            String username) {
        this.database = database;
        this.terminationGuard = terminationGuard;
        this.log = log;
        this.username = username;
    }

    /**
     * Starts the job that {@code gds.listProgress()} shows for a profile procedure: a step per
     * configured kind for generating, then, with {@code embedding}, a step per kind for embedding.
     */
    static JobProgress progress(GraphDatabaseService database, String username, ProfileConfig config,
            boolean generating, boolean embedding, Log log) {
        List<JobProgress.Step> steps = new ArrayList<>();
        for (SubjectKind kind : SubjectKind.values()) {
            if (generating && config.kinds().contains(kind)) {
                steps.add(new JobProgress.Step(kind.name().toLowerCase(Locale.ROOT) + " profiles", 1));
            }
        }
        for (SubjectKind kind : SubjectKind.values()) {
            if (embedding && config.kinds().contains(kind)) {
                steps.add(new JobProgress.Step(kind.name().toLowerCase(Locale.ROOT) + " embeddings", 1));
            }
        }
        return JobProgress.start(database.databaseName(), username, config.procedure(), steps, log);
    }

    /** Generates and writes profiles; with {@code embed: true} embeds them afterwards. */
    public List<ProfileRows.Stage> write(ProfileConfig config) {
        try (JobProgress progress = progress(database, username, config, true, config.embed(), log)) {
            List<ProfileRows.Stage> stages = write(config, progress);
            progress.finish();
            return stages;
        }
    }

    private List<ProfileRows.Stage> write(ProfileConfig config, JobProgress progress) {
        Run run = new Run(config, Mode.WRITE, progress);
        List<ProfileRows.Stage> stages = run.execute();
        if (!config.embed()) {
            return stages;
        }
        Map<String, ProfileRows.Embedded> embedded = new HashMap<>();
        for (ProfileRows.Embedded row : new ProfileEmbedding(database, terminationGuard, log)
                .embed(config, progress, run.stepsRun)) {
            embedded.put(row.kind(), row);
        }
        List<ProfileRows.Stage> withEmbedding = new ArrayList<>();
        for (ProfileRows.Stage stage : stages) {
            ProfileRows.Embedded row = embedded.get(stage.kind());
            withEmbedding.add(row == null ? stage : new ProfileRows.Stage(stage.kind(), stage.generated(),
                    stage.skippedUnchanged(), stage.failed(), stage.tokensIn(), stage.tokensOut(), stage.millis(),
                    stage.failures(), stage.message(), row.embedded(), row.millis(), row.failed(), row.failures()));
        }
        return withEmbedding;
    }

    /** Generates profiles as {@link #write} does, without writing them. */
    public List<ProfileRows.Streamed> stream(ProfileConfig config) {
        try (JobProgress progress = progress(database, username, config, true, false, log)) {
            Run run = new Run(config, Mode.STREAM, progress);
            run.execute();
            progress.finish();
            return run.streamed;
        }
    }

    /** Counts prompts and estimates tokens per stage without calling a model. */
    public List<ProfileRows.Estimate> estimate(ProfileConfig config) {
        Run run = new Run(config, Mode.ESTIMATE, JobProgress.none());
        run.execute();
        return run.estimates;
    }

    /** Returns true once the procedure's transaction was terminated or timed out. */
    private boolean terminated() {
        try {
            terminationGuard.check();
            return false;
        } catch (TransactionTerminatedException e) {
            return true;
        }
    }

    /** The state of one procedure call. */
    private final class Run {
        final ProfileConfig config;
        final ProfileSettings settings;
        final Mode mode;
        final PromptBuilder prompts;
        final RunLog runLog;
        /** Item profiles that entities and users may read: written now, or stored and fresh. */
        final Map<Long, String> itemProfiles = new HashMap<>();
        final List<ProfileRows.Streamed> streamed = new ArrayList<>();
        final List<ProfileRows.Estimate> estimates = new ArrayList<>();
        final JobProgress progress;
        ProfileRunner runner;
        /** Generation steps started so far; embedding steps follow them. */
        int stepsRun;

        Run(ProfileConfig config, Mode mode, JobProgress progress) {
            this.config = config;
            this.progress = progress;
            this.settings = config.settings();
            this.mode = mode;
            this.prompts = new PromptBuilder(settings);
            this.runLog = new RunLog() {
                @Override
                public void info(String message) {
                    log.info(message);
                }

                @Override
                public void warn(String message) {
                    log.warn(message);
                }
            };
        }

        List<ProfileRows.Stage> execute() {
            List<String> kgTypes = ProfileSchemaCheck.check(database, config);
            if (mode != Mode.ESTIMATE) {
                ProfileWriter writer;
                try {
                    writer = ProfileWriters.create(settings);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(config.procedure() + ": " + e.getMessage());
                }
                runner = new ProfileRunner(writer, settings, runLog);
            }
            log.info("%s :: Start: kinds %s, knowledge-graph types %s, provider %s, model %s",
                    config.procedure(), config.kinds(), kgTypes, settings.provider(), settings.chatModel());

            ProfileGraph graph = new ProfileGraph(database, config, kgTypes);
            List<ProfileGraph.StoredNode> items = graph.items();
            List<ProfileGraph.StoredNode> entities = graph.entities();
            ProfileSubjects subjects = new ProfileSubjects(config, items, entities, graph.links());
            List<ProfileRows.Stage> stages = new ArrayList<>();

            if (config.kinds().contains(SubjectKind.ITEM)) {
                Map<Long, List<String>> reviews = graph.itemReviews(settings.maxReviews());
                List<Candidate> candidates = new ArrayList<>();
                for (ProfileGraph.StoredNode item : items) {
                    candidates.add(new Candidate(item, subjects.item(item, reviews.getOrDefault(item.id(), List.of()))));
                }
                addStage(stages, stage(SubjectKind.ITEM, candidates));
            } else {
                for (ProfileGraph.StoredNode item : items) {
                    if (item.profile() != null) {
                        itemProfiles.put(item.id(), item.profile());
                    }
                }
            }

            if (config.kinds().contains(SubjectKind.ENTITY)) {
                List<Candidate> candidates = new ArrayList<>();
                long fallbackNames = 0;
                for (ProfileGraph.StoredNode entity : entities) {
                    if (FactTemplates.isPlaceholder(ProfileSubjects.entityName(entity))) {
                        // A name such as "(no genres listed)" means "none", so such a node is no entity to describe.
                        continue;
                    }
                    if (ProfileSubjects.hasFallbackName(entity)) {
                        fallbackNames++;
                    }
                    candidates.add(new Candidate(entity,
                            subjects.entity(entity, itemProfiles, settings.maxItemsPerEntity())));
                }
                if (fallbackNames > 0) {
                    log.info("%s :: ENTITY stage: %d entities have no `%s` property and are named \"Entity <node id>\"",
                            config.procedure(), fallbackNames, config.entityNameProperty());
                }
                addStage(stages, stage(SubjectKind.ENTITY, candidates));
            }

            if (config.kinds().contains(SubjectKind.USER)) {
                Map<Long, ProfileGraph.Interactions> interactions = graph.userInteractions();
                List<Candidate> candidates = new ArrayList<>();
                long withoutInteractions = 0;
                List<Long> staleProfiles = new ArrayList<>();
                for (ProfileGraph.StoredNode user : graph.users()) {
                    ProfileGraph.Interactions own = interactions.get(user.id());
                    if (own == null || (own.items().isEmpty() && own.reviews().isEmpty())) {
                        // A profile of nothing but the user's name would give the user an embedding, and
                        // recommendations, that mean nothing.
                        withoutInteractions++;
                        if (user.hash() != null) {
                            // Written by a profile run from interactions that are gone, so it is stale.
                            staleProfiles.add(user.id());
                        }
                        continue;
                    }
                    candidates.add(new Candidate(user,
                            subjects.user(user, own, itemProfiles, settings.maxItemsPerUser())));
                }
                long removed = mode == Mode.WRITE ? new ProfileBatchWriter(database, config).remove(staleProfiles) : 0;
                addStage(stages, stage(SubjectKind.USER, candidates, joined(withoutInteractionsNote(withoutInteractions,
                        candidates.isEmpty()), removed == 0 ? null : String.format("Removed the profile%s of %,d of them, "
                        + "written from interactions that are gone.", removed == 1 ? "" : "s", removed))));
            }
            log.info("%s :: Finished", config.procedure());
            return stages;
        }

        /** Adds a stage row; an estimate adds its rows to {@link #estimates} and returns none. */
        private static void addStage(List<ProfileRows.Stage> stages, ProfileRows.Stage stage) {
            if (stage != null) {
                stages.add(stage);
            }
        }

        /** Describes the users left without a profile, or returns null when there are none. */
        private String withoutInteractionsNote(long users, boolean none) {
            if (users == 0) {
                return null;
            }
            String note = none
                    ? String.format("No :%s node has a training :%s interaction with an :%s node, so no user profile "
                            + "was written. Check userLabel, interactionType and itemLabel, and splitProperty and "
                            + "trainValue.", config.userLabel(), config.interactionType(), config.itemLabel())
                    : String.format("%,d :%s node%s without a training :%s interaction with an :%s node got no "
                            + "profile.", users, config.userLabel(), users == 1 ? "" : "s", config.interactionType(),
                            config.itemLabel());
            log.info("%s :: USER stage: %s", config.procedure(), note);
            return note;
        }

        private ProfileRows.Stage stage(SubjectKind kind, List<Candidate> candidates) {
            return stage(kind, candidates, null);
        }

        /** Runs one stage and returns its row, or null in estimate mode. {@code note} goes into the row's message. */
        private ProfileRows.Stage stage(SubjectKind kind, List<Candidate> candidates, String note) {
            long start = System.nanoTime();
            List<ProfileSubject> todo = new ArrayList<>();
            Map<String, Candidate> byId = new LinkedHashMap<>();
            long tokensIn = 0;
            long skipped = 0;
            for (Candidate candidate : candidates) {
                Prompt prompt = prompts.build(candidate.subject());
                String hash = InputHash.of(prompt, settings.provider(), settings.chatModel());
                if (skip(candidate.node(), hash)) {
                    skipped++;
                    freshProfile(kind, candidate.node().id(), candidate.node().profile());
                    continue;
                }
                todo.add(candidate.subject());
                byId.put(candidate.subject().id(), candidate);
                tokensIn += prompt.estimatedTokens();
            }
            log.info("%s :: %s stage: %d nodes, %d to generate, %d unchanged",
                    config.procedure(), kind, candidates.size(), todo.size(), skipped);

            if (mode == Mode.ESTIMATE) {
                // Stand-in text of the maximum output length, so that later stages see a changed upstream profile.
                String standIn = "x".repeat(settings.maxOutputTokens() * 4);
                todo.forEach(subject -> freshProfile(kind, Long.parseLong(subject.id()), standIn));
                estimates.add(new ProfileRows.Estimate(kind.name(), candidates.size(), todo.size(), skipped, tokensIn,
                        (long) todo.size() * settings.maxOutputTokens()));
                return null;
            }

            progress.beginStep(stepsRun++, todo.size());
            StageListener listener = new StageListener(kind, todo.size());
            RunSummary summary;
            try {
                summary = runner.run(todo, listener, ProfileGeneration.this::terminated);
            } finally {
                listener.flush();
            }
            if (summary.cancelled()) {
                terminationGuard.check();
                throw new IllegalStateException(config.procedure() + ": the run was interrupted during the "
                        + kind + " stage after " + listener.generated + " profiles.");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            log.info("%s :: %s stage finished: %d generated, %d unchanged, %d failed in %d ms",
                    config.procedure(), kind, listener.generated, skipped, listener.failed, millis);
            return new ProfileRows.Stage(kind.name(), listener.generated, skipped, listener.failed, listener.tokensIn,
                    listener.tokensOut, millis, listener.failures,
                    joined(joined(summary.message().orElse(null), note), removedEmbeddingsNote(kind, listener)), 0, 0, 0,
                    List.of());
        }

        /**
         * Points out embeddings removed with their old profile text, unless this call embeds the
         * new texts itself: a rerun with other settings would otherwise leave nodes without one.
         */
        private String removedEmbeddingsNote(SubjectKind kind, StageListener listener) {
            long removed = listener.batchWriter.embeddingsRemoved();
            if (removed == 0 || config.embed()) {
                return null;
            }
            String note = String.format("%,d changed profile%s lost %s embedding; run spike.profile.embed, or pass "
                    + "embed: true, to embed the new text.", removed, removed == 1 ? "" : "s",
                    removed == 1 ? "its" : "their");
            log.info("%s :: %s stage: %s", config.procedure(), kind, note);
            return note;
        }

        private static String joined(String first, String second) {
            if (first == null) {
                return second;
            }
            return second == null ? first : first + " " + second;
        }

        private boolean skip(ProfileGraph.StoredNode node, String hash) {
            if (config.force()) {
                return false;
            }
            if (config.onlyMissing()) {
                return node.profile() != null;
            }
            return node.profile() != null && hash.equals(node.hash());
        }

        private void freshProfile(SubjectKind kind, long nodeId, String profile) {
            if (kind == SubjectKind.ITEM && profile != null) {
                itemProfiles.put(nodeId, profile);
            }
        }

        /** Receives outcomes on the procedure thread and writes them in batches, or collects them for streaming. */
        private final class StageListener implements ProfileListener {
            final SubjectKind kind;
            final int total;
            final List<ProfileResult> pending = new ArrayList<>();
            final List<Map<String, Object>> failures = new ArrayList<>();
            final ProfileBatchWriter batchWriter = new ProfileBatchWriter(database, config);
            long generated;
            long failed;
            long tokensIn;
            long tokensOut;
            int batches;

            StageListener(SubjectKind kind, int total) {
                this.kind = kind;
                this.total = total;
            }

            @Override
            public void onResult(ProfileResult result) {
                progress.advance(1);
                long nodeId = Long.parseLong(result.subjectId());
                freshProfile(kind, nodeId, result.text());
                tokensIn += result.tokensIn();
                tokensOut += result.tokensOut();
                if (mode == Mode.STREAM) {
                    generated++;
                    streamed.add(new ProfileRows.Streamed(nodeId, kind.name(), result.text(), result.tokensIn(), null));
                    return;
                }
                pending.add(result);
                if (pending.size() >= config.batchSize()) {
                    flush();
                }
            }

            @Override
            public void onFailure(ProfileFailure failure) {
                progress.advance(1);
                failed++;
                long nodeId = Long.parseLong(failure.subjectId());
                if (failures.size() < MAX_REPORTED_FAILURES) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("nodeId", nodeId);
                    row.put("reason", failure.reason());
                    row.put("status", failure.httpStatus() == null ? null : failure.httpStatus().longValue());
                    row.put("provider", failure.provider());
                    row.put("model", failure.model());
                    failures.add(row);
                }
                if (mode == Mode.STREAM) {
                    streamed.add(new ProfileRows.Streamed(nodeId, kind.name(), null, 0, failure.reason()));
                }
            }

            /** Writes the pending results in one transaction. */
            void flush() {
                if (pending.isEmpty()) {
                    return;
                }
                int written = batchWriter.write(pending);
                generated += written;
                batches++;
                pending.clear();
                log.info("%s :: %s batch %d written: %d profiles, %d of %d done, %d failed",
                        config.procedure(), kind, batches, written, generated + failed, total, failed);
            }
        }
    }
}
