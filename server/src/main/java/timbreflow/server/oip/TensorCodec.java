package timbreflow.server.oip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import timbreflow.server.api.ApiError;
import timbreflow.server.engine.GraphSignature;
import timbreflow.server.engine.OipTensorSpec;
import timbreflow.server.engine.Tensor;

/**
 * Reads Open Inference Protocol JSON requests, checking every tensor against a graph's signature
 * (names, datatypes, ranks, fixed dimensions, element counts, finite values), and writes responses.
 */
public final class TensorCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private TensorCodec() {}

  /** Parses and checks a request body for {@code graph}; every problem is a 400. */
  public static InferRequest read(byte[] body, GraphSignature graph) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw bad(
          "expected a JSON inference request, found malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw bad("expected a JSON object with \"inputs\", found " + kind(root));
    }
    String id = null;
    if (root.has("id")) {
      if (!root.get("id").isTextual()) {
        throw bad("id: expected a string, found " + kind(root.get("id")));
      }
      id = root.get("id").asText();
    }
    JsonNode inputs = root.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw bad("inputs: expected an array of tensors, found " + kind(inputs));
    }
    Map<String, OipTensorSpec> specs =
        graph.inputs().stream().collect(Collectors.toMap(OipTensorSpec::name, Function.identity()));
    Map<String, Tensor> byName = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      Tensor t = readTensor(inputs.get(i), "inputs[" + i + "]", specs, graph.name());
      if (byName.put(t.name(), t) != null) {
        throw bad("inputs: expected each input once, found \"" + t.name() + "\" twice");
      }
    }
    List<Tensor> ordered = new ArrayList<>();
    for (OipTensorSpec spec : graph.inputs()) {
      Tensor t = byName.get(spec.name());
      if (t == null) {
        throw bad(
            "inputs: expected "
                + graph.inputs().stream().map(OipTensorSpec::name).toList()
                + ", found no \""
                + spec.name()
                + "\"");
      }
      ordered.add(t);
    }
    return new InferRequest(id, ordered, readOutputs(root.get("outputs"), graph));
  }

  /** Writes a response: model name and version, the echoed id, and the tensors. */
  public static byte[] write(String model, String id, List<Tensor> outputs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model_name", model);
      g.writeStringField("model_version", "1");
      if (id != null) {
        g.writeStringField("id", id);
      }
      g.writeArrayFieldStart("outputs");
      for (Tensor t : outputs) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("datatype", t.datatype());
        g.writeArrayFieldStart("shape");
        for (long d : t.shape()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data");
        if (t.floats() != null) {
          for (float v : t.floats()) {
            g.writeNumber(v);
          }
        } else {
          for (long v : t.longs()) {
            g.writeNumber(v);
          }
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Tensor readTensor(
      JsonNode node, String where, Map<String, OipTensorSpec> specs, String graph) {
    if (node == null || !node.isObject()) {
      throw bad(where + ": expected a tensor object, found " + kind(node));
    }
    JsonNode nameNode = node.get("name");
    if (nameNode == null || !nameNode.isTextual()) {
      throw bad(where + ".name: expected a string, found " + kind(nameNode));
    }
    String name = nameNode.asText();
    OipTensorSpec spec = specs.get(name);
    if (spec == null) {
      throw bad(
          where
              + ".name: expected one of "
              + specs.keySet()
              + " for "
              + graph
              + ", found \""
              + name
              + "\"");
    }
    String at = where + " \"" + name + "\"";
    JsonNode typeNode = node.get("datatype");
    String datatype = typeNode == null ? null : typeNode.asText();
    if (!spec.datatype().equals(datatype)) {
      throw bad(
          at
              + ".datatype: expected "
              + spec.datatype()
              + ", found "
              + (datatype == null ? "none" : datatype));
    }
    if (node.has("parameters") && node.get("parameters").has("binary_data_size")) {
      throw bad(at + ": expected JSON data, found the binary tensor extension (not supported)");
    }
    long[] shape = readShape(node.get("shape"), at, spec);
    long elements;
    try {
      elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    } catch (ArithmeticException e) {
      throw bad(at + ".shape: expected a product below 2^31, found an overflow");
    }
    if (elements > Integer.MAX_VALUE - 8) {
      throw bad(at + ".shape: expected fewer than 2^31 elements, found " + elements);
    }
    List<JsonNode> flat = new ArrayList<>((int) Math.min(elements, 1 << 20));
    JsonNode data = node.get("data");
    if (data == null || !data.isArray()) {
      throw bad(at + ".data: expected an array, found " + kind(data));
    }
    flatten(data, flat);
    if (flat.size() != elements) {
      throw bad(
          at
              + ".data: expected "
              + elements
              + " values for shape "
              + Arrays.toString(shape)
              + ", found "
              + flat.size());
    }
    if (spec.datatype().equals("FP32")) {
      float[] values = new float[flat.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode v = flat.get(i);
        if (!v.isNumber()) {
          throw bad(at + ".data[" + i + "]: expected a number, found " + kind(v));
        }
        float f = (float) v.asDouble();
        if (!Float.isFinite(f)) {
          throw bad(at + ".data[" + i + "]: expected a finite FP32 value, found " + v.asText());
        }
        values[i] = f;
      }
      return Tensor.fp32(name, shape, values);
    }
    long[] values = new long[flat.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = flat.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw bad(at + ".data[" + i + "]: expected an INT64 integer, found " + v.asText());
      }
      values[i] = v.asLong();
    }
    return Tensor.int64(name, shape, values);
  }

  private static long[] readShape(JsonNode node, String at, OipTensorSpec spec) {
    if (node == null || !node.isArray()) {
      throw bad(at + ".shape: expected an array of dimensions, found " + kind(node));
    }
    long[] expected = spec.shape();
    if (node.size() != expected.length) {
      throw bad(
          at
              + ".shape: expected rank "
              + expected.length
              + " "
              + describe(expected)
              + ", found rank "
              + node.size()
              + " "
              + node);
    }
    long[] shape = new long[node.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = node.get(i);
      if (!d.isIntegralNumber() || d.asLong() < 0) {
        throw bad(at + ".shape[" + i + "]: expected a non-negative integer, found " + d);
      }
      shape[i] = d.asLong();
      if (expected[i] >= 0 && shape[i] != expected[i]) {
        throw bad(
            at
                + ".shape["
                + i
                + "]: expected "
                + expected[i]
                + " "
                + describe(expected)
                + ", found "
                + shape[i]);
      }
    }
    return shape;
  }

  private static List<String> readOutputs(JsonNode node, GraphSignature graph) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad("outputs: expected an array of {\"name\": …}, found " + kind(node));
    }
    Set<String> valid = new HashSet<>();
    graph.outputs().forEach(o -> valid.add(o.name()));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode name = node.get(i).get("name");
      if (name == null || !valid.contains(name.asText())) {
        throw bad(
            "outputs["
                + i
                + "].name: expected one of "
                + valid
                + ", found "
                + (name == null ? "none" : "\"" + name.asText() + "\""));
      }
      names.add(name.asText());
    }
    return names;
  }

  private static void flatten(JsonNode node, List<JsonNode> into) {
    for (JsonNode child : node) {
      if (child.isArray()) {
        flatten(child, into);
      } else {
        into.add(child);
      }
    }
  }

  private static String describe(long[] shape) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "-1" : Long.toString(shape[i]));
    }
    return s.append("]").toString();
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return node.getNodeType().name().toLowerCase();
  }

  private static ApiError bad(String message) {
    return new ApiError(ApiError.Reason.INVALID_TENSOR, message);
  }
}
