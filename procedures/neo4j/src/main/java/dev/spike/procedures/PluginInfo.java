package dev.spike.procedures;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import dev.spike.model.Nd4jRuntime;

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
        String loaded = Nd4jRuntime.backendName();
        if (loaded != null) {
            return loaded;
        }
        try {
            return Nd4jRuntime.ensureLoaded(Runtime.getRuntime().availableProcessors());
        } catch (IllegalStateException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
