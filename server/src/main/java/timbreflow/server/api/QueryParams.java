package timbreflow.server.api;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * Typed, range-checked access to query parameters; every failure is a 400 naming the parameter,
 * what was expected and what was found.
 */
public final class QueryParams {

  private final RoutingContext ctx;

  public QueryParams(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /** The raw value of {@code name}, if present and not blank. */
  public Optional<String> string(String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty() || values.get(0).isBlank()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw ApiError.badField(name, "one value", values.size() + " values");
    }
    return Optional.of(values.get(0).trim());
  }

  /** An integer in {@code [min, max]}, if present. */
  public Optional<Integer> integer(String name, int min, int max) {
    return string(name).map(raw -> parseInt(name, raw, min, max));
  }

  /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
  public int integer(String name, int min, int max, int fallback) {
    return integer(name, min, max).orElse(fallback);
  }

  /** A long in {@code [min, max]}, or {@code fallback} when absent. */
  public long longValue(String name, long min, long max, long fallback) {
    return string(name)
        .map(
            raw -> {
              long v;
              try {
                v = Long.parseLong(raw);
              } catch (NumberFormatException e) {
                throw ApiError.badField(name, "an integer", quote(raw));
              }
              if (v < min || v > max) {
                throw ApiError.badField(name, "an integer in [" + min + ", " + max + "]", v);
              }
              return v;
            })
        .orElse(fallback);
  }

  /** A finite number in {@code [min, max]}, if present. */
  public Optional<Double> number(String name, double min, double max) {
    return string(name)
        .map(
            raw -> {
              double v;
              try {
                v = Double.parseDouble(raw);
              } catch (NumberFormatException e) {
                throw ApiError.badField(name, "a number", quote(raw));
              }
              if (!Double.isFinite(v) || v < min || v > max) {
                throw ApiError.badField(name, "a number in [" + min + ", " + max + "]", raw);
              }
              return v;
            });
  }

  /** A finite number in {@code [min, max]}, or {@code fallback} when absent. */
  public double number(String name, double min, double max, double fallback) {
    return number(name, min, max).orElse(fallback);
  }

  static int parseInt(String name, String raw, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badField(name, "an integer", quote(raw));
    }
    if (v < min || v > max) {
      throw ApiError.badField(name, "an integer in [" + min + ", " + max + "]", v);
    }
    return v;
  }

  static String quote(String raw) {
    String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    return "\"" + shown + "\"";
  }
}
