/**
 * The export pipeline ({@link timbreflow.exporter.pipeline.Exporter}): builds the three graphs from
 * a trained flow, stages them with the manifest, proves parity through the runtime's {@code
 * ModelBundle}, and only then publishes the bundle; {@link
 * timbreflow.exporter.pipeline.ExportRequest} carries everything one export needs.
 */
package timbreflow.exporter.pipeline;
