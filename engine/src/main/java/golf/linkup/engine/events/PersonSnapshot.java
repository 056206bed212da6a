package golf.linkup.engine.events;

/** A player as clients show them: name, company and industry. Company may be null. */
public record PersonSnapshot(String id, String name, String company, String industry) {
}
