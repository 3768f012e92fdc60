package dev.spike.model.nn;

/**
 * The KG and user–item edges used by one forward pass, after edge dropout.
 *
 * <p>KG edges are grouped by head entity ({@code kgOffsets}, {@code kgTail}, {@code kgRelation},
 * {@code kgHead}) and, through {@code tailEdges}, by tail entity, so that both the
 * gather over heads and the scatter to tails run without write conflicts. User–item edges are
 * grouped by user with each user's weight {@code 1 / kept degree}, and by item for the
 * backward pass.
 */
public record SampledEdges(
        int[] kgOffsets,
        int[] kgTail,
        int[] kgRelation,
        int[] kgHead,
        int[] tailOffsets,
        int[] tailEdges,
        int[] userOffsets,
        int[] userItems,
        float[] userWeight,
        int[] itemOffsets,
        int[] itemUsers) {

    public int kgEdgeCount() {
        return kgTail.length;
    }
}
