package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.note.Latent;
import timbreflow.runtime.note.NoteModel;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimListener;

/** The report's samples over the committed tiny bundle {@code models/tiny}. */
class SampleJudgeTest {

  static final Path TINY = Path.of("..", "models", "tiny");

  static NoteModel model;
  static SampleJudge judge;

  @BeforeAll
  static void open() {
    model = new NoteModel(ModelBundle.load(TINY));
    judge =
        new SampleJudge(
            model,
            new AudioRenderer(model, 1),
            PitchCheck.strict(50),
            PitchCheck.asPublished(50),
            descriptor -> 2,
            8,
            0.99);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void aReportSampleIsBitForBitTheServersSampleForTheSameRequest() {
    SampleJudge.Judged judged = judge.judge(new SampleRequest(48, 2, 0.7, 5));

    // the server's /v1/sample, stage by stage: prior, decode of one latent, Griffin-Lim on one
    // thread seeded by the request's seed, peak-normalised
    Latent z = model.sample(model.condition(48, 2), 0.7, 5);
    Features y = model.decode(z, 1.0);
    GriffinLimConfig server =
        GriffinLimConfig.builder()
            .optIterations(8)
            .optMomentum(0.99)
            .optSeed(5)
            .optThreads(1)
            .build();
    float[] audio = model.render(y, server, GriffinLimListener.NONE, true).samples();

    assertArrayEquals(y.values(), judged.decoded().values());
    assertEquals(y.reference(), judged.decoded().reference());
    assertArrayEquals(audio, judged.audio());
    SampleScore s = judged.score();
    assertEquals("flute", s.family());
    assertEquals(48, s.pitch());
    assertEquals(0.7, s.temperature());
    assertEquals(5, s.seed());
    assertEquals(PitchCheck.strict(50).score(audio, 16_000, 48), s.strict());
    assertEquals(PitchCheck.asPublished(50).score(audio, 16_000, 48), s.asPublished());
  }

  @Test
  void anotherSeedGivesAnotherSampleAndTheSameSeedTheSame() {
    SampleJudge.Judged a = judge.judge(new SampleRequest(60, 1, 1.0, 0));
    SampleJudge.Judged b = judge.judge(new SampleRequest(60, 1, 1.0, 1));
    assertFalse(Arrays.equals(a.audio(), b.audio()));
    assertArrayEquals(a.audio(), judge.judge(new SampleRequest(60, 1, 1.0, 0)).audio());
  }

  @Test
  void theGridCoversGanSynthsRangeEveryFamilyTemperatureAndSeed() {
    ReportConfig config =
        ReportConfig.builder()
            .optPitchStep(6)
            .optTemperatures(List.of(0.5, 0.7))
            .optSampleSeeds(List.of(3L, 4L, 5L))
            .build();
    SampleGrid grid = SampleGrid.of(config, model.families());
    assertEquals(List.of(24, 30, 36, 42, 48, 54, 60, 66, 72, 78, 84), grid.pitches());
    var requests = grid.requests();
    assertEquals(11 * 11 * 2 * 3, requests.size());
    assertEquals(new SampleRequest(24, 0, 0.5, 3), requests.get(0));
    assertEquals(new SampleRequest(24, 0, 0.7, 3), requests.get(1));
    assertEquals(new SampleRequest(84, 10, 0.7, 5), requests.get(requests.size() - 1));
  }
}
