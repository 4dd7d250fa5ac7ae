package io.pagable.benchmarks.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every repetition of every contender, in run order, and their medians.
 *
 * @param <K> the figure keys
 */
final class Measurements<K extends Enum<K>> {

    private final Map<String, List<EnumMap<K, Double>>> runs = new LinkedHashMap<>();

    void add(String contender, EnumMap<K, Double> figures) {
        runs.computeIfAbsent(contender, (name) -> new ArrayList<>()).add(figures);
    }

    List<String> contenders() {
        return List.copyOf(runs.keySet());
    }

    boolean has(String contender, K key) {
        return !Double.isNaN(median(contender, key));
    }

    /**
     * Returns the median of a figure over the repetitions that measured it.
     *
     * @param contender the contender
     * @param key the figure
     * @return the median, or NaN when never measured
     */
    double median(String contender, K key) {
        return statistic(contender, key, (values) -> {
            int middle = values.length / 2;
            return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        });
    }

    double min(String contender, K key) {
        return statistic(contender, key, (values) -> values[0]);
    }

    double max(String contender, K key) {
        return statistic(contender, key, (values) -> values[values.length - 1]);
    }

    int repetitions(String contender) {
        return runs.getOrDefault(contender, List.of()).size();
    }

    private double statistic(String contender, K key, Function<double[], Double> statistic) {
        double[] values = runs.getOrDefault(contender, List.of()).stream()
                .map((figures) -> figures.get(key))
                .filter((value) -> value != null)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return (values.length == 0) ? Double.NaN : statistic.apply(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        runs.forEach((name, list) -> text.append(name).append(": ").append(Arrays.toString(list.toArray())));
        return text.toString();
    }
}
