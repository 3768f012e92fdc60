package dev.spike.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs for one profile: a knowledge-graph node and what is known about it.
 *
 * @param kind             the kind of node
 * @param id               a stable id that the caller uses to write the profile back
 * @param name             the display name or title, such as "Heat (1995)"
 * @param facts            knowledge-graph facts as sentences, most important first
 * @param textFields       item text fields by label, such as "overview", in insertion order
 * @param reviews          review texts written by users, treated as untrusted data
 * @param upstreamProfiles profiles this one builds on: item profiles of an entity (most
 *                         connected first) or of a user (most recent first)
 */
public record ProfileSubject(
        SubjectKind kind,
        String id,
        String name,
        List<String> facts,
        Map<String, String> textFields,
        List<String> reviews,
        List<String> upstreamProfiles) {

    public ProfileSubject {
        if (kind == null || id == null) {
            throw new IllegalArgumentException("A profile subject needs a kind and an id, got kind=" + kind + ", id=" + id);
        }
        name = name == null ? "" : name;
        facts = copyWithoutNulls(facts);
        textFields = copyWithoutNulls(textFields);
        reviews = copyWithoutNulls(reviews);
        upstreamProfiles = copyWithoutNulls(upstreamProfiles);
    }

    public static Builder builder(SubjectKind kind, String id) {
        return new Builder(kind, id);
    }

    private static List<String> copyWithoutNulls(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            if (value != null) {
                copy.add(value);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, String> copyWithoutNulls(Map<String, String> values) {
        if (values == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((label, text) -> {
            if (label != null && text != null) {
                copy.put(label, text);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A mutable builder, convenient when facts and texts arrive one at a time. */
    public static final class Builder {
        private final SubjectKind kind;
        private final String id;
        private String name = "";
        private final List<String> facts = new ArrayList<>();
        private final Map<String, String> textFields = new LinkedHashMap<>();
        private final List<String> reviews = new ArrayList<>();
        private final List<String> upstreamProfiles = new ArrayList<>();

        private Builder(SubjectKind kind, String id) {
            this.kind = kind;
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder fact(String fact) {
            facts.add(fact);
            return this;
        }

        public Builder facts(List<String> values) {
            facts.addAll(values);
            return this;
        }

        public Builder textField(String label, String text) {
            textFields.put(label, text);
            return this;
        }

        public Builder review(String review) {
            reviews.add(review);
            return this;
        }

        public Builder reviews(List<String> values) {
            reviews.addAll(values);
            return this;
        }

        public Builder upstreamProfile(String profile) {
            upstreamProfiles.add(profile);
            return this;
        }

        public Builder upstreamProfiles(List<String> values) {
            upstreamProfiles.addAll(values);
            return this;
        }

        public ProfileSubject build() {
            return new ProfileSubject(kind, id, name, facts, textFields, reviews, upstreamProfiles);
        }
    }
}
