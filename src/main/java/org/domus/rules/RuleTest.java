package org.domus.rules;

import java.util.List;

/** What "test this rule now" found: whether it would fire with the values of the moment, and why, line by line. */
public record RuleTest(boolean wouldFire, List<String> lines) {
    public RuleTest {
        lines = List.copyOf(lines);
    }
}
