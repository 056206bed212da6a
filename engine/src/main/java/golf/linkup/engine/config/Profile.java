package golf.linkup.engine.config;

/**
 * SANDBOX runs everything embedded on one machine (Redis, H2, sample data, a known JWT secret).
 * PRODUCTION requires every external system to be configured and refuses to start otherwise.
 */
public enum Profile {
    SANDBOX,
    PRODUCTION
}
