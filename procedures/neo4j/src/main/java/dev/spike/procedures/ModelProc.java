package dev.spike.procedures;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelCatalogs;
import dev.spike.catalog.ModelEntry;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/** {@code spike.model.list} and {@code spike.model.drop}: the catalog of trained models. */
public class ModelProc {

    @Context
    public GraphDatabaseAPI database;

    public record ModelRow(
            String modelName,
            String graphName,
            ZonedDateTime createdAt,
            Long epochs,
            Long userCount,
            Long itemCount,
            Long entityCount,
            Long embeddingDim,
            Long profileDim,
            Map<String, Object> graphShape,
            Map<String, Object> metrics,
            String location,
            String loadError) {}

    @Procedure(name = "spike.model.list", mode = Mode.READ)
    @Description("Lists the trained SPiKE models of this database, or one model by name.")
    public Stream<ModelRow> list(@Name(value = "modelName", defaultValue = "") String modelName) {
        boolean all = modelName == null || modelName.isEmpty();
        ModelCatalog catalog = ModelCatalogs.forDatabase(database);
        Map<String, String> loadErrors = catalog.loadErrors();
        if (!all && catalog.find(modelName).isEmpty() && !loadErrors.containsKey(modelName)) {
            // A model saved under a name that breaks the rule is still listed by that name.
            ModelCatalog.checkName("spike.model.list", modelName);
        }
        List<ModelRow> rows = new ArrayList<>();
        for (ModelEntry entry : catalog.list()) {
            rows.add(row(catalog, entry));
        }
        loadErrors.forEach((name, error) -> rows.add(unreadableRow(catalog, name, error)));
        return rows.stream()
                .filter(row -> all || row.modelName().equals(modelName))
                .sorted(Comparator.comparing(ModelRow::modelName));
    }

    @Procedure(name = "spike.model.drop", mode = Mode.READ)
    @Description("Removes a trained SPiKE model from memory and disk and returns its description.")
    public Stream<ModelRow> drop(
            @Name("modelName") String modelName,
            @Name(value = "failIfMissing", defaultValue = "true") Boolean failIfMissing) {
        ModelCatalog catalog = ModelCatalogs.forDatabase(database);
        ModelEntry entry = modelName == null ? null : catalog.find(modelName).orElse(null);
        String loadError = modelName == null ? null : catalog.loadErrors().get(modelName);
        if (loadError != null) {
            ModelRow row = unreadableRow(catalog, modelName, loadError);
            catalog.drop(modelName);
            return Stream.of(row);
        }
        if (entry == null) {
            // Names found in the catalog are dropped as they are, so a folder copied in under a
            // name that breaks the rule can still be removed.
            ModelCatalog.checkName("spike.model.drop", modelName);
            // Fails while a first training of the name runs, which would save the model after this call.
            catalog.drop(modelName);
            if (failIfMissing == null || failIfMissing) {
                catalog.require("spike.model.drop", modelName);
            }
            return Stream.empty();
        }
        ModelRow row = row(catalog, entry);
        catalog.drop(modelName);
        return Stream.of(row);
    }

    static ModelRow row(ModelCatalog catalog, ModelEntry entry) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("userLabel", entry.spec().userLabel());
        shape.put("itemLabel", entry.spec().itemLabel());
        shape.put("entityLabel", entry.spec().entityLabel());
        shape.put("interactionType", entry.spec().interactionType());
        shape.put("kgRelationshipTypes", entry.relationTypes());
        shape.put("profileProperty", entry.spec().profileProperty());
        return new ModelRow(entry.name(), entry.graphName(), entry.createdAt().atZone(ZoneOffset.UTC),
                (long) entry.model().epochsTrained(), (long) entry.model().nUsers(), (long) entry.model().nItems(),
                (long) entry.model().nEntities(), (long) entry.model().dim(),
                (long) entry.model().parameters().profileDim,
                shape, new LinkedHashMap<>(entry.metrics()), catalog.directory().resolve(entry.name()).toString(),
                null);
    }

    /** Returns the row of a folder that could not be read: name, location and reason, the rest null. */
    private static ModelRow unreadableRow(ModelCatalog catalog, String name, String loadError) {
        return new ModelRow(name, null, null, null, null, null, null, null, null, null, null,
                catalog.directory().resolve(name).toString(), loadError);
    }
}
