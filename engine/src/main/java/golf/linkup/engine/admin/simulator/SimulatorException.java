package golf.linkup.engine.admin.simulator;

/** A simulator action that cannot be done as asked (unknown tee time, no free slot...); the message says why. */
public final class SimulatorException extends RuntimeException {

    public SimulatorException(String message) {
        super(message);
    }
}
