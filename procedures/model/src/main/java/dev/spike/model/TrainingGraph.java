package dev.spike.model;

import java.util.Arrays;

/**
 * Input of a training run as plain arrays: user–item interactions, KG triples and optional
 * profile embeddings.
 *
 * <p>Id spaces follow the KGAT convention. Users are {@code 0..nUsers-1}. Entities are
 * {@code 0..nEntities-1}, and items are the first {@code nItems} entities, so a KG triple whose
 * head is 3 is about item 3 when {@code 3 < nItems}. Profile rows are indexed by node: users
 * first, then entities ({@code nUsers + entity}).
 *
 * <p>The constructor validates every id and builds the adjacency lists the model reads: each
 * user's training items (sorted, duplicates removed) and the KG edges in both directions. A
 * triple {@code (h, r, t)} gives the edge {@code h ← t} with relation {@code r} and its inverse
 * {@code t ← h} with relation {@code r + nRelations}.
 */
public final class TrainingGraph {
    private final int nUsers;
    private final int nItems;
    private final int nEntities;
    private final int nRelations;
    private final int kgTripleCount;

    private final Csr userItems;
    private final Csr validationItems;
    private final int[] interactionUser;
    private final int[] interactionItem;

    private final Csr kgByHead;
    private final int[] kgEdgeRelation;
    private final int[] kgEdgeHead;

    private final float[] profiles;
    private final int profileDim;
    private final boolean[] hasProfile;
    private final int nodesWithoutProfile;

    private TrainingGraph(Builder b) {
        nUsers = b.nUsers;
        nItems = b.nItems;
        nEntities = b.nEntities;
        nRelations = b.nRelations;
        validateCounts();

        int[] kgHead = requireNonNull("kgHead", b.kgHead);
        int[] kgRelation = requireNonNull("kgRelation", b.kgRelation);
        int[] kgTail = requireNonNull("kgTail", b.kgTail);
        requireSameLength("kgHead", kgHead, "kgRelation", kgRelation);
        requireSameLength("kgHead", kgHead, "kgTail", kgTail);
        requireIds("kgHead", kgHead, nEntities, "nEntities");
        requireIds("kgRelation", kgRelation, nRelations, "nRelations");
        requireIds("kgTail", kgTail, nEntities, "nEntities");
        kgTripleCount = kgHead.length;

        int[] trainUser = requireNonNull("trainUser", b.trainUser);
        int[] trainItem = requireNonNull("trainItem", b.trainItem);
        requireSameLength("trainUser", trainUser, "trainItem", trainItem);
        if (trainUser.length == 0) {
            throw new IllegalArgumentException("Invalid training interactions: the set is empty; "
                    + "at least one user–item interaction is needed to train");
        }
        requireIds("trainUser", trainUser, nUsers, "nUsers");
        requireIds("trainItem", trainItem, nItems, "nItems");
        userItems = Csr.build(nUsers, trainUser, trainItem, true);
        interactionUser = userItems.rowOfEachEntry();
        interactionItem = userItems.targets;

        int[] validationUser = b.validationUser == null ? new int[0] : b.validationUser;
        int[] validationItem = b.validationItem == null ? new int[0] : b.validationItem;
        requireSameLength("validationUser", validationUser, "validationItem", validationItem);
        requireIds("validationUser", validationUser, nUsers, "nUsers");
        requireIds("validationItem", validationItem, nItems, "nItems");
        validationItems = Csr.build(nUsers, validationUser, validationItem, true);

        int edges = 2 * kgTripleCount;
        int[] heads = new int[edges];
        int[] tails = new int[edges];
        int[] relations = new int[edges];
        for (int i = 0; i < kgTripleCount; i++) {
            heads[i] = kgHead[i];
            tails[i] = kgTail[i];
            relations[i] = kgRelation[i];
            heads[kgTripleCount + i] = kgTail[i];
            tails[kgTripleCount + i] = kgHead[i];
            relations[kgTripleCount + i] = kgRelation[i] + nRelations;
        }
        int[] order = Csr.orderByRow(nEntities, heads);
        kgByHead = Csr.fromOrder(nEntities, heads, tails, order);
        kgEdgeRelation = new int[edges];
        kgEdgeHead = new int[edges];
        for (int e = 0; e < edges; e++) {
            kgEdgeRelation[e] = relations[order[e]];
            kgEdgeHead[e] = heads[order[e]];
        }

        if (b.profileRows != null) {
            ProfileMatrix matrix = ProfileMatrix.fromRows(b.profileRows, nUsers + nEntities);
            profiles = matrix.values;
            profileDim = matrix.dim;
            hasProfile = matrix.present;
        } else if (b.flatProfiles != null) {
            ProfileMatrix matrix = ProfileMatrix.fromFlat(b.flatProfiles, b.flatProfileDim, b.flatHasProfile,
                    nUsers + nEntities);
            profiles = matrix.values;
            profileDim = matrix.dim;
            hasProfile = matrix.present;
        } else {
            profiles = null;
            profileDim = 0;
            hasProfile = new boolean[nUsers + nEntities];
        }
        int missing = 0;
        for (boolean present : hasProfile) {
            if (!present) {
                missing++;
            }
        }
        nodesWithoutProfile = missing;
    }

