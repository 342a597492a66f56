package timbreflow.trainer.data;

import static timbreflow.trainer.data.InstrumentFamily.BASS;
import static timbreflow.trainer.data.InstrumentFamily.BRASS;
import static timbreflow.trainer.data.InstrumentFamily.FLUTE;
import static timbreflow.trainer.data.InstrumentFamily.GUITAR;
import static timbreflow.trainer.data.InstrumentFamily.KEYBOARD;
import static timbreflow.trainer.data.InstrumentFamily.MALLET;
import static timbreflow.trainer.data.InstrumentFamily.ORGAN;
import static timbreflow.trainer.data.InstrumentFamily.REED;
import static timbreflow.trainer.data.InstrumentFamily.STRING;
import static timbreflow.trainer.data.InstrumentFamily.SYNTH_LEAD;
import static timbreflow.trainer.data.InstrumentFamily.VOCAL;
import static timbreflow.trainer.data.InstrumentSource.ACOUSTIC;
import static timbreflow.trainer.data.InstrumentSource.ELECTRONIC;
import static timbreflow.trainer.data.InstrumentSource.SYNTHETIC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * The General MIDI program → NSynth family and source map used by the SoundFont renderer.
 *
 * <p>GM groups of eight programs map as NSynth would file the instrument:
 *
 * <table>
 *   <caption>GM programs and their NSynth family/source</caption>
 *   <tr><th>programs</th><th>GM group</th><th>family / source</th></tr>
 *   <tr><td>0–7</td><td>piano</td><td>keyboard; acoustic (0, 1, 3, 6), electronic (2, 4, 5, 7)</td></tr>
 *   <tr><td>8–15</td><td>chromatic percussion</td><td>mallet / acoustic</td></tr>
 *   <tr><td>16–20</td><td>organ</td><td>organ; electronic (16–18), acoustic (19 church, 20 reed organ)</td></tr>
 *   <tr><td>21–23</td><td>accordion, harmonica, tango accordion</td><td>reed / acoustic (free reeds)</td></tr>
 *   <tr><td>24–31</td><td>guitar</td><td>guitar; acoustic (24, 25), electronic (26–31)</td></tr>
 *   <tr><td>32–39</td><td>bass</td><td>bass; acoustic (32), electronic (33–37), synthetic (38, 39)</td></tr>
 *   <tr><td>40–46</td><td>strings, pizzicato, harp</td><td>string / acoustic</td></tr>
 *   <tr><td>47</td><td>timpani</td><td>excluded (drum)</td></tr>
 *   <tr><td>48–51</td><td>string ensembles</td><td>string; acoustic (48, 49), synthetic (50, 51)</td></tr>
 *   <tr><td>52–54</td><td>choir, voice, synth voice</td><td>vocal; acoustic (52, 53), synthetic (54)</td></tr>
 *   <tr><td>55</td><td>orchestra hit</td><td>excluded (effect)</td></tr>
 *   <tr><td>56–63</td><td>brass</td><td>brass; acoustic (56–61), synthetic (62, 63)</td></tr>
 *   <tr><td>64–71</td><td>reed</td><td>reed / acoustic</td></tr>
 *   <tr><td>72–79</td><td>pipe</td><td>flute / acoustic</td></tr>
 *   <tr><td>80–87</td><td>synth lead</td><td>synth_lead / synthetic</td></tr>
 *   <tr><td>88–95</td><td>synth pad</td><td>excluded (no NSynth family; slow evolving textures)</td></tr>
 *   <tr><td>96–103</td><td>synth effects</td><td>excluded (effects)</td></tr>
 *   <tr><td>104–107</td><td>sitar, banjo, shamisen, koto</td><td>guitar / acoustic (plucked strings)</td></tr>
 *   <tr><td>108</td><td>kalimba</td><td>mallet / acoustic</td></tr>
 *   <tr><td>109, 111</td><td>bagpipe, shanai</td><td>reed / acoustic</td></tr>
 *   <tr><td>110</td><td>fiddle</td><td>string / acoustic</td></tr>
 *   <tr><td>112, 114</td><td>tinkle bell, steel drums</td><td>mallet / acoustic (pitched)</td></tr>
 *   <tr><td>113, 115–119</td><td>agogo, woodblock, taiko, toms, synth drum, reverse cymbal</td>
 *       <td>excluded (unpitched percussion)</td></tr>
 *   <tr><td>120–127</td><td>sound effects</td><td>excluded (effects)</td></tr>
 * </table>
 *
 * <p>Every family has at least one program; 96 programs are mapped and 32 excluded.
 */
