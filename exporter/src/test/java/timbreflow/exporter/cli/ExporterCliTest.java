package timbreflow.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;
import timbreflow.trainer.train.CheckpointContents;
import timbreflow.trainer.train.CheckpointMetadata;
import timbreflow.trainer.train.TrainingConfig;

/** The {@code export} command end to end: a real checkpoint file and an NSynth-layout split. */
class ExporterCliTest {

  @TempDir static Path shared;
  static Path checkpoint;
  static Path conditionalCheckpoint;
  static Path valid;

  @TempDir Path tmp;

  @BeforeAll
  static void writeCheckpointAndValidationSplit() throws IOException {
    checkpoint = writeCheckpoint(shared.resolve("step-7.ckpt"), TinyFlow.config(), 3);
    conditionalCheckpoint =
        writeCheckpoint(shared.resolve("conditional.ckpt"), TinyFlow.conditionalConfig(), 5);
    valid = shared.resolve("valid");
    Files.createDirectories(valid.resolve("audio"));
    StringBuilder json = new StringBuilder("{\"broken\": {\"pitch\": 60}");
    // 24 keyboard notes of 3 instruments, 6 brass, 6 vocal (NSynth families 4, 1, 10)
    for (int n = 0; n < 36; n++) {
      int family = n < 24 ? 4 : n < 30 ? 1 : 10;
      String label = family == 4 ? "keyboard" : family == 1 ? "brass" : "vocal";
      int pitch = 40 + n % 8;
      String instrument = String.format("%s_synthetic_%03d", label, n / 8);
      String id = String.format("%s-%03d-100", instrument, pitch);
      WavWriter.write(
          new Waveform(tone(pitch), 16000),
          valid.resolve("audio").resolve(id + ".wav"),
          WavEncoding.PCM_16);
      json.append(
          String.format(
              ",\"%s\": {\"note_str\": \"%s\", \"pitch\": %d, \"velocity\": 100,"
                  + " \"sample_rate\": 16000, \"instrument\": %d, \"instrument_str\": \"%s\","
                  + " \"instrument_family\": %d, \"instrument_family_str\": \"%s\","
                  + " \"instrument_source\": 2, \"instrument_source_str\": \"synthetic\"}",
              id, id, pitch, n / 8, instrument, family, label));
    }
    Files.writeString(valid.resolve("examples.json"), json.append("}").toString());
  }

