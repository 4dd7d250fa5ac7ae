package io.pagable.benchmarks.workload;

/**
 * One target of the issue: a ratio (or a figure) measured in this run, and its limit.
 *
 * @param name what is compared
 * @param measured the measured ratio or figure
 * @param limit the largest value that meets the target
 * @param unit {@code "x"} for ratios, {@code " s"} for seconds
 * @param detail how the ratio was formed
 */
record Target(String name, double measured, double limit, String unit, String detail) {

    boolean met() {
        return measured <= limit;
    }

    String measuredText() {
        return Report.number(measured) + unit;
    }

    String limitText() {
        return "≤ " + Report.number(limit) + unit;
    }
}
