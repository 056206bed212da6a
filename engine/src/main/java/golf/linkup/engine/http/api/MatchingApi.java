package golf.linkup.engine.http.api;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.http.api.ApiRouter.Access;
import golf.linkup.engine.matching.MatchResult;
import golf.linkup.engine.matching.MatchingService;
import golf.linkup.engine.matching.Recommendation;
import golf.linkup.engine.matching.ScoreExplanation;
import golf.linkup.engine.matching.ScoredUser;
import golf.linkup.engine.matching.ScoringTeeTime;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The matching endpoints (docs/matching.md), under {@code /api/v1}:
 * <ul>
 *   <li>{@code GET /users/{id}/recommendations?limit=} (the user or an admin): top tee times, cached 5 min;</li>
 *   <li>{@code GET /tee-times/{id}/suggested-players} (the host or an admin): users who might want to join;</li>
 *   <li>{@code GET /match/explain?userId=&teeTimeId=} (that user or an admin): each factor's points and reason;</li>
 *   <li>{@code GET /realtime/stats} (any user): the engine's status, connections and matching figures;</li>
 *   <li>{@code POST /realtime/trigger/{teeTimeId}} (admin): run targeted matching now.</li>
 * </ul>
 */
public final class MatchingApi {

    /** What the stats endpoint reports about the rest of the engine. */
    public record RuntimeStatus(boolean routesRunning, boolean websocketListening, int connectedClients,
            boolean cacheReachable) {
    }

    private final MatchingService matching;
    private final TeeTimeDirectory directory;
    private final Supplier<RuntimeStatus> status;

    public MatchingApi(MatchingService matching, TeeTimeDirectory directory, Supplier<RuntimeStatus> status) {
        this.matching = matching;
        this.directory = directory;
        this.status = status;
    }

    public void register(ApiRouter router) {
        router.route("GET", "/users/{id}/recommendations", Access.USER, this::recommendations)
                .route("GET", "/tee-times/{id}/suggested-players", Access.USER, this::suggestedPlayers)
                .route("GET", "/match/explain", Access.USER, this::explain)
                .route("GET", "/realtime/stats", Access.USER, request -> ApiResponse.ok(stats()))
                .route("POST", "/realtime/trigger/{teeTimeId}", Access.ADMIN, this::trigger);
    }

    private ApiResponse recommendations(ApiRequest request) throws ApiException {
        String userId = request.path("id");
        request.requireSelfOrAdmin(userId);
        int limit = request.intQuery("limit", 50, 1, 50);
        List<Recommendation> list = matching.recommendations(userId, limit)
                .orElseThrow(() -> ApiException.notFound("user " + userId));
        List<Map<String, Object>> items = list.stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("teeTimeId", r.teeTimeId());
            item.put("score", r.score());
            ScoringTeeTime t = matching.indexedTeeTime(r.teeTimeId());
            if (t != null) {
                item.put("startsAt", t.startsAt().toString());
                item.put("courseCity", t.courseCity());
                item.put("industry", t.industry().name());
                item.put("openToAll", t.openToAll());
                item.put("skillLevel", t.skillLevel().name());
                item.put("openSlots", t.openSlots());
            }
            return item;
        }).toList();
        return ApiResponse.ok(Map.of("userId", userId, "count", items.size(), "recommendations", items));
    }

    private ApiResponse suggestedPlayers(ApiRequest request) throws ApiException {
        String teeTimeId = request.path("id");
        ScoringTeeTime teeTime = matching.indexedTeeTime(teeTimeId);
        if (teeTime == null) {
            throw ApiException.notFound("open upcoming tee time " + teeTimeId);
        }
        request.requireSelfOrAdmin(teeTime.hostId());
        List<ScoredUser> players = matching.suggestedPlayers(teeTimeId).orElse(List.of());
        List<Map<String, Object>> items = players.stream().map(p -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("userId", p.userId());
            item.put("score", p.score());
            directory.findPerson(p.userId()).ifPresent((PersonSnapshot person) -> {
                item.put("name", person.name());
                item.put("company", person.company());
                item.put("industry", person.industry());
            });
            return item;
        }).toList();
        return ApiResponse.ok(Map.of("teeTimeId", teeTimeId, "players", items));
    }

    private ApiResponse explain(ApiRequest request) throws ApiException {
        String userId = request.query("userId");
        String teeTimeId = request.query("teeTimeId");
        request.requireSelfOrAdmin(userId);
        ScoreExplanation e = matching.explain(userId, teeTimeId)
                .orElseThrow(() -> ApiException.notFound("user " + userId + " or tee time " + teeTimeId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", e.userId());
        data.put("teeTimeId", e.teeTimeId());
        data.put("score", e.total());
        data.put("eligible", e.eligible());
        if (!e.eligible()) {
            data.put("ineligibility", e.ineligibility());
        }
        data.put("factors", e.factors().stream().map(f -> Map.of("factor", f.factor().name(), "points", f.points(),
                "reason", f.reason())).toList());
        return ApiResponse.ok(data);
    }

    private Map<String, Object> stats() {
        RuntimeStatus s = status.get();
        MatchingService.Stats m = matching.stats();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("isRunning", s.routesRunning());
        data.put("cacheValid", s.cacheReachable());
        data.put("isProcessing", matching.isProcessing());
        data.put("websocketConnected", s.websocketListening());
        data.put("connectedClients", s.connectedClients());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runs", m.runs());
        figures.put("meanRunMillis", round(m.meanRunMillis()));
        figures.put("p99RunMillis", round(m.p99RunMillis()));
        figures.put("cacheHitRate", round(m.cacheHitRate()));
        figures.put("indexedUsers", m.indexedUsers());
        figures.put("indexedTeeTimes", m.indexedTeeTimes());
        data.put("matching", figures);
        return data;
    }

    private ApiResponse trigger(ApiRequest request) {
        String teeTimeId = request.path("teeTimeId");
        MatchResult result = matching.matchTeeTime(teeTimeId, MatchingService.Trigger.MANUAL, null);
        return ApiResponse.ok(Map.of("matchCount", result.matchCount(), "notificationsSent", result.notificationsSent()),
                "Found " + result.matchCount() + " matches, sent " + result.notificationsSent() + " notifications");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
