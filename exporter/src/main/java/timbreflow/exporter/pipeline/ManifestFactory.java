package timbreflow.exporter.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.onnx.FeatureFormula;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.FlowConfig;

/**
 * The manifest facts of an export: bundle format, STFT and feature constants, conditions,
 * provenance.
 */
final class ManifestFactory {

  /** Name written as the graphs' and manifest's producer. */
  static final String PRODUCER = "timbreflow-exporter";

  /** NSynth's instrument families, index 0–10. */
  static final List<String> NSYNTH_FAMILIES =
      List.of(
          "bass",
          "brass",
          "flute",
          "guitar",
          "keyboard",
          "mallet",
          "organ",
          "reed",
          "string",
          "synth_lead",
          "vocal");

  private ManifestFactory() {}

  /** The producer's version: the jar's implementation version, else the project version. */
  static String producerVersion() {
    String v = ManifestFactory.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /**
   * A manifest without graph entries for a flow trained on the default STFT.
   *
   * @param formatVersion the graphs' bundle format: {@link GraphContract#CONDITIONAL_FLOW} for a
   *     conditional flow, else {@link GraphContract#UNCONDITIONAL_FLOW} ({@code
   *     FlowWeights#contract()})
   */
  static Manifest base(FlowConfig config, int formatVersion, Provenance provenance, int opset) {
    if (config.conditionalFlow() != (formatVersion == GraphContract.CONDITIONAL_FLOW)) {
      throw new IllegalArgumentException(
          "expected bundle format "
              + (config.conditionalFlow()
                  ? GraphContract.CONDITIONAL_FLOW
                  : GraphContract.UNCONDITIONAL_FLOW)
              + " for this flow, found "
              + formatVersion);
    }
    StftConfig stft = StftConfig.DEFAULT;
    List<String> families = new ArrayList<>();
    for (int i = 0; i < config.families(); i++) {
      families.add(
          config.families() == NSYNTH_FAMILIES.size() ? NSYNTH_FAMILIES.get(i) : "family_" + i);
    }
    return new Manifest(
        formatVersion,
        PRODUCER,
        producerVersion(),
        stft.sampleRate(),
        stft.nFft(),
        stft.hop(),
        "hann-periodic",
        true,
        stft.noteSamples(),
        config.channels(),
        new FeatureFormula(
            "x = clip(10*log10(max(|X|^2, power_floor) / ref), -dynamic_range_db, 0)"
                + " / dynamic_range_db + 1, ref = max |X|^2 of the note;"
                + " encoder scores x + 0.5/dequantization_levels",
            1e-13,
            120.0,
            256),
        families,
        0,
        config.pitches() - 1,
        opset,
        Map.of(),
        provenance);
  }
}
