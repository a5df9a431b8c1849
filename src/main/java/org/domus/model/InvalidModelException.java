package org.domus.model;

import java.util.List;
import java.util.Objects;

/** An edit of the house model was refused; the message is one sentence for the user. */
public final class InvalidModelException extends RuntimeException {

    private final ModelProblem problem;
    private final List<String> arguments;

    public InvalidModelException(ModelProblem problem, String message, List<String> arguments) {
        super(Objects.requireNonNull(message, "message"));
        this.problem = Objects.requireNonNull(problem, "problem");
        this.arguments = List.copyOf(arguments);
    }

    public ModelProblem problem() {
        return problem;
    }

    /** The values the message names, in the order {@link ModelProblem} documents. */
    public List<String> arguments() {
        return arguments;
    }
}
