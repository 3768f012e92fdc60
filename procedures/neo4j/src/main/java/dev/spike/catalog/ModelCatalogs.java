package dev.spike.catalog;

import java.nio.file.Path;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/** Finds the model catalog of the database a procedure runs in. */
public final class ModelCatalogs {

    /** JVM system property that moves the model folder, e.g. {@code -Dspike.models.directory=/var/lib/spike}. */
    public static final String DIRECTORY_PROPERTY = "spike.models.directory";

    private ModelCatalogs() {}

    /** The folder models are saved in: the system property, or {@code <data directory>/spike/models}. */
    public static Path modelsRoot(GraphDatabaseAPI database) {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Config config = database.getDependencyResolver().resolveDependency(Config.class);
        return config.get(GraphDatabaseSettings.data_directory).resolve("spike").resolve("models");
    }

    public static ModelCatalog forDatabase(GraphDatabaseAPI database) {
        return ModelCatalog.of(modelsRoot(database), database.databaseName());
    }
}
