package timbreflow.trainer.report;

import java.util.List;
import java.util.Locale;

/** Markdown being written: headings, formatted lines, embedded figures and audio links. */
final class MarkdownText {

  private final StringBuilder md = new StringBuilder();

  void heading(String title) {
    md.append("## ").append(title).append("\n\n");
  }

  /** A line, {@link String#format} in the root locale when there are arguments. */
  void line(String format, Object... args) {
    md.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
  }

  void blank() {
    md.append('\n');
  }

  /** Each figure embedded, its caption in italics below. */
  void figures(List<ReportFile> files) {
    for (ReportFile f : files) {
      line("![%s](%s)", f.caption().replace("]", ")").replace("[", "("), f.path());
      blank();
      line("*%s*", f.caption());
      blank();
    }
  }

  /** A bullet list of audio links with captions; nothing when there is none. */
  void audio(List<ReportFile> files) {
    if (files.isEmpty()) {
      return;
    }
    line("Audio:");
    blank();
    for (ReportFile f : files) {
      line(
          "- [%s](%s): %s",
          f.path().substring(f.path().lastIndexOf('/') + 1), f.path(), f.caption());
    }
    blank();
  }

  @Override
  public String toString() {
    return md.toString();
  }
}
