package dev.spike.profile.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsValue() {
        assertEquals(Duration.ofSeconds(2), RetryAfter.parse("2", NOW));
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
    }

    @Test
    void httpDateValue() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Sun, 01 Jun 2025 12:01:30 GMT", NOW));
    }

    @Test
    void pastDateMeansNoWait() {
        assertEquals(Duration.ZERO, RetryAfter.parse("Sun, 01 Jun 2025 11:00:00 GMT", NOW));
    }

    @Test
    void invalidValueIsIgnored() {
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse("", NOW));
        assertNull(RetryAfter.parse("soon", NOW));
        assertNull(RetryAfter.parse("-5", NOW));
        assertNull(RetryAfter.parse("99999999999999999999", NOW));
    }
}
