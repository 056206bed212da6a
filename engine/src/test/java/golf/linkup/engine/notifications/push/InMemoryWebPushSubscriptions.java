package golf.linkup.engine.notifications.push;

import golf.linkup.engine.notifications.WebPushSubscriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Subscriptions per user in memory; records every {@link #deactivate} call in order. Thread-safe. */
final class InMemoryWebPushSubscriptions implements WebPushSubscriptions {

    private final Map<String, List<WebPushSubscription>> byUser = new ConcurrentHashMap<>();
    private final List<String> deactivated = new CopyOnWriteArrayList<>();

    InMemoryWebPushSubscriptions add(String userId, WebPushSubscription subscription) {
        byUser.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(subscription);
        return this;
    }

    @Override
    public List<WebPushSubscription> activeFor(String userId) {
        List<WebPushSubscription> active = new ArrayList<>(byUser.getOrDefault(userId, List.of()));
        active.removeIf(subscription -> deactivated.contains(subscription.endpoint()));
        return active;
    }

    @Override
    public void deactivate(String endpoint) {
        deactivated.add(endpoint);
    }

    /** The endpoints passed to {@link #deactivate}, one entry per call. */
    List<String> deactivated() {
        return List.copyOf(deactivated);
    }
}