public final class GeneralMidiFamilies {

  private static final String[] GM_NAMES = {
    "Acoustic Grand Piano",
    "Bright Acoustic Piano",
    "Electric Grand Piano",
    "Honky-tonk Piano",
    "Electric Piano 1",
    "Electric Piano 2",
    "Harpsichord",
    "Clavinet",
    "Celesta",
    "Glockenspiel",
    "Music Box",
    "Vibraphone",
    "Marimba",
    "Xylophone",
    "Tubular Bells",
    "Dulcimer",
    "Drawbar Organ",
    "Percussive Organ",
    "Rock Organ",
    "Church Organ",
    "Reed Organ",
    "Accordion",
    "Harmonica",
    "Tango Accordion",
    "Acoustic Guitar (nylon)",
    "Acoustic Guitar (steel)",
    "Electric Guitar (jazz)",
    "Electric Guitar (clean)",
    "Electric Guitar (muted)",
    "Overdriven Guitar",
    "Distortion Guitar",
    "Guitar Harmonics",
    "Acoustic Bass",
    "Electric Bass (finger)",
    "Electric Bass (pick)",
    "Fretless Bass",
    "Slap Bass 1",
    "Slap Bass 2",
    "Synth Bass 1",
    "Synth Bass 2",
    "Violin",
    "Viola",
    "Cello",
    "Contrabass",
    "Tremolo Strings",
    "Pizzicato Strings",
    "Orchestral Harp",
    "Timpani",
    "String Ensemble 1",
    "String Ensemble 2",
    "Synth Strings 1",
    "Synth Strings 2",
    "Choir Aahs",
    "Voice Oohs",
    "Synth Voice",
    "Orchestra Hit",
    "Trumpet",
    "Trombone",
    "Tuba",
    "Muted Trumpet",
    "French Horn",
    "Brass Section",
    "Synth Brass 1",
    "Synth Brass 2",
    "Soprano Sax",
    "Alto Sax",
    "Tenor Sax",
    "Baritone Sax",
    "Oboe",
    "English Horn",
    "Bassoon",
    "Clarinet",
    "Piccolo",
    "Flute",
    "Recorder",
    "Pan Flute",
    "Blown Bottle",
    "Shakuhachi",
    "Whistle",
    "Ocarina",
    "Lead 1 (square)",
    "Lead 2 (sawtooth)",
    "Lead 3 (calliope)",
    "Lead 4 (chiff)",
    "Lead 5 (charang)",
    "Lead 6 (voice)",
    "Lead 7 (fifths)",
    "Lead 8 (bass + lead)",
    "Pad 1 (new age)",
    "Pad 2 (warm)",
    "Pad 3 (polysynth)",
    "Pad 4 (choir)",
    "Pad 5 (bowed)",
    "Pad 6 (metallic)",
    "Pad 7 (halo)",
    "Pad 8 (sweep)",
    "FX 1 (rain)",
    "FX 2 (soundtrack)",
    "FX 3 (crystal)",
    "FX 4 (atmosphere)",
    "FX 5 (brightness)",
    "FX 6 (goblins)",
    "FX 7 (echoes)",
    "FX 8 (sci-fi)",
    "Sitar",
    "Banjo",
    "Shamisen",
    "Koto",
    "Kalimba",
    "Bagpipe",
    "Fiddle",
    "Shanai",
    "Tinkle Bell",
    "Agogo",
    "Steel Drums",
    "Woodblock",
    "Taiko Drum",
    "Melodic Tom",
    "Synth Drum",
    "Reverse Cymbal",
    "Guitar Fret Noise",
    "Breath Noise",
    "Seashore",
    "Bird Tweet",
    "Telephone Ring",
    "Helicopter",
    "Applause",
    "Gunshot"
  };

