package org.domus.ui.editing;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

import org.domus.model.InvalidModelException;
import org.domus.store.DeletionImpact;
import org.domus.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editing screens' text, from {@code org/domus/ui/editing/messages}: labels, refusals of the core (by their
 * {@link org.domus.model.ModelProblem}) and what a deletion removes. Plain Java: view-models use it in tests.
 */
public final class ModelText {

    /** What a deletion is of. */
    public enum Subject { HOUSE, FLOOR, ROOM, DEVICE }

    private static final Logger LOG = LoggerFactory.getLogger(ModelText.class);

    private final Locale locale;
    private final ResourceBundle bundle;

    public ModelText(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        this.bundle = ResourceBundle.getBundle("org.domus.ui.editing.messages", locale);
    }

    /** The text of {@code key} with its arguments (numbers in the locale's format). */
    public String get(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /** One sentence for a failed edit: the core's refusal translated, a store failure as the store said it. */
    public String problem(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidModelException refused) {
            try {
                List<String> arguments = refused.arguments().stream().map(this::what).toList();
                String sentence = get("problem." + refused.problem().name(), arguments.toArray());
                return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
            } catch (MissingResourceException | IllegalArgumentException e) {
                return refused.getMessage();
            }
        }
        if (cause instanceof StoreException stored) {
            return get("problem.store", stored.getMessage());
        }
        LOG.warn("An edit failed unexpectedly: {}", cause.toString());
        LOG.debug("Edit failure", cause);
        return get("problem.unexpected");
    }

    /** "house" → "the house" in the locale; anything else unchanged. */
    private String what(String argument) {
        String key = "what." + argument;
        return bundle.containsKey(key) ? bundle.getString(key) : argument;
    }

    /** What deleting removes, as the confirmation says it. */
    public String impact(Subject subject, DeletionImpact impact) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        StringBuilder text = new StringBuilder();
        switch (subject) {
            case HOUSE -> {
                text.append(get("impact.house", impact.name(), impact.floors(), impact.rooms(), impact.devices(),
                        impact.attributes(), numbers.format(impact.readings())));
                names(text, impact.deviceNames(), impact.devices());
                if (impact.mqttLogins() > 0) {
                    text.append("\n\n").append(get("impact.houseLogins", impact.mqttLogins()));
                }
            }
            case FLOOR -> {
                text.append(get("impact.floor", impact.name(), impact.rooms()));
                names(text, impact.roomNames(), impact.rooms());
            }
            case ROOM -> {
                text.append(impact.devicesMoved() == 0 ? get("impact.roomEmpty", impact.name())
                        : get("impact.room", impact.name(), impact.devicesMoved()));
                names(text, impact.deviceNames(), impact.devicesMoved());
                text.append("\n\n").append(get("impact.noData"));
            }
            case DEVICE -> {
                text.append(get("impact.device", impact.name(), impact.attributes(),
                        numbers.format(impact.readings())));
                text.append("\n\n").append(get("impact.deviceReturns"));
            }
        }
        return text.toString();
    }

    private void names(StringBuilder text, List<String> names, int total) {
        if (names.isEmpty()) {
            return;
        }
        String shown = String.join(", ", names) + (total > names.size() ? ", …" : "");
        text.append(' ').append(get("impact.names", shown));
    }

    /** What a done deletion removed, one line. */
    public String deleted(DeletionImpact removed) {
        return removed.losesNoData() ? get("done.deletedKept", removed.name())
                : get("done.deleted", removed.name(), removed.devices(), removed.attributes(),
                NumberFormat.getIntegerInstance(locale).format(removed.readings()));
    }
}
