/**
 * Prometheus metrics: Vert.x's own HTTP server metrics (requests by route and status, latency) plus
 * the server's meters for inference and Griffin-Lim time, queue depth, rejections and
 * cancellations, all in one registry scraped at {@code GET /metrics}.
 */
package timbreflow.server.metrics;
