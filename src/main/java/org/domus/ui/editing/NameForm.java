package org.domus.ui.editing;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.domus.model.InvalidModelException;
import org.domus.model.ModelChecks;

/**
 * A name (and, for something new, its slug) as a dialog edits it. The slug follows the name until the user types
 * one; {@link #problemProperty} says, as they type, why the form cannot be saved (uniqueness is the store's to
 * check, on save). JavaFX properties only: tested without a toolkit. FX thread.
 */
public final class NameForm {

    /** What the slug is checked as. */
    public enum SlugRule { NONE, HOUSE, ROOM, DEVICE }

    private final ModelText text;
    private final String what;
    private final SlugRule slugRule;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty slug = new SimpleStringProperty(this, "slug", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private boolean slugTyped;
    private boolean updatingSlug;

    /**
     * @param what     "house", "floor", "room", "device" (for the messages)
     * @param slugRule how the slug is checked; {@link SlugRule#NONE} for a rename (no slug)
     */
    public NameForm(ModelText text, String what, SlugRule slugRule, String initialName) {
        this.text = Objects.requireNonNull(text, "text");
        this.what = Objects.requireNonNull(what, "what");
        this.slugRule = Objects.requireNonNull(slugRule, "slugRule");
        name.addListener((observable, old, typed) -> {
            if (slugRule != SlugRule.NONE && !slugTyped) {
                updatingSlug = true;
                slug.set(ModelChecks.suggestSlug(typed));
                updatingSlug = false;
            }
            check();
        });
        slug.addListener((observable, old, typed) -> {
            if (!updatingSlug) {
                slugTyped = !typed.isEmpty();
            }
            check();
        });
        name.set(initialName == null ? "" : initialName);
        check();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty slugProperty() {
        return slug;
    }

    public boolean hasSlug() {
        return slugRule != SlugRule.NONE;
    }

    /** Empty, or one sentence saying what to fix. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    private void check() {
        String found = "";
        try {
            ModelChecks.name(what, name.get());
            switch (slugRule) {
                case HOUSE -> ModelChecks.slug("house", slug.get());
                case ROOM -> ModelChecks.roomSlug(slug.get());
                case DEVICE -> ModelChecks.slug("device", slug.get());
                case NONE -> {
                }
            }
        } catch (InvalidModelException e) {
            found = text.problem(e);
        }
        problem.set(found);
        valid.set(found.isEmpty());
    }

    /** Gives the checked name and slug to {@code save} if the form is valid. */
    public boolean submit(Consumer<NameForm> save) {
        if (!valid.get()) {
            return false;
        }
        save.accept(this);
        return true;
    }

    public String name() {
        return name.get().strip();
    }

    public String slug() {
        return slug.get();
    }
}
