package dev.spike.profile;

/** The kind of knowledge-graph node a profile describes. */
public enum SubjectKind {
    /** A recommendable item, such as a movie. */
    ITEM,
    /** A knowledge-graph entity linked to items, such as a genre or a director. */
    ENTITY,
    /** A user, described through the items they interacted with. */
    USER
}
