package dev.spike.profile.writer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    @Test
    void configuredKeyIsRemoved() {
        Redactor redactor = new Redactor("my-custom-key-42");

        assertEquals("bad key <redacted> given", redactor.redact("bad key my-custom-key-42 given"));
    }

    @Test
    void tokenShapesAreRemoved() {
        Redactor redactor = new Redactor(null);

        assertEquals("Authorization: Bearer <redacted>", redactor.redact("Authorization: Bearer abc.def"));
        assertEquals("key <redacted> rejected", redactor.redact("key sk-proj-abcdef123456 rejected"));
    }

    @Test
    void longTextIsCutToOneLine() {
        String redacted = new Redactor(null).redact("line one\nline two " + "x".repeat(500));

        assertTrue(redacted.startsWith("line one line two"), redacted);
        assertEquals(301, redacted.length());
    }
}
