package dev.spike.procedures;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelCatalogs;
import dev.spike.catalog.ModelEntry;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
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
            long epochs,
            long userCount,
            long itemCount,
            long entityCount,
            long embeddingDim,
            long profileDim,
            Map<String, Object> graphShape,
            Map<String, Object> metrics,
            String location) {}

    @Procedure(name = "spike.model.list", mode = Mode.READ)
    @Description("Lists the trained SPiKE models of this database, or one model by name.")
    public Stream<ModelRow> list(@Name(value = "modelName", defaultValue = "") String modelName) {
        boolean all = modelName == null || modelName.isEmpty();
        ModelCatalog catalog = ModelCatalogs.forDatabase(database);
        if (!all && catalog.find(modelName).isEmpty()) {
            // A model saved under a name that breaks the rule is still listed by that name.
            ModelCatalog.checkName("spike.model.list", modelName);
        }
        return catalog.list().stream()
                .filter(entry -> all || entry.name().equals(modelName))
                .map(entry -> row(catalog, entry));
    }

    @Procedure(name = "spike.model.drop", mode = Mode.READ)
    @Description("Removes a trained SPiKE model from memory and disk and returns its description.")
    public Stream<ModelRow> drop(
            @Name("modelName") String modelName,
            @Name(value = "failIfMissing", defaultValue = "true") Boolean failIfMissing) {
        ModelCatalog catalog = ModelCatalogs.forDatabase(database);
        ModelEntry entry = modelName == null ? null : catalog.find(modelName).orElse(null);
        if (entry == null) {
            // Names found in the catalog are dropped as they are, so a folder copied in under a
            // name that breaks the rule can still be removed.
            ModelCatalog.checkName("spike.model.drop", modelName);
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
                entry.model().epochsTrained(), entry.model().nUsers(), entry.model().nItems(),
                entry.model().nEntities(), entry.model().dim(), entry.model().parameters().profileDim,
                shape, new LinkedHashMap<>(entry.metrics()), catalog.directory().resolve(entry.name()).toString());
    }
}
