/**
 * The in-process baseline of the loopback benchmark ({@code bench/server-bench.sh}): the same
 * reconstruct work the server does per request, called directly on N threads, without HTTP.
 */
package timbreflow.server.bench;