    public static Builder builder(int nUsers, int nItems, int nEntities, int nRelations) {
        return new Builder(nUsers, nItems, nEntities, nRelations);
    }

    private void validateCounts() {
        if (nUsers < 1) {
            throw new IllegalArgumentException("Invalid nUsers: " + nUsers + "; it must be at least 1");
        }
        if (nItems < 1) {
            throw new IllegalArgumentException("Invalid nItems: " + nItems + "; it must be at least 1");
        }
        if (nEntities < nItems) {
            throw new IllegalArgumentException("Invalid nEntities: " + nEntities + " is below nItems " + nItems
                    + "; items are entities 0..nItems-1, so nEntities must be at least nItems");
        }
        if (nRelations < 0) {
            throw new IllegalArgumentException("Invalid nRelations: " + nRelations + "; it must not be negative");
        }
        if ((long) nUsers + nEntities > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("Invalid node count: " + ((long) nUsers + nEntities)
                    + " users and entities exceed the supported maximum of " + Integer.MAX_VALUE / 4);
        }
    }

    private static int[] requireNonNull(String name, int[] values) {
        if (values == null) {
            throw new IllegalArgumentException("Missing " + name + ": the array is null");
        }
        return values;
    }

    private static void requireSameLength(String nameA, int[] a, String nameB, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Invalid " + nameB + ": it has " + b.length + " values but "
                    + nameA + " has " + a.length);
        }
    }

    private static void requireIds(String name, int[] ids, int bound, String boundName) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= bound) {
                throw new IllegalArgumentException("Invalid " + name + "[" + i + "]: id " + ids[i]
                        + " is outside [0, " + bound + "), the range set by " + boundName + "=" + bound);
            }
        }
    }

    public int nUsers() { return nUsers; }
    public int nItems() { return nItems; }
    public int nEntities() { return nEntities; }
    public int nRelations() { return nRelations; }
    /** Number of users plus entities: the rows of the node embedding table. */
    public int nNodes() { return nUsers + nEntities; }
    public int kgTripleCount() { return kgTripleCount; }
    /** Number of distinct training interactions. */
    public int interactionCount() { return interactionUser.length; }

    /** Training items of each user, sorted ascending. */
    public Csr userItems() { return userItems; }
    /** Validation items of each user, sorted ascending; empty when none were given. */
    public Csr validationItems() { return validationItems; }
    /** User of each distinct training interaction, in the order of {@link #userItems()}. */
    public int[] interactionUser() { return interactionUser; }
    /** Item of each distinct training interaction, in the order of {@link #userItems()}. */
    public int[] interactionItem() { return interactionItem; }

    /**
     * KG edges in both directions grouped by head: row {@code h} lists the tails {@code h}
     * aggregates messages from. {@link #kgEdgeRelation()} is aligned with its entries.
     */
    public Csr kgByHead() { return kgByHead; }
    /** Relation of each entry of {@link #kgByHead()}; inverse edges use {@code r + nRelations}. */
    public int[] kgEdgeRelation() { return kgEdgeRelation; }
    /** Head of each entry of {@link #kgByHead()}. */
    public int[] kgEdgeHead() { return kgEdgeHead; }
    /** Number of relation embeddings the model learns: every relation and its inverse. */
    public int relationEmbeddingCount() { return Math.max(1, 2 * nRelations); }

    public boolean hasProfiles() { return profiles != null; }
    /** Profile rows (users then entities), flattened row by row; null without profiles. */
    public float[] profiles() { return profiles; }
    public int profileDim() { return profileDim; }
    /** Whether each node (users then entities) has a profile. */
    public boolean[] hasProfile() { return hasProfile; }
    /** Nodes whose profile row is missing; the model gives them a zero projection. */
    public int nodesWithoutProfile() { return nodesWithoutProfile; }

    /** Checks by binary search whether the training set contains the interaction. */
    public boolean isTrainingInteraction(int user, int item) {
        return Arrays.binarySearch(userItems.targets, userItems.offsets[user], userItems.offsets[user + 1], item) >= 0;
    }

    /** Builder of a {@link TrainingGraph}; {@link #build()} validates everything. */
    public static final class Builder {
        private final int nUsers;
        private final int nItems;
        private final int nEntities;
        private final int nRelations;
        private int[] kgHead = new int[0];
        private int[] kgRelation = new int[0];
        private int[] kgTail = new int[0];
        private int[] trainUser;
        private int[] trainItem;
        private int[] validationUser;
        private int[] validationItem;
        private float[][] profileRows;
        private float[] flatProfiles;
        private int flatProfileDim;
        private boolean[] flatHasProfile;

        private Builder(int nUsers, int nItems, int nEntities, int nRelations) {
            this.nUsers = nUsers;
            this.nItems = nItems;
            this.nEntities = nEntities;
            this.nRelations = nRelations;
        }

        public Builder knowledgeGraph(int[] head, int[] relation, int[] tail) {
            kgHead = head;
            kgRelation = relation;
            kgTail = tail;
            return this;
        }

        public Builder interactions(int[] user, int[] item) {
            trainUser = user;
            trainItem = item;
            return this;
        }

        /** Held-out interactions for early stopping; without them training runs all epochs. */
        public Builder validation(int[] user, int[] item) {
            validationUser = user;
            validationItem = item;
            return this;
        }

        /**
         * Profile embeddings, one row per node (users then entities); a null row marks a node
         * without a profile. Every non-null row must have the same length.
         */
        public Builder profiles(float[][] rows) {
            profileRows = rows;
            flatProfiles = null;
            return this;
        }

        /**
         * Profile embeddings as one row-major array of {@code nNodes × dim} values;
         * {@code present} (null = all present) marks which rows are real profiles.
         */
        public Builder profiles(float[] values, int dim, boolean[] present) {
            flatProfiles = values;
            flatProfileDim = dim;
            flatHasProfile = present;
            profileRows = null;
            return this;
        }

        public TrainingGraph build() {
            return new TrainingGraph(this);
        }
    }

    /** Compressed sparse rows: the entries of row {@code r} are {@code targets[offsets[r]..offsets[r+1])}. */
    public static final class Csr {
        public final int[] offsets;
        public final int[] targets;

        Csr(int[] offsets, int[] targets) {
            this.offsets = offsets;
            this.targets = targets;
        }

        public int rows() { return offsets.length - 1; }
        public int degree(int row) { return offsets[row + 1] - offsets[row]; }

        /** Row of each entry. */
        public int[] rowOfEachEntry() {
            int[] rows = new int[targets.length];
            for (int r = 0; r < rows(); r++) {
                Arrays.fill(rows, offsets[r], offsets[r + 1], r);
            }
            return rows;
        }

        static int[] orderByRow(int nRows, int[] rowOfEntry) {
            int[] offsets = new int[nRows + 1];
            for (int r : rowOfEntry) {
                offsets[r + 1]++;
            }
            for (int r = 0; r < nRows; r++) {
                offsets[r + 1] += offsets[r];
            }
            int[] cursor = Arrays.copyOf(offsets, nRows);
            int[] order = new int[rowOfEntry.length];
            for (int e = 0; e < rowOfEntry.length; e++) {
                order[cursor[rowOfEntry[e]]++] = e;
            }
            return order;
        }

        static Csr fromOrder(int nRows, int[] rowOfEntry, int[] target, int[] order) {
            int[] offsets = new int[nRows + 1];
            int[] targets = new int[order.length];
            for (int e = 0; e < order.length; e++) {
                offsets[rowOfEntry[order[e]] + 1]++;
                targets[e] = target[order[e]];
            }
            for (int r = 0; r < nRows; r++) {
                offsets[r + 1] += offsets[r];
            }
            return new Csr(offsets, targets);
        }

        /** Groups (row, target) pairs by row, sorting each row and, if asked, dropping duplicates. */
        static Csr build(int nRows, int[] rowOfEntry, int[] target, boolean distinct) {
            Csr raw = fromOrder(nRows, rowOfEntry, target, orderByRow(nRows, rowOfEntry));
            int[] offsets = new int[nRows + 1];
            int[] targets = new int[raw.targets.length];
            int n = 0;
            for (int r = 0; r < nRows; r++) {
                int start = n;
                int[] row = Arrays.copyOfRange(raw.targets, raw.offsets[r], raw.offsets[r + 1]);
                Arrays.sort(row);
                for (int i = 0; i < row.length; i++) {
                    if (!distinct || i == 0 || row[i] != row[i - 1]) {
                        targets[n++] = row[i];
                    }
                }
                offsets[r + 1] = n;
                assert n >= start;
            }
            return new Csr(offsets, Arrays.copyOf(targets, n));
        }
    }

    private record ProfileMatrix(float[] values, int dim, boolean[] present) {
        static ProfileMatrix fromRows(float[][] rows, int nNodes) {
            if (rows.length != nNodes) {
                throw new IllegalArgumentException("Invalid profiles: " + rows.length + " rows given, but "
                        + nNodes + " are needed (users, then entities)");
            }
            int dim = -1;
            int firstNode = -1;
            for (int node = 0; node < nNodes; node++) {
                float[] row = rows[node];
                if (row == null) {
                    continue;
                }
                if (dim < 0) {
                    dim = row.length;
                    firstNode = node;
                } else if (row.length != dim) {
                    throw new IllegalArgumentException("Invalid profiles: node " + node + " has a profile of "
                            + row.length + " values, but node " + firstNode + " has " + dim
                            + "; all profiles must have one dimension");
                }
            }
            if (dim <= 0) {
                throw new IllegalArgumentException("Invalid profiles: no node has a non-empty profile; "
                        + "pass no profiles to train without them");
            }
            float[] values = new float[nNodes * dim];
            boolean[] present = new boolean[nNodes];
            for (int node = 0; node < nNodes; node++) {
                if (rows[node] != null) {
                    requireFinite(rows[node], node);
                    System.arraycopy(rows[node], 0, values, node * dim, dim);
                    present[node] = true;
                }
            }
            return new ProfileMatrix(values, dim, present);
        }

        static ProfileMatrix fromFlat(float[] values, int dim, boolean[] present, int nNodes) {
            if (dim < 1) {
                throw new IllegalArgumentException("Invalid profile dimension: " + dim + "; it must be at least 1");
            }
            if ((long) nNodes * dim != values.length) {
                throw new IllegalArgumentException("Invalid profiles: " + values.length + " values given, but "
                        + nNodes + " nodes × " + dim + " dimensions = " + (long) nNodes * dim + " are needed");
            }
            boolean[] mask = present == null ? filled(nNodes) : present.clone();
            if (mask.length != nNodes) {
                throw new IllegalArgumentException("Invalid profile presence flags: " + mask.length
                        + " given, but there are " + nNodes + " nodes");
            }
            float[] copy = values.clone();
            for (int node = 0; node < nNodes; node++) {
                if (mask[node]) {
                    requireFinite(Arrays.copyOfRange(copy, node * dim, (node + 1) * dim), node);
                } else {
                    Arrays.fill(copy, node * dim, (node + 1) * dim, 0f);
                }
            }
            return new ProfileMatrix(copy, dim, mask);
        }

        private static boolean[] filled(int n) {
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            return all;
        }

        private static void requireFinite(float[] row, int node) {
            for (int j = 0; j < row.length; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("Invalid profiles: node " + node + " has the non-finite value "
                            + row[j] + " at position " + j);
                }
            }
        }
    }
}
