package dev.spike.profile.writer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChatProfileWriterTest {

    @Test
    void reasoningBlockIsRemoved() {
        assertEquals("\nA crime epic.", ChatProfileWriter.withoutReasoning("<think>The user wants...</think>\nA crime epic."));
        assertEquals("", ChatProfileWriter.withoutReasoning("<think>never closed"));
    }

    @Test
    void plainAnswerIsKept() {
        assertEquals("A crime epic.", ChatProfileWriter.withoutReasoning("A crime epic."));
        assertEquals("Uses <think> later.", ChatProfileWriter.withoutReasoning("Uses <think> later."));
        assertNull(ChatProfileWriter.withoutReasoning(null));
    }
}
