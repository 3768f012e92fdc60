package dev.spike.profile.procedures;

import dev.spike.config.ExclusiveWrites;
import java.util.List;

/**
 * Claims the node properties that a {@code spike.profile.write} or {@code spike.profile.embed}
 * call writes. Two calls that write the same property would both regenerate every changed node:
 * the graph stays consistent, but an LLM provider is paid twice.
 */
final class ProfileRuns {

    private ProfileRuns() {}

    /** Claims {@code properties} on the configured labels, or fails naming the property in use. */
    static ExclusiveWrites.Claim claim(String databaseName, ProfileConfig config, List<String> properties) {
        List<List<String>> keys = properties.stream()
                .map(property -> List.of("profile", databaseName, config.itemLabel(), config.entityLabel(),
                        config.userLabel(), property))
                .toList();
        return ExclusiveWrites.claim(keys, index -> String.format(
                "%s: another spike.profile call is writing '%s' on :%s, :%s and :%s nodes of database '%s'. "
                        + "Wait for it to finish, or terminate it, and call again; a scheduled refresh and "
                        + "a manual run must not overlap.",
                config.procedure(), properties.get(index), config.itemLabel(), config.entityLabel(), config.userLabel(),
                databaseName));
    }
}