  private static final List<ProgramClass> TABLE = buildTable();

  private GeneralMidiFamilies() {}

  /** The decision for one program, 0–127. */
  public static ProgramClass of(int program) {
    if (program < 0 || program > 127) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, "expected a General MIDI program 0–127, found " + program);
    }
    return TABLE.get(program);
  }

  /** All 128 decisions in program order. */
  public static List<ProgramClass> all() {
    return TABLE;
  }

  private static List<ProgramClass> buildTable() {
    List<ProgramClass> table = new ArrayList<>(128);
    for (int p = 0; p < 128; p++) {
      table.add(classify(p));
    }
    return Collections.unmodifiableList(table);
  }

  private static ProgramClass classify(int p) {
    int group = p / 8;
    switch (group) {
      case 0:
        return map(p, KEYBOARD, p == 0 || p == 1 || p == 3 || p == 6 ? ACOUSTIC : ELECTRONIC);
      case 1:
        return map(p, MALLET, ACOUSTIC);
      case 2:
        if (p <= 18) {
          return map(p, ORGAN, ELECTRONIC);
        }
        return p <= 20 ? map(p, ORGAN, ACOUSTIC) : map(p, REED, ACOUSTIC);
      case 3:
        return map(p, GUITAR, p <= 25 ? ACOUSTIC : ELECTRONIC);
      case 4:
        return map(p, BASS, p == 32 ? ACOUSTIC : p <= 37 ? ELECTRONIC : SYNTHETIC);
      case 5:
        return p == 47 ? exclude(p, "drum: timpani is percussive") : map(p, STRING, ACOUSTIC);
      case 6:
        if (p <= 51) {
          return map(p, STRING, p <= 49 ? ACOUSTIC : SYNTHETIC);
        }
        if (p <= 54) {
          return map(p, VOCAL, p <= 53 ? ACOUSTIC : SYNTHETIC);
        }
        return exclude(p, "effect: orchestra hit");
      case 7:
        return map(p, BRASS, p <= 61 ? ACOUSTIC : SYNTHETIC);
      case 8:
        return map(p, REED, ACOUSTIC);
      case 9:
        return map(p, FLUTE, ACOUSTIC);
      case 10:
        return map(p, SYNTH_LEAD, SYNTHETIC);
      case 11:
        return exclude(p, "synth pad: no NSynth family");
      case 12:
        return exclude(p, "synth effect");
      case 13:
        return ethnic(p);
      case 14:
        return p == 112 || p == 114
            ? map(p, MALLET, ACOUSTIC)
            : exclude(p, "percussive: unpitched");
      default:
        return exclude(p, "sound effect");
    }
  }

  private static ProgramClass ethnic(int p) {
    if (p <= 107) {
      return map(p, GUITAR, ACOUSTIC);
    }
    if (p == 108) {
      return map(p, MALLET, ACOUSTIC);
    }
    return p == 110 ? map(p, STRING, ACOUSTIC) : map(p, REED, ACOUSTIC);
  }

  private static ProgramClass map(int p, InstrumentFamily family, InstrumentSource source) {
    return new ProgramClass(
        p, GM_NAMES[p], Optional.of(family), Optional.of(source), Optional.empty());
  }

  private static ProgramClass exclude(int p, String why) {
    return new ProgramClass(p, GM_NAMES[p], Optional.empty(), Optional.empty(), Optional.of(why));
  }
}
