/**
 * Writing a model bundle to disk: the three graphs and {@code model.json} staged in a temporary
 * sibling directory and published by one atomic rename ({@link
 * timbreflow.exporter.bundle.BundleWriter}), optionally laid out as a Triton / KServe model
 * repository ({@link timbreflow.exporter.bundle.TritonLayout}).
 */
package timbreflow.exporter.bundle;
