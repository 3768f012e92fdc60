package dev.spike.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class TrainingCurveTest {

    @Test
    void oneLinePerRun(@TempDir Path work) throws Exception {
        Path file = work.resolve("curve.svg");
        TrainingCurve.write(List.of(
                new TrainingCurve.Run("SPiKE", history(3, 0.2)),
                new TrainingCurve.Run("SPiKE, profiles: false <plain>", history(3, 0.1))), file);

        Document svg = parse(file);
        NodeList lines = svg.getElementsByTagName("polyline");
        // Two panels, one line per run in each.
        assertEquals(4, lines.getLength());
        for (int i = 0; i < lines.getLength(); i++) {
            String points = lines.item(i).getAttributes().getNamedItem("points").getNodeValue();
            assertEquals(3, points.split(" ").length, points);
        }
        assertTrue(texts(svg).contains("SPiKE, profiles: false <plain>"), texts(svg).toString());
        assertTrue(texts(svg).containsAll(List.of("1", "2", "3", "epoch")), texts(svg).toString());
    }

    @Test
    void epochLabelsStaySparse() {
        assertEquals(1, TrainingCurve.epochStep(6));
        assertEquals(2, TrainingCurve.epochStep(7));
        assertEquals(5, TrainingCurve.epochStep(30));
        assertEquals(10, TrainingCurve.epochStep(60));
        assertEquals(50, TrainingCurve.epochStep(200));
    }

    @Test
    void missingValidationExplained(@TempDir Path work) throws Exception {
        Path file = work.resolve("curve.svg");
        TrainingCurve.write(List.of(new TrainingCurve.Run("SPiKE", history(2, null))), file);

        Document svg = parse(file);
        // The loss panel keeps its line, and the validation panel explains why it has none.
        assertEquals(1, svg.getElementsByTagName("polyline").getLength());
        List<String> texts = texts(svg);
        assertTrue(texts.contains("not measured: these runs trained without a validation hold-out (patience 0)."),
                texts.toString());
        assertTrue(texts.contains("The results table has the test figures."), texts.toString());
    }

    private static List<Map<String, Object>> history(int epochs, Double recallStart) {
        List<Map<String, Object>> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Map<String, Object> row = new HashMap<>();
            row.put("epoch", (long) epoch);
            row.put("totalLoss", 1.0 / epoch);
            row.put("validationRecallAt20", recallStart == null ? null : recallStart + 0.01 * epoch);
            history.add(row);
        }
        return history;
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
