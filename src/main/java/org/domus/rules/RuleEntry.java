package org.domus.rules;

import java.util.Optional;
import org.domus.store.StoredRule;

/** A stored rule and what it reads as: the rule, or why it cannot be read (then it does not run). */
public record RuleEntry(StoredRule stored, Rule rule, String problem) {

    public Optional<Rule> parsed() {
        return Optional.ofNullable(rule);
    }
}
