package golf.linkup.engine.matching;

import golf.linkup.engine.domain.User;

import java.util.Objects;

/** What the SOCIAL factor needs to know about a tee time's host besides the social graph. */
public record HostFacts(String id, double rating, int completedTeeTimes) {

    public HostFacts {
        Objects.requireNonNull(id, "host id");
    }

    public static HostFacts of(User host) {
        return new HostFacts(host.id(), host.rating(), host.completedTeeTimes());
    }
}
