package timbreflow.runtime.onnx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * Everything a runtime needs to use a bundle, as {@code model.json} holds it (snake_case keys).
 *
 * <p>The same facts, less the per-file checksums and interfaces, are stamped into every graph's
 * {@code metadata_props} ({@link #metadataProps()}), so a graph alone is self-describing and a
 * loader can check that a graph belongs to its manifest.
 *
 * @param formatVersion the bundle's contract: {@link GraphContract#UNCONDITIONAL_FLOW} (1, the
 *     seed's design) or {@link GraphContract#CONDITIONAL_FLOW} (2: the decoder takes the condition,
 *     which is continuous)
 * @param producer name of the program that exported the bundle
 * @param producerVersion its version
 * @param sampleRate audio sample rate in Hz (16000)
 * @param nFft STFT size (1024)
 * @param hop STFT hop in samples (256)
 * @param window STFT window ({@code hann-periodic})
 * @param center whether frames are centred with n_fft/2 zero padding on both sides
 * @param noteSamples samples in one note (64000)
 * @param bins frequency bins, the graphs' channel count (513)
 * @param features the feature formula and its constants
 * @param families instrument family names; index = the {@code family} input
 * @param pitchMin smallest valid MIDI pitch
 * @param pitchMax largest valid MIDI pitch
 * @param opset ONNX opset of the graphs
 * @param graphs graph key ({@link GraphContract#GRAPHS}) → file, checksum and interface
 * @param provenance where the weights came from
 */
public record Manifest(
    int formatVersion,
    String producer,
    String producerVersion,
    int sampleRate,
    int nFft,
    int hop,
    String window,
    boolean center,
    int noteSamples,
    int bins,
    FeatureFormula features,
    List<String> families,
    int pitchMin,
    int pitchMax,
    int opset,
    Map<String, GraphSpec> graphs,
    Provenance provenance) {

  /** The newest bundle format this runtime reads and writes; it reads every older one too. */
  public static final int FORMAT_VERSION = GraphContract.CONDITIONAL_FLOW;

  /** The manifest's file name in a bundle directory. */
  public static final String FILE_NAME = "model.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Manifest {
    families = List.copyOf(families);
    graphs = Collections.unmodifiableMap(new LinkedHashMap<>(graphs));
  }

  /** The graphs' interface for this bundle's format. */
  public GraphContract contract() {
    return GraphContract.of(this);
  }

  /** A copy with {@code graphs} replaced. */
  public Manifest withGraphs(Map<String, GraphSpec> newGraphs) {
    return new Manifest(
        formatVersion,
        producer,
        producerVersion,
        sampleRate,
        nFft,
        hop,
        window,
        center,
        noteSamples,
        bins,
        features,
        families,
        pitchMin,
        pitchMax,
        opset,
        newGraphs,
        provenance);
  }

  /**
   * The facts every graph carries in {@code metadata_props}: keys prefixed {@code timbreflow.},
   * values as strings (families comma-separated).
   */
  public Map<String, String> metadataProps() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("timbreflow.format_version", Integer.toString(formatVersion));
    m.put("timbreflow.producer", producer);
    m.put("timbreflow.producer_version", producerVersion);
    m.put("timbreflow.sample_rate", Integer.toString(sampleRate));
    m.put("timbreflow.n_fft", Integer.toString(nFft));
    m.put("timbreflow.hop", Integer.toString(hop));
    m.put("timbreflow.window", window);
    m.put("timbreflow.center", Boolean.toString(center));
    m.put("timbreflow.note_samples", Integer.toString(noteSamples));
    m.put("timbreflow.bins", Integer.toString(bins));
    m.put("timbreflow.feature_formula", features.formula());
    m.put("timbreflow.feature_power_floor", Double.toString(features.powerFloor()));
    m.put("timbreflow.feature_dynamic_range_db", Double.toString(features.dynamicRangeDb()));
    m.put("timbreflow.dequantization_levels", Integer.toString(features.dequantizationLevels()));
    m.put("timbreflow.families", String.join(",", families));
    m.put("timbreflow.pitch_min", Integer.toString(pitchMin));
    m.put("timbreflow.pitch_max", Integer.toString(pitchMax));
    m.put("timbreflow.checkpoint_step", Long.toString(provenance.checkpointStep()));
    m.put("timbreflow.validation_bits_per_dim", String.valueOf(provenance.validationBitsPerDim()));
    m.put("timbreflow.dataset_fingerprint", provenance.datasetFingerprint());
    m.put("timbreflow.git_commit", provenance.gitCommit());
    m.put("timbreflow.flow_config", provenance.flowConfig());
    return m;
  }

  /** This manifest as pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new TimbreflowException(
          Reason.IO, "cannot serialise the manifest: " + e.getMessage(), e);
    }
  }

  /** Parses a manifest from JSON text. */
  public static Manifest fromJson(String json) {
    try {
      return JSON.readValue(json, Manifest.class);
    } catch (IOException e) {
      throw new TimbreflowException(
          Reason.INVALID_MODEL, FILE_NAME + " is not a valid manifest: " + e.getMessage(), e);
    }
  }

  /** Reads {@code model.json} from a bundle directory. */
  public static Manifest read(Path bundleDir) {
    Path file = bundleDir.resolve(FILE_NAME);
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new TimbreflowException(
          Reason.INVALID_MODEL, "missing file " + FILE_NAME + " in bundle " + bundleDir, e);
    } catch (IOException e) {
      throw new TimbreflowException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return fromJson(json);
    } catch (TimbreflowException e) {
      throw new TimbreflowException(e.reason(), bundleDir + ": " + e.getMessage(), e);
    }
  }
}
