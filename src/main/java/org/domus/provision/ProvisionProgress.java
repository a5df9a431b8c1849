package org.domus.provision;

/** Told of each step of provisioning, on the thread that provisions. */
@FunctionalInterface
public interface ProvisionProgress {

    ProvisionProgress NONE = (fraction, step) -> {
    };

    /** The steps, in order; a view names them in its own language. */
    enum Step { CHECKING, MAKING_LOGIN, HASHING, WRITING_FILES, WRITING_ZIP, DRAWING_SHEET, DONE }

    /** @param fraction done so far, from 0 to 1; {@code step} what comes next */
    void step(double fraction, Step step);
}
