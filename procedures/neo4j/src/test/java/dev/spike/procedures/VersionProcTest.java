package dev.spike.procedures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionProcTest {

    @Test
    void versionReportsEveryComponent() {
        List<Map<String, Object>> rows = SharedDbms.get().rows("CALL spike.version()");

        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertFalse(((String) row.get("spikeVersion")).isBlank());
        assertTrue(((String) row.get("neo4jVersion")).startsWith("5.26"), row.toString());
        assertEquals("2.13.9", row.get("gdsVersion"));
        assertEquals("CpuBackend", row.get("nd4jBackend"));
    }

    @Test
    void apocAndGdsAreRegisteredBeside() {
        List<Map<String, Object>> rows = SharedDbms.get().rows(
                "SHOW PROCEDURES YIELD name WHERE name IN ['apoc.periodic.repeat', 'gds.graph.project', 'spike.version'] RETURN name ORDER BY name");

        assertEquals(List.of("apoc.periodic.repeat", "gds.graph.project", "spike.version"),
                rows.stream().map(row -> row.get("name")).toList());
    }
}
