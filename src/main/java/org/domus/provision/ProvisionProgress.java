package org.domus.provision;

/** Told of each step of provisioning, on the thread that provisions. */
@FunctionalInterface
public interface ProvisionProgress {

    ProvisionProgress NONE = (fraction, step) -> {
    };

    /** @param fraction done so far, from 0 to 1; {@code step} a short description of what comes next */
    void step(double fraction, String step);
}
