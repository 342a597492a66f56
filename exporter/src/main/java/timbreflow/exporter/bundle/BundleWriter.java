package timbreflow.exporter.bundle;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import timbreflow.exporter.ExportException;
import timbreflow.runtime.files.AtomicFiles;
import timbreflow.runtime.onnx.Checksums;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.GraphSpec;
import timbreflow.runtime.onnx.Manifest;

/**
 * Stages a bundle in a temporary directory beside its destination and publishes it with one atomic
 * rename, so a reader sees either no bundle or a whole one; {@link #discard} removes a staged
 * bundle that failed its checks. The staging directory and its files are made like any new ones
 * (the umask decides their mode), so the published bundle is as readable as any other folder.
 */
public final class BundleWriter {

  private BundleWriter() {}

  /**
   * Writes the graphs and {@code model.json} (with each file's SHA-256) into a new staging
   * directory beside {@code destination}.
   *
   * @param graphs graph key ({@link GraphContract#GRAPHS}) → model
   * @param manifest the manifest; its {@code graphs} entries are filled in here, with the
   *     interfaces of its format ({@link Manifest#contract()})
   * @return the staging directory
   */
  public static Path stage(Path destination, Map<String, ModelProto> graphs, Manifest manifest) {
    Path parent = destination.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path staging = AtomicFiles.temporaryDirectorySibling(destination, "staging");
      Map<String, GraphSpec> specs = new LinkedHashMap<>();
      GraphContract contract = manifest.contract();
      for (String graph : GraphContract.GRAPHS) {
        byte[] bytes = graphs.get(graph).toByteArray();
        String file = graph + ".onnx";
        Files.write(staging.resolve(file), bytes);
        specs.put(
            graph,
            new GraphSpec(
                file, Checksums.sha256(bytes), contract.inputs(graph), contract.outputs(graph)));
      }
      writeManifest(staging, manifest.withGraphs(specs));
      return staging;
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Reason.IO, "cannot stage the bundle beside " + destination + ": " + e, e);
    }
  }

  /** Writes {@code model.json} into {@code dir}. */
  static void writeManifest(Path dir, Manifest manifest) throws IOException {
    Files.writeString(
        dir.resolve(Manifest.FILE_NAME), manifest.toJson() + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Moves the staged bundle to {@code destination} atomically.
   *
   * @param replace whether an existing destination may be replaced (it is moved aside first and
   *     deleted only after the new bundle is in place)
   */
  public static void publish(Path staging, Path destination, boolean replace) {
    try {
      Path old = null;
      if (Files.exists(destination)) {
        if (!replace) {
          throw new ExportException(
              ExportException.Reason.INVALID_ARGUMENT,
              "--out: expected a path that does not exist yet (or --force), found existing "
                  + destination);
        }
        old = AtomicFiles.temporaryDirectorySibling(destination, "old");
        Files.delete(old);
        Files.move(destination, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new ExportException(
            ExportException.Reason.IO,
            "cannot rename " + staging + " to " + destination + " atomically: " + e.getMessage(),
            e);
      }
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Reason.IO, "cannot publish the bundle to " + destination + ": " + e, e);
    }
  }

  /** Deletes a staged bundle; failures to delete are added to {@code cause} as suppressed. */
  public static void discard(Path staging, Throwable cause) {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
