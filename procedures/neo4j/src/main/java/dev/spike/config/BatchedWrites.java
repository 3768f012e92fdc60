package dev.spike.config;

import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.api.txstate.TxStateHolder;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

/**
 * Guards the procedures that write in transactions of their own, one per batch.
 *
 * <p>Such a batch cannot see or wait for the changes of the calling transaction: when the same
 * statement or transaction has already written, a batch can wait forever for a lock that the
 * caller holds until the procedure returns. The procedures therefore refuse to start then.
 */
public final class BatchedWrites {

    private BatchedWrites() {}

    /**
     * Fails when the calling transaction has uncommitted changes.
     *
     * @throws IllegalArgumentException naming the procedure and the fix
     */
    public static void requireCleanCaller(String procedure, Transaction transaction) {
        if (transaction instanceof InternalTransaction internal
                && internal.kernelTransaction() instanceof TxStateHolder state && state.hasTxStateWithChanges()) {
            throw new IllegalArgumentException(procedure + ": the calling transaction has uncommitted writes. This "
                    + "procedure writes in transactions of its own, one per batch, which could wait forever for "
                    + "locks those writes hold. Commit them first, for example by calling the procedure in a "
                    + "statement of its own.");
        }
    }
}
