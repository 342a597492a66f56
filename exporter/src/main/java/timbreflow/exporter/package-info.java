/** timbreflow exporter module root. */
package timbreflow.exporter;
