/**
 * The runtime module: audio I/O ({@code audio}), spectral DSP ({@code dsp}), tensors on disk
 * ({@code npy}), the ONNX Runtime model bundle ({@code onnx}) and the command line ({@code cli}).
 * It has no DJL dependency, so it can run alone on an edge box; the trainer uses the same feature
 * code so what is served is exactly what was trained.
 */
package timbreflow.runtime;
