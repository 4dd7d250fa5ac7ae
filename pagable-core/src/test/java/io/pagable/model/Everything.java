package io.pagable.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every kind of value the codec promises to round-trip. */
public record Everything(
        String text,
        int number,
        long big,
        double real,
        boolean flag,
        Integer boxed,
        byte[] bytes,
        List<String> list,
        Set<String> set,
        Map<String, Integer> map,
        Map<Color, List<Integer>> enumKeyed,
        Optional<String> present,
        Optional<String> absent,
        Instant instant,
        LocalDate date,
        LocalDateTime localDateTime,
        ZonedDateTime zoned,
        Duration duration,
        UUID uuid,
        Color color,
        List<Map<String, List<Set<Integer>>>> nested,
        Money money,
        String nullable) {}
