package dev.spike.model;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * Loads ND4J's backend from this module's class loader before the first ND4J call.
 *
 * <p>ND4J discovers its backend through {@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend}
 * on the class loader set in {@link ND4JClassLoading}, which defaults to the thread's context
 * class loader. Inside a Neo4j plugin that loader does not see the plugin jar, so this class
 * points ND4J at the loader that loaded the model core. It checks that a backend is listed
 * before touching {@link Nd4j}, because a failed static initialiser of {@code Nd4j} cannot be
 * retried in the same JVM.
 */
public final class Nd4jRuntime {
    static final String BACKEND_SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    private static volatile String backendName;

    private Nd4jRuntime() {
    }

    /**
     * Loads the backend once and sets the thread count of ND4J's OpenMP loops and BLAS calls.
     *
     * @param threads threads for ND4J; values below 1 count as 1
     * @return the backend's name, such as {@code CpuBackend}
     * @throws IllegalStateException when no backend is listed or it fails to load
     */
    public static synchronized String ensureLoaded(int threads) {
        if (backendName == null) {
            ClassLoader loader = Nd4jRuntime.class.getClassLoader();
            requireBackendListed(loader);
            ND4JClassLoading.setNd4jClassloader(loader);
            try {
                backendName = Nd4j.getBackend().getClass().getSimpleName();
            } catch (Throwable e) {
                throw new IllegalStateException("Failed to load the ND4J backend listed in " + BACKEND_SERVICE
                        + " of class loader " + describe(loader) + ": " + e, e);
            }
        }
        int count = Math.max(1, threads);
        Nd4j.getEnvironment().setMaxThreads(count);
        Nd4j.getEnvironment().setMaxMasterThreads(count);
        Nd4j.factory().blas().setMaxThreads(count);
        return backendName;
    }

    /** Name of the loaded backend, or null before {@link #ensureLoaded(int)} succeeded. */
    public static String backendName() {
        return backendName;
    }

    /**
     * Checks that {@code loader} lists at least one ND4J backend, without initialising ND4J.
     *
     * @throws IllegalStateException naming the service file and the class loader searched
     */
    static void requireBackendListed(ClassLoader loader) {
        try {
            Enumeration<URL> services = loader.getResources(BACKEND_SERVICE);
            if (services.hasMoreElements()) {
                return;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read " + BACKEND_SERVICE + " from class loader "
                    + describe(loader), e);
        }
        throw new IllegalStateException("No ND4J backend found: class loader " + describe(loader) + " has no "
                + BACKEND_SERVICE + ". Put the nd4j-native artifact (or another ND4J backend) and its "
                + "platform classifier on that class loader's classpath, and merge service files when shading.");
    }

    private static String describe(ClassLoader loader) {
        return loader.getName() == null ? loader.toString() : "'" + loader.getName() + "' (" + loader + ")";
    }
}
