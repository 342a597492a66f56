/**
 * The timbreflow server: a Vert.x 5 HTTP API and web page over one model bundle. {@link
 * timbreflow.server.ServerMain} parses the command line, loads and warms the bundle, and deploys
 * {@link timbreflow.server.TimbreflowVerticle}, which routes requests to the handlers in {@code
 * api} and {@code oip}; model and Griffin-Lim work runs on the bounded pool in {@code work}, never
 * on an event loop.
 */
package timbreflow.server;
