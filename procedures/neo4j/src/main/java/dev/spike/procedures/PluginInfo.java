package dev.spike.procedures;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/** Build facts of the plugin, read from a resource that Maven fills in. */
final class PluginInfo {

    private PluginInfo() {}

    static String version() {
        try (InputStream in = PluginInfo.class.getResourceAsStream("/spike-plugin.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String nd4jBackend() {
        // TODO: replace with the model core's backend bootstrap once it lands.
        ND4JClassLoading.setNd4jClassloader(PluginInfo.class.getClassLoader());
        return Nd4j.getBackend().getClass().getSimpleName();
    }
}
