package timbreflow.exporter.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import timbreflow.runtime.onnx.TensorSpec;

/**
 * Builds one ONNX graph from {@code ai.onnx.proto.OnnxMl} protobuf messages: typed inputs and
 * outputs with symbolic {@code batch}/{@code frames} dimensions, initializers (little-endian {@code
 * raw_data}), and nodes with unique generated value names.
 *
 * <p>Tribuo's {@code ONNXContext} is not used for the graph itself because it declares only float
 * inputs of fixed width and knows none of the convolution ops; its generated schema classes are.
 */
public final class GraphBuilder {

  /** IR version 8 goes with opsets up to 17 and is read by onnx ≥ 1.10 and every current ORT. */
  static final long IR_VERSION = 8;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();
  private int counter;

  /** A builder for a graph called {@code name}. */
  public GraphBuilder(String name) {
    graph.setName(name);
  }

  /** Declares a graph input and returns its value name. */
  public String input(TensorSpec spec) {
    claim(spec.name());
    graph.addInput(valueInfo(spec));
    return spec.name();
  }

  /** Declares a graph output; some node must write the value {@code spec.name()}. */
  public void output(TensorSpec spec) {
    graph.addOutput(valueInfo(spec));
  }

  /** A float32 initializer of the given shape; returns its value name. */
  public String floats(String hint, float[] data, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    return initializer(hint, TensorProto.DataType.FLOAT, buf.array(), dims);
  }

  /** An int64 initializer of the given shape; returns its value name. */
  public String longs(String hint, long[] data, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asLongBuffer().put(data);
    return initializer(hint, TensorProto.DataType.INT64, buf.array(), dims);
  }

  /** A float32 scalar initializer. */
  public String scalar(String hint, float value) {
    return floats(hint, new float[] {value});
  }

  /** A 1-D int64 initializer. */
  public String vector(String hint, long... values) {
    return longs(hint, values, values.length);
  }

  /** Adds a one-output node and returns the output's generated value name. */
  public String op(String opType, String[] inputs, Attr... attrs) {
    return node(opType, inputs, new String[] {fresh(opType.toLowerCase())}, attrs)[0];
  }

  /** Adds a one-output node writing to {@code output} (a graph output name). */
  public void opInto(String output, String opType, String[] inputs, Attr... attrs) {
    claim(output);
    node(opType, inputs, new String[] {output}, attrs);
  }

  /** Adds a node with {@code outputs} generated outputs and returns their value names. */
  public String[] ops(String opType, int outputs, String[] inputs, Attr... attrs) {
    String[] out = new String[outputs];
    for (int i = 0; i < outputs; i++) {
      out[i] = fresh(opType.toLowerCase());
    }
    return node(opType, inputs, out, attrs);
  }

  /** The finished model: this graph, the default-domain opset, producer and metadata. */
  public ModelProto build(
      int opset, String producer, String producerVersion, Map<String, String> metadata) {
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName(producer)
            .setProducerVersion(producerVersion)
            .setDomain("io.timbreflow")
            .setModelVersion(1)
            .setGraph(graph.build())
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  private String[] node(String opType, String[] inputs, String[] outputs, Attr... attrs) {
    NodeProto.Builder node =
        NodeProto.newBuilder().setOpType(opType).setName(fresh(opType + "_node"));
    for (String in : inputs) {
      node.addInput(in);
    }
    for (String out : outputs) {
      node.addOutput(out);
    }
    for (Attr a : attrs) {
      node.addAttribute(a.proto());
    }
    graph.addNode(node);
    return outputs;
  }

  private String initializer(String hint, TensorProto.DataType type, byte[] raw, long... dims) {
    String name = fresh(hint);
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(type.getNumber())
            .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  private String fresh(String hint) {
    String name = hint;
    while (names.contains(name)) {
      name = hint + "_" + (++counter);
    }
    names.add(name);
    return name;
  }

  private void claim(String name) {
    if (!names.add(name)) {
      throw new IllegalStateException("value name " + name + " is already used in the graph");
    }
  }

  private static ValueInfoProto valueInfo(TensorSpec spec) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    long[] dims = spec.shape();
    for (int i = 0; i < dims.length; i++) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dims[i] >= 0) {
        d.setDimValue(dims[i]);
      } else {
        d.setDimParam(i == 0 ? "batch" : "frames");
      }
      shape.addDim(d);
    }
    int elem =
        (spec.dtype().equals(TensorSpec.FLOAT32)
                ? TensorProto.DataType.FLOAT
                : TensorProto.DataType.INT64)
            .getNumber();
    return ValueInfoProto.newBuilder()
        .setName(spec.name())
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elem).setShape(shape)))
        .build();
  }

  /** One node attribute. */
  public record Attr(AttributeProto proto) {

    /** An integer attribute. */
    public static Attr i(String name, long value) {
      return new Attr(
          AttributeProto.newBuilder()
              .setName(name)
              .setType(AttributeProto.AttributeType.INT)
              .setI(value)
              .build());
    }

    /** A float attribute. */
    public static Attr f(String name, float value) {
      return new Attr(
          AttributeProto.newBuilder()
              .setName(name)
              .setType(AttributeProto.AttributeType.FLOAT)
              .setF(value)
              .build());
    }

    /** An integer-list attribute. */
    public static Attr ints(String name, long... values) {
      AttributeProto.Builder b =
          AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
      for (long v : values) {
        b.addInts(v);
      }
      return new Attr(b.build());
    }
  }
}
