package org.domus.rules;

import java.util.List;
import java.util.Objects;
import org.domus.model.Slugs;

/** A rule of one house: when {@code trigger} fires and every condition holds, its actions run. */
public record Rule(long id, String name, String house, boolean enabled, Trigger trigger, List<Condition> conditions,
                   List<RuleAction> actions) {
    public Rule {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        Slugs.require("house", house);
        Objects.requireNonNull(trigger, "trigger");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        actions = actions == null ? List.of() : List.copyOf(actions);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one action");
        }
    }

    public Rule withId(long newId) {
        return new Rule(newId, name, house, enabled, trigger, conditions, actions);
    }

    public Rule withEnabled(boolean on) {
        return new Rule(id, name, house, on, trigger, conditions, actions);
    }
}
