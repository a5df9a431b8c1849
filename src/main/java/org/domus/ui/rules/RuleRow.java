package org.domus.ui.rules;

import org.domus.rules.Rule;

/** One line of the rule list: the rule (null when its stored form cannot be read) and its summary. */
public record RuleRow(long id, String name, String house, boolean enabled, String summary, Rule rule) {

    @Override
    public String toString() {
        return name;
    }
}
