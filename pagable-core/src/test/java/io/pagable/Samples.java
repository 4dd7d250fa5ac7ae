package io.pagable;

import io.pagable.model.Color;
import io.pagable.model.Everything;
import io.pagable.model.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sample values shared by tests. */
public final class Samples {

    private Samples() {}

    /** A value holding every kind of field the codec promises to round-trip. */
    public static Everything everything() {

        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("zeta", 26);
        map.put("alpha", 1);
        return new Everything(
                "text ünïcødé",
                42,
                Long.MAX_VALUE,
                -0.5,
                true,
                null,
                new byte[] {0, 1, 2, (byte) 255},
                List.of("a", "b"),
                Set.of("y", "x"),
                map,
                Map.of(Color.RED, List.of(1, 2), Color.BLUE, List.of()),
                Optional.of("here"),
                Optional.empty(),
                Instant.parse("2026-11-25T10:15:30.123456789Z"),
                LocalDate.of(2026, 11, 25),
                LocalDateTime.of(2026, 11, 25, 10, 15, 30),
                ZonedDateTime.of(2026, 11, 25, 10, 15, 30, 0, ZoneId.of("Europe/Paris")),
                Duration.ofMillis(1234567),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Color.GREEN,
                List.of(Map.of("k", List.of(Set.of(3, 1, 2)))),
                new Money("EUR", 1999),
                null);
    }
}
