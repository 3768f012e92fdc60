package dev.spike.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.SharedDbms;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/** How explanation descriptions name items and entities, with and without a title or name. */
class PathStepTest {

    private EmbeddedNeo4j db;

    @BeforeEach
    void emptyGraph() {
        db = SharedDbms.reset();
    }

    private String describe(Function<Transaction, String> reader) {
        try (Transaction tx = db.database().beginTx()) {
            return reader.apply(tx);
        }
    }

    @Test
    void titledItemGetsItsYear() {
        assertEquals("Heat (1995)", describe(tx -> {
            Node item = tx.createNode(Label.label("Item"));
            item.setProperty("title", "Heat");
            item.setProperty("year", 1995L);
            return PathStep.item(item);
        }));
    }

    @Test
    void unnamedNodesShowTheirKind() {
        assertEquals("item 3", describe(tx -> {
            Node item = tx.createNode(Label.label("Item"));
            item.setProperty("id", 3L);
            return PathStep.item(item);
        }));
        assertEquals("entity 5", describe(tx -> {
            Node entity = tx.createNode(Label.label("Entity"));
            entity.setProperty("id", 5L);
            return PathStep.entity(entity, "Entity");
        }));
    }

    @Test
    void nodeWithoutIdUsesNodeId() {
        String[] expectedAndActual = describe(tx -> {
            Node item = tx.createNode(Label.label("Item"));
            return "item " + item.getId() + "|" + PathStep.item(item);
        }).split("\\|");
        assertEquals(expectedAndActual[0], expectedAndActual[1]);
    }

    @Test
    void labelledEntityKeepsItsLabel() {
        assertEquals("genre Crime", describe(tx -> {
            Node entity = tx.createNode(Label.label("Entity"), Label.label("Genre"));
            entity.setProperty("name", "Crime");
            return PathStep.entity(entity, "Entity");
        }));
    }
}
