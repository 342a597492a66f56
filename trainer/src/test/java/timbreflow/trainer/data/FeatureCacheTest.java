package timbreflow.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.train.TrainingNote;

class FeatureCacheTest {

  @TempDir Path dir;

  private NoteSet split() throws IOException {
    NsynthFixture f = new NsynthFixture(dir.resolve("train"));
    f.note("guitar_acoustic_000", 3, 0, 40, 100)
        .note("guitar_acoustic_000", 3, 0, 52, 50)
        .note("organ_electronic_001", 6, 1, 60, 127)
        .note("flute_acoustic_002", 2, 0, 84, 75);
    // a note whose audio is too short: the cache leaves it out and counts it
    f.raw(
        "flute_acoustic_002-085-075",
        NsynthFixture.entry(
            "flute_acoustic_002-085-075", "flute_acoustic_002", 2, 0, 85, 75, 16000),
        NsynthFixture.sine(85, 1000, 16_000, 0.5),
        16_000);
    return new NsynthReader(NoteFilter.ALL, false, 1).read(f.write());
  }

  @Test
  void cachedFeaturesEqualDirectFeaturesWithinHalfPrecision() throws IOException {
    NoteSet notes = split();
    FeatureCache cache = FeatureCache.open(notes, dir.resolve("cache"), 2, ProgressListener.NONE);
    assertEquals(4, cache.size());
    assertEquals(1, cache.skipped().get(SkipReason.WRONG_LENGTH));
    LogMagnitude direct = new LogMagnitude(StftConfig.DEFAULT);
    for (int i = 0; i < cache.size(); i++) {
      Features expected = direct.features(WavReader.read(notes.wav(cache.note(i))).samples());
      Features actual = cache.features(i);
      assertEquals(513, actual.bins());
      assertEquals(251, actual.frames());
      assertEquals(expected.reference(), actual.reference(), 0);
      float[] e = expected.values();
      float[] a = actual.values();
      for (int j = 0; j < e.length; j++) {
        assertEquals(e[j], a[j], 5e-4f, "note " + i + " value " + j);
      }
    }
  }

  @Test
  void aSecondOpenReusesTheCacheAndAChangedSplitBuildsANewOne() throws IOException {
    NoteSet notes = split();
    Path cacheDir = dir.resolve("cache");
    FeatureCache first = FeatureCache.open(notes, cacheDir, 1, ProgressListener.NONE);
    Path data;
    try (Stream<Path> files = Files.list(cacheDir)) {
      data = files.filter(p -> p.toString().endsWith(".f16")).findFirst().orElseThrow();
    }
    Files.setLastModifiedTime(data, FileTime.fromMillis(0));
    AtomicLong built = new AtomicLong();
    FeatureCache second = FeatureCache.open(notes, cacheDir, 1, (d, t) -> built.incrementAndGet());
    assertEquals(0, built.get(), "a current cache must not be rebuilt");
    assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(data));
    assertEquals(first.fingerprint(), second.fingerprint());

    ExamplesJson.write(notes.splitDir().resolve("examples.json"), notes.notes().subList(0, 3));
    NoteSet fewer = new NsynthReader(NoteFilter.ALL, false, 1).read(notes.splitDir());
    FeatureCache third = FeatureCache.open(fewer, cacheDir, 1, (d, t) -> built.incrementAndGet());
    assertEquals(3, built.get());
    assertNotEquals(first.fingerprint(), third.fingerprint());
    // the three are flute 84, flute 85 (too short) and guitar 40
    assertEquals(2, third.size());
    assertEquals(1, third.skipped().get(SkipReason.WRONG_LENGTH));
  }

  @Test
  void cropsAreTheMatchingFramesOfTheWholeNote() throws IOException {
    FeatureCache cache = FeatureCache.open(split(), dir.resolve("cache"), 2, ProgressListener.NONE);
    Features whole = cache.features(2);
    float[] crop = new float[513 * 16];
    cache.crop(2, 100, 16, crop, 0);
    for (int k = 0; k < 513; k++) {
      for (int t = 0; t < 16; t++) {
        assertEquals(whole.get(k, 100 + t), crop[k * 16 + t]);
      }
    }
    List<TrainingNote> training = cache.trainingNotes();
    assertEquals(4, training.size());
    assertEquals(cache.note(2).pitch(), training.get(2).pitch());
    assertEquals(cache.note(2).family().index(), training.get(2).family());
  }

  @Test
  void theDjlDatasetYieldsSeededCropsAndWholeNotes() throws Exception {
    FeatureCache cache = FeatureCache.open(split(), dir.resolve("cache"), 2, ProgressListener.NONE);
    NoteDataset crops =
        NoteDataset.builder()
            .setCache(cache)
            .optCropFrames(32)
            .optSeed(9)
            .setSampling(2, true)
            .build();
    NoteDataset again =
        NoteDataset.builder()
            .setCache(cache)
            .optCropFrames(32)
            .optSeed(9)
            .setSampling(2, true)
            .build();
    NoteDataset whole = NoteDataset.builder().setCache(cache).setSampling(1, false).build();
    assertEquals(4, crops.size());
    boolean moved = false;
    for (long i = 0; i < 4; i++) {
      assertEquals(crops.cropStart(i), again.cropStart(i));
      int epoch0 = crops.cropStart(i);
      crops.setEpoch(1);
      moved |= crops.cropStart(i) != epoch0;
      crops.setEpoch(0);
    }
    assertTrue(moved, "another epoch draws other crops");
    try (NDManager manager = NDManager.newBaseManager()) {
      Record r = crops.get(manager, 1);
      NDList data = r.getData();
      assertEquals(new ai.djl.ndarray.types.Shape(513, 32), data.singletonOrThrow().getShape());
      float[] expected = new float[513 * 32];
      cache.crop(1, crops.cropStart(1), 32, expected, 0);
      assertTrue(Arrays.equals(expected, data.singletonOrThrow().toFloatArray()));
      assertEquals(cache.note(1).pitch(), r.getLabels().get(0).getLong());
      assertEquals(cache.note(1).family().index(), r.getLabels().get(1).getLong());
      assertEquals(cache.note(1).source().index(), r.getLabels().get(2).getLong());
      Record w = whole.get(manager, 3);
      assertEquals(
          new ai.djl.ndarray.types.Shape(513, 251), w.getData().singletonOrThrow().getShape());
      int batches = 0;
      for (ai.djl.training.dataset.Batch b : crops.getData(manager)) {
        try (b) {
          assertEquals(new ai.djl.ndarray.types.Shape(2, 513, 32), b.getData().head().getShape());
          batches++;
        }
      }
      assertEquals(2, batches);
    }
  }
}
