package org.domus.broker;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import org.domus.model.ProblemLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moquette's view of {@link HouseAcl}: decides subscriptions (publishes are already checked at the edge). */
final class AclPolicy implements IAuthorizatorPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AclPolicy.class);

    private final Identities identities;
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final AtomicLong refusedSubscriptions = new AtomicLong();

    AclPolicy(Identities identities) {
        this.identities = identities;
    }

    /**
     * The edge has already refused what this would refuse; asked again here (a map lookup and a prefix test)
     * so that no path into Moquette's routing skips the house boundary.
     */
    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return identities.identityOf(user)
                .map(identity -> HouseAcl.publishProblem(identity, topic.toString()).isEmpty())
                .orElse(false);
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        String filter = topic.toString();
        Optional<ClientIdentity> identity = identities.identityOf(user);
        Optional<String> problem = identity.isEmpty() ? Optional.of("unknown identity")
                : HouseAcl.subscribeProblem(identity.get(), filter);
        if (problem.isEmpty()) {
            return true;
        }
        refusedSubscriptions.incrementAndGet();
        problems.report("sub:" + client + ":" + filter,
                "Refused subscription of client " + client + " to " + filter + ": " + problem.get());
        return false;
    }

    long refusedSubscriptions() {
        return refusedSubscriptions.get();
    }
}
