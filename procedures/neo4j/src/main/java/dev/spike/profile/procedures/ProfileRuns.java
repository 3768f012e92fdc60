package dev.spike.profile.procedures;

import dev.spike.config.ExclusiveWrites;
import dev.spike.profile.SubjectKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims the node properties that a {@code spike.profile.write} or {@code spike.profile.embed}
 * call writes, one key per label and property. Two calls that write the same property on the
 * same label would both regenerate every changed node: the graph stays consistent, but an LLM
 * provider is paid twice.
 */
final class ProfileRuns {

    private ProfileRuns() {}

    /**
     * Claims {@code properties} on the labels of the kinds the call writes, or fails naming the
     * label and property in use.
     */
    static ExclusiveWrites.Claim claim(String databaseName, ProfileConfig config, List<String> properties) {
        List<String> labels = new ArrayList<>();
        for (SubjectKind kind : SubjectKind.values()) {
            if (config.kinds().contains(kind)) {
                labels.add(switch (kind) {
                    case ITEM -> config.itemLabel();
                    case ENTITY -> config.entityLabel();
                    case USER -> config.userLabel();
                });
            }
        }
        List<List<String>> keys = new ArrayList<>();
        for (String label : labels) {
            for (String property : properties) {
                keys.add(List.of("profile", databaseName, label, property));
            }
        }
        return ExclusiveWrites.claim(keys, index -> String.format(
                "%s: another spike.profile call is writing '%s' on :%s nodes of database '%s'. Wait for it to "
                        + "finish, or terminate it, and call again; a scheduled refresh and a manual run must not "
                        + "overlap.",
                config.procedure(), keys.get(index).get(3), keys.get(index).get(2), databaseName));
    }
}
