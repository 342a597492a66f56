package timbreflow.server.engine;

/**
 * The Griffin-Lim settings a request may choose.
 *
 * @param iterations phase-reconstruction iterations (capped by the server)
 * @param momentum fast Griffin-Lim momentum in [0, 1); 0 is the classic algorithm
 * @param seed seed of the random initial phase
 */
public record GriffinLimControls(int iterations, double momentum, long seed) {}
