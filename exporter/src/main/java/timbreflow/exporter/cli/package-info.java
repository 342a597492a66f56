/**
 * The exporter's command line ({@link timbreflow.exporter.cli.ExporterCli}): {@code export} turns a
 * trainer checkpoint into a proven model bundle, {@code tiny} regenerates the small committed test
 * bundle; plus what they need: validation notes read from an NSynth-format split, a seeded tiny
 * flow and synthetic notes, and a progress bar on stderr.
 */
package timbreflow.exporter.cli;
