package dev.spike.procedures;

import java.util.List;

/** The classes that hold the {@code spike.*} procedures and functions, for embedded registration. */
public final class SpikeProcedureClasses {

    private SpikeProcedureClasses() {}

    public static List<Class<?>> procedures() {
        return List.of(
                VersionProc.class,
                TrainProc.class,
                ModelProc.class,
                SplitProc.class,
                RecommendProc.class,
                EvaluateProc.class,
                ExplainProc.class,
                EmbeddingsProc.class,
                dev.spike.kgat.KgatProc.class,
                dev.spike.profile.procedures.ProfileProc.class);
    }

    public static List<Class<?>> functions() {
        return List.of();
    }
}
