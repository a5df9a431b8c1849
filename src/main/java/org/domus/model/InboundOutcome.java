package org.domus.model;

import java.util.Objects;

/**
 * What became of one inbound message. Only {@link Kind#FAILED} means "not kept, send again later": the broker
 * withholds the acknowledgement. A refused message is acknowledged: sending it again would not help.
 */
public record InboundOutcome(Kind kind, String reason) {

    public enum Kind { STORED, DUPLICATE, IGNORED, REFUSED, FAILED }

    public static final InboundOutcome STORED = new InboundOutcome(Kind.STORED, "");
    public static final InboundOutcome DUPLICATE = new InboundOutcome(Kind.DUPLICATE, "");
    public static final InboundOutcome IGNORED = new InboundOutcome(Kind.IGNORED, "");

    public InboundOutcome {
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
    }

    public static InboundOutcome refused(String reason) {
        return new InboundOutcome(Kind.REFUSED, reason);
    }

    public static InboundOutcome failed(String reason) {
        return new InboundOutcome(Kind.FAILED, reason);
    }

    public boolean acknowledge() {
        return kind != Kind.FAILED;
    }
}