  /** A step-7 checkpoint of a seeded tiny flow of {@code config}, written to {@code file}. */
  private static Path writeCheckpoint(Path file, FlowConfig config, long seed) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      ConditionalFlow flow = TinyFlow.create(manager, config, seed);
      ByteArrayOutputStream params = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(params)) {
        flow.saveParameters(out);
      }
      CheckpointMetadata meta =
          new CheckpointMetadata(
              7,
              1,
              "fp-test",
              6.25,
              1.0,
              TrainingConfig.defaults(),
              flow.config().toJson(),
              "PyTorch",
              "cpu");
      new CheckpointContents(meta, params.toByteArray(), new byte[0]).write(file);
    }
    return file;
  }

  /** A decaying tone with one overtone: 4 s at 16 kHz. */
  private static float[] tone(int pitch) {
    float[] s = new float[64000];
    double hz = 440 * Math.pow(2, (pitch - 69) / 12.0);
    for (int i = 0; i < s.length; i++) {
      double env = Math.exp(-i / 16000.0);
      s[i] =
          (float)
              (0.3
                  * env
                  * (Math.sin(2 * Math.PI * hz * i / 16000)
                      + 0.3 * Math.sin(4 * Math.PI * hz * i / 16000)));
    }
    return s;
  }

  @Test
  void parityNotesAreReadByTheNsynthReaderAndSpreadOverTheFamilies() {
    List<ParityNote> notes = ValidationNotes.load(valid, 32);
    assertEquals(32, notes.size());
    // families take turns in index order until brass and vocal run out; the broken entry is skipped
    assertEquals(
        List.of(1, 4, 10, 1, 4, 10), notes.subList(0, 6).stream().map(ParityNote::family).toList());
    Map<Integer, Long> perFamily =
        notes.stream().collect(Collectors.groupingBy(ParityNote::family, Collectors.counting()));
    assertEquals(Map.of(1, 6L, 4, 20L, 10, 6L), perFamily);
    assertEquals(
        3,
        notes.stream()
            .filter(n -> n.family() == 4)
            .map(n -> n.id().substring(0, 22))
            .distinct()
            .count());
    assertEquals(513 * 251, notes.get(0).features().length);
  }

  @Test
  void exportPublishesAProvenBundleWithTheCheckpointsProvenance() {
    Path out = tmp.resolve("bundle");
    int code =
        ExporterCli.run(
            "export",
            "--checkpoint",
            checkpoint.toString(),
            "--data",
            valid.toString(),
            "--out",
            out.toString(),
            "--opset",
            "15");
    assertEquals(0, code);
    Manifest m = Manifest.read(out);
    assertEquals(7, m.provenance().checkpointStep());
    assertEquals(6.25, m.provenance().validationBitsPerDim());
    assertEquals("fp-test", m.provenance().datasetFingerprint());
    assertEquals(15, m.opset());
    assertEquals(GraphContract.UNCONDITIONAL_FLOW, m.formatVersion());
  }

  @Test
  void aConditionalFlowCheckpointExportsAsAFormat2Bundle() {
    Path out = tmp.resolve("conditional-bundle");
    int code =
        ExporterCli.run(
            "export",
            "--checkpoint",
            conditionalCheckpoint.toString(),
            "--data",
            valid.toString(),
            "--out",
            out.toString());
    assertEquals(0, code);
    Manifest m = Manifest.read(out);
    assertEquals(GraphContract.CONDITIONAL_FLOW, m.formatVersion());
    assertEquals(new GraphContract(GraphContract.CONDITIONAL_FLOW, 513, 11), m.contract());
    assertEquals(TinyFlow.conditionalConfig(), FlowConfig.fromJson(m.provenance().flowConfig()));
  }

  @Test
  void corruptCheckpointExitsWith3AndPublishesNothing() throws IOException {
    Path bad = tmp.resolve("bad.ckpt");
    Files.write(bad, new byte[] {1, 2, 3});
    Path out = tmp.resolve("none");
    int code =
        ExporterCli.run(
            "export",
            "--checkpoint",
            bad.toString(),
            "--data",
            valid.toString(),
            "--out",
            out.toString());
    assertEquals(3, code);
    assertFalse(Files.exists(out));
  }

  @Test
  void badOptionsExitWith2AndMissingDataWith3() {
    String[] common = {"--checkpoint", checkpoint.toString(), "--out", tmp.resolve("x").toString()};
    assertEquals(
        2, ExporterCli.run(concat("export", "--data", valid.toString(), "--opset", "18", common)));
    assertEquals(
        2,
        ExporterCli.run(concat("export", "--data", valid.toString(), "--layout", "zip", common)));
    assertEquals(
        3, ExporterCli.run(concat("export", "--data", tmp.resolve("nope").toString(), common)));
    assertTrue(ExporterCli.run("export") != 0, "missing required options");
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  private static String[] concat(String a, String b, String c, String d, String e, String[] rest) {
    String[] out = new String[5 + rest.length];
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = d;
    out[4] = e;
    System.arraycopy(rest, 0, out, 5, rest.length);
    return out;
  }

  private static String[] concat(String a, String b, String c, String[] rest) {
    String[] out = new String[3 + rest.length];
    out[0] = a;
    out[1] = b;
    out[2] = c;
    System.arraycopy(rest, 0, out, 3, rest.length);
    return out;
  }
}
