/** timbreflow server module root. */
package timbreflow.server;
