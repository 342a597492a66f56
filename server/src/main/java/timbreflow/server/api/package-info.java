/**
 * The {@code /v1} HTTP API: one handler class per resource, request parsing and validation that
 * names the bad field, and the single mapping from failures to HTTP status and JSON error bodies
 * ({@link timbreflow.server.api.ErrorMapping}).
 */
package timbreflow.server.api;
