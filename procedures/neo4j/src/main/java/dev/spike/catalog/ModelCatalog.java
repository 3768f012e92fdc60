package dev.spike.catalog;

import dev.spike.graph.GraphSpec;
import dev.spike.model.TrainedModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Trained models of one database, kept in memory and on disk.
 *
 * <p>Each model is a folder {@code <directory>/<database>/<model name>/} with {@code model.spike}
 * (weights and embeddings) and {@code graph.spike} (node ids and graph shape). A model is written
 * into a hidden temporary folder that is then renamed into place, so a crash or a terminated
 * transaction never leaves a half-saved model that a restart would load. The catalog reads the
 * folder on first use, which is how models survive a restart.
 */
public final class ModelCatalog {

    // NOTE: builds that read only older formats reject these files, so rolling the plugin back means retraining.
    static final int GRAPH_FORMAT_VERSION = 3;

    /** The first format, without the training pair sample; still read. */
    private static final int GRAPH_FORMAT_WITHOUT_SAMPLE = 1;
    /** The second format, with the sample's hashes but without its checked pairs or the database type; still read. */
    private static final int GRAPH_FORMAT_WITHOUT_CHECKED_PAIRS = 2;
    private static final long GRAPH_MAGIC = 0x5350694B45475246L;
    /** Names of the folders that {@link #store} writes before it renames them into place. */
    private static final Pattern SAVE_LEFTOVER = Pattern.compile(
            "\\..+\\.(tmp|old)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Map<Path, ModelCatalog> CATALOGS = new ConcurrentHashMap<>();

    private final Path directory;
    private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();
    /** Folders that could not be read when the catalog was loaded: model name to reason. */
    private final Map<String, String> loadErrors = new ConcurrentHashMap<>();
    /** Names of models that a running training will store. */
    private final java.util.Set<String> inTraining = ConcurrentHashMap.newKeySet();

    private ModelCatalog(Path directory) {
        this.directory = directory;
        loadAll();
    }

    /** Returns the catalog of one database, stored under {@code modelsRoot/<databaseName>}. */
    public static ModelCatalog of(Path modelsRoot, String databaseName) {
        Path directory = modelsRoot.resolve(databaseName).toAbsolutePath().normalize();
        return CATALOGS.computeIfAbsent(directory, ModelCatalog::new);
    }

    /** Forgets every catalog held in memory; the next access reads the folders again. */
    public static void clearMemory() {
        CATALOGS.clear();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Model folders that could not be read at start-up, by name, with the reason, sorted by name.
     * They stay on disk until a model of the same name is trained or {@link #drop} removes them.
     */
    public Map<String, String> loadErrors() {
        return new TreeMap<>(loadErrors);
    }

    public static String checkName(String procedure, String name) {
        if (name == null) {
            throw new IllegalArgumentException(procedure + ": model name is missing (null). Use 1 to 64 "
                    + "letters, digits, '_', '.' or '-', starting with a letter, digit or '_'.");
        }
        if (!MODEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(procedure + ": invalid model name '" + name + "'. Use 1 to 64 letters, "
                    + "digits, '_', '.' or '-', starting with a letter, digit or '_'.");
        }
        return name;
    }

    public Optional<ModelEntry> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public ModelEntry require(String procedure, String name) {
        ModelEntry entry = models.get(name);
        if (entry == null) {
            String error = loadErrors.get(name);
            if (error != null) {
                throw new IllegalArgumentException(procedure + ": model '" + name + "' could not be loaded from "
                        + directory.resolve(name) + ": " + error + ". Train it again under the same name, or "
                        + "remove it with CALL spike.model.drop('" + name + "').");
            }
            if (inTraining.contains(name)) {
                throw new IllegalArgumentException(procedure + ": model '" + name + "' is being trained for the first "
                        + "time and is not saved yet. Wait for spike.train to finish; CALL gds.listProgress() shows "
                        + "how far it got.");
            }
            throw new IllegalArgumentException(procedure + ": model '" + name + "' not found. Train one with spike.train "
                    + "or list the models with CALL spike.model.list().");
        }
        return entry;
    }

    /**
     * Reserves a name for a training that will store a model under it, so that two trainings of
     * the same name cannot run at once, with the later one silently replacing the other's model.
     * Close the result when the training ends, stored or not.
     *
     * @throws IllegalArgumentException when a training of that name is running, or when a file
     *     that is not a model folder has that name in the models folder
     */
    public Reservation reserve(String procedure, String name) {
        Path target = directory.resolve(name);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(procedure + ": the models folder " + directory + " has a file named '"
                    + name + "', which a model of that name would replace. Move the file away, or train under "
                    + "another name.");
        }
        if (Files.isDirectory(target) && !models.containsKey(name) && !loadErrors.containsKey(name)) {
            // Made after the catalog was read, so there is no sign that it is a model.
            throw new IllegalArgumentException(procedure + ": the models folder " + directory + " has a folder named '"
                    + name + "' that is not a known model, which a model of that name would replace. Move it away, "
                    + "or train under another name.");
        }
        if (!inTraining.add(name)) {
            throw new IllegalArgumentException(procedure + ": model '" + name + "' is being trained by another call. "
                    + "Wait for it to finish, or train under another name.");
        }
        return () -> inTraining.remove(name);
    }

    /** A reserved model name; closing it frees the name. */
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    public List<ModelEntry> list() {
        List<ModelEntry> entries = new ArrayList<>(models.values());
        entries.sort(Comparator.comparing(ModelEntry::name));
        return entries;
    }

    /** Saves the model to disk, then publishes it in memory; replaces a model of the same name. */
    public synchronized void store(ModelEntry entry) {
        Path target = directory.resolve(entry.name());
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("The models folder " + directory + " has a file named '" + entry.name()
                    + "', which is not a model. Move the file away, or save the model under another name.");
        }
        Path temporary = directory.resolve("." + entry.name() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(temporary);
            entry.model().save(temporary.resolve("model.spike"));
            writeGraph(temporary.resolve("graph.spike"), entry);
            Path previous = null;
            if (Files.exists(target)) {
                previous = directory.resolve("." + entry.name() + ".old-" + UUID.randomUUID());
                move(target, previous);
            }
            move(temporary, target);
            if (previous != null) {
                deleteRecursively(previous);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("Failed to save model '" + entry.name() + "' under " + directory, e);
        }
        models.put(entry.name(), entry);
        loadErrors.remove(entry.name());
    }

    /**
     * Removes a model from memory and deletes its folder. A folder that could not be read at
     * start-up is deleted as well; the result is then empty, as for a name no model has.
     *
     * @throws IllegalArgumentException while a training of that name runs, since it would store
     *     the model again when it ends
     */
    public synchronized Optional<ModelEntry> drop(String name) {
        if (inTraining.contains(name)) {
            throw new IllegalArgumentException("spike.model.drop: model '" + name + "' is being trained by another "
                    + "call, which saves it again when it ends. Wait for spike.train to finish (CALL gds.listProgress() "
                    + "shows how far it got) or stop it with TERMINATE TRANSACTIONS, then drop the model.");
        }
        ModelEntry removed = models.remove(name);
        if (removed != null || loadErrors.containsKey(name)) {
            try {
                deleteRecursively(directory.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException("Dropped model '" + name + "' from memory but failed to delete its folder "
                        + directory.resolve(name), e);
            }
            loadErrors.remove(name);
        }
        return Optional.ofNullable(removed);
    }

    private void loadAll() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(directory)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (SAVE_LEFTOVER.matcher(name).matches()) {
                    // Leftovers of an interrupted save; never a published model.
                    deleteQuietly(folder);
                    continue;
                }
                if (name.startsWith(".") || !Files.isDirectory(folder)) {
                    // Hidden entries and plain files are not models, so they are left as they are.
                    continue;
                }
                try {
                    models.put(name, load(folder, name));
                } catch (IOException | RuntimeException e) {
                    loadErrors.put(name, reason(e));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list models in " + directory, e);
        }
    }

    /** Returns why a model folder could not be read, in words a user can act on. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "the file " + Path.of(missing.getFile()).getFileName() + " is missing";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private ModelEntry load(Path folder, String name) throws IOException {
        TrainedModel model;
        try {
            model = TrainedModel.load(folder.resolve("model.spike"));
        } catch (java.io.EOFException e) {
            throw cutOff("model.spike");
        }
        try {
            return load(folder, name, model);
        } catch (java.io.EOFException e) {
            throw cutOff("graph.spike");
        }
    }

    private static IOException cutOff(String file) {
        return new IOException("the file " + file + " ends too early; it may have been cut off while being "
                + "written or copied");
    }

    private ModelEntry load(Path folder, String name, TrainedModel model) throws IOException {
        Path graphFile = folder.resolve("graph.spike");
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(graphFile)))) {
            if (in.readLong() != GRAPH_MAGIC) {
                throw new IOException("Invalid model file " + graphFile + ": it does not start with the SPiKE header");
            }
            int version = in.readInt();
            if (version < GRAPH_FORMAT_WITHOUT_SAMPLE || version > GRAPH_FORMAT_VERSION) {
                throw new IOException("Unsupported model format version " + version + " in " + graphFile
                        + "; this build reads versions " + GRAPH_FORMAT_WITHOUT_SAMPLE + " to " + GRAPH_FORMAT_VERSION
                        + ". Retrain the model.");
            }
            String databaseName = in.readUTF();
            String graphName = in.readUTF();
            GraphSpec spec = new GraphSpec(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    readStrings(in), nullable(in.readUTF()));
            Instant createdAt = Instant.ofEpochMilli(in.readLong());
            long[] users = readLongs(in);
            long[] entities = readLongs(in);
            List<String> relations = readStrings(in);
            int metricCount = in.readInt();
            Map<String, Double> metrics = new TreeMap<>();
            for (int i = 0; i < metricCount; i++) {
                metrics.put(in.readUTF(), in.readDouble());
            }
            long[] sample = version == GRAPH_FORMAT_WITHOUT_SAMPLE ? new long[0] : readLongs(in);
            long[] checkedPairs = version <= GRAPH_FORMAT_WITHOUT_CHECKED_PAIRS ? new long[0] : readLongs(in);
            String databaseInteractionType = version <= GRAPH_FORMAT_WITHOUT_CHECKED_PAIRS ? spec.interactionType()
                    : nullable(in.readUTF());
            return new ModelEntry(name, databaseName, graphName, spec, users, entities, relations, createdAt,
                    metrics, model, sample, checkedPairs, databaseInteractionType);
        }
    }

    private static void writeGraph(Path file, ModelEntry entry) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeLong(GRAPH_MAGIC);
            out.writeInt(GRAPH_FORMAT_VERSION);
            out.writeUTF(entry.databaseName());
            out.writeUTF(entry.graphName());
            GraphSpec spec = entry.spec();
            out.writeUTF(spec.userLabel());
            out.writeUTF(spec.itemLabel());
            out.writeUTF(spec.entityLabel());
            out.writeUTF(spec.interactionType());
            writeStrings(out, spec.kgTypes());
            out.writeUTF(spec.profileProperty() == null ? "" : spec.profileProperty());
            out.writeLong(entry.createdAt().toEpochMilli());
            writeLongs(out, entry.userNodeIds());
            writeLongs(out, entry.entityNodeIds());
            writeStrings(out, entry.relationTypes());
            Map<String, Double> metrics = new LinkedHashMap<>(entry.metrics());
            out.writeInt(metrics.size());
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                out.writeUTF(metric.getKey());
                out.writeDouble(metric.getValue());
            }
            writeLongs(out, entry.trainingPairSample());
            writeLongs(out, entry.checkedPairs());
            // Empty for derived interactions; builds that read it as a type find none of that name.
            out.writeUTF(entry.databaseInteractionType() == null ? "" : entry.databaseInteractionType());
        }
    }

    private static String nullable(String text) {
        return text.isEmpty() ? null : text;
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readUTF());
        }
        return List.copyOf(values);
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long value : values) {
            out.writeLong(value);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            throw new IOException("Invalid model file: negative array length " + size);
        }
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteRecursively(folder);
        } catch (IOException ignored) {
            // Best effort: a leftover hidden folder is removed at the next start.
        }
    }
}
