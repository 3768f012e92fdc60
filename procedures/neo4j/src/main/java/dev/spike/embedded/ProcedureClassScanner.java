package dev.spike.embedded;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;

/**
 * Finds the procedure and function classes of a library that sits on the class path, so an
 * embedded DBMS can register them the way a server registers the jars in its plugins folder.
 *
 * <p>A jar is chosen by one class it contains. Every class in that jar with a method annotated
 * {@link Procedure}, {@link UserFunction} or {@link UserAggregationFunction} is returned.
 */
final class ProcedureClassScanner {

    record Found(List<Class<?>> procedures, List<Class<?>> functions, List<Class<?>> aggregations) {}

    private final ClassLoader classLoader;

    ProcedureClassScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Scans every jar (or class folder) that contains a class whose name starts with one of the prefixes. */
    Found scanJarsContaining(List<String> resourcePrefixes, java.util.function.Predicate<String> jarFileFilter) {
        Set<Path> locations = new LinkedHashSet<>();
        for (String prefix : resourcePrefixes) {
            locations.addAll(locationsOf(prefix, jarFileFilter));
        }
        List<Class<?>> procedures = new ArrayList<>();
        List<Class<?>> functions = new ArrayList<>();
        List<Class<?>> aggregations = new ArrayList<>();
        for (Path jar : locations) {
            for (String className : classNamesIn(jar)) {
                Class<?> type = loadQuietly(className);
                if (type == null) {
                    continue;
                }
                Annotations found = annotationsOf(type);
                if (found.procedure) {
                    procedures.add(type);
                }
                if (found.function) {
                    functions.add(type);
                }
                if (found.aggregation) {
                    aggregations.add(type);
                }
            }
        }
        return new Found(procedures, functions, aggregations);
    }

    private Set<Path> locationsOf(String resourcePrefix, java.util.function.Predicate<String> jarFileFilter) {
        Set<Path> jars = new LinkedHashSet<>();
        try {
            Enumeration<URL> urls = classLoader.getResources(resourcePrefix);
            for (URL url : Collections.list(urls)) {
                Path jar = jarPathOf(url);
                if (jar != null && jarFileFilter.test(jar.getFileName().toString())) {
                    jars.add(jar);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Failed to list class path entries for " + resourcePrefix, e);
        }
        return jars;
    }

    private static Path jarPathOf(URL url) {
        String text = url.toString();
        if (!text.startsWith("jar:file:")) {
            return null;
        }
        String file = text.substring("jar:".length(), text.indexOf("!/"));
        try {
            return Path.of(new java.net.URI(file));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static List<String> classNamesIn(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("META-INF")) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read " + jar, e);
        }
        return names;
    }

    private Class<?> loadQuietly(String className) {
        try {
            return Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            // Optional dependencies of a library may be absent; such classes hold no procedure we need.
            return null;
        }
    }

    private record Annotations(boolean procedure, boolean function, boolean aggregation) {}

    private static Annotations annotationsOf(Class<?> type) {
        boolean procedure = false;
        boolean function = false;
        boolean aggregation = false;
        Method[] methods;
        try {
            methods = type.getDeclaredMethods();
        } catch (LinkageError e) {
            return new Annotations(false, false, false);
        }
        for (Method method : methods) {
            procedure |= method.isAnnotationPresent(Procedure.class);
            function |= method.isAnnotationPresent(UserFunction.class);
            aggregation |= method.isAnnotationPresent(UserAggregationFunction.class);
        }
        return new Annotations(procedure, function, aggregation);
    }
}
