package golf.linkup.engine.http;

/** One part of the engine's health. {@link #check} must answer within about a second and never throw. */
public interface HealthIndicator {

    String name();

    Status check();

    record Status(boolean up, String detail) {
        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }
}
