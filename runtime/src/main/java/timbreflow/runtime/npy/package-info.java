/**
 * Tensors on disk in NumPy's {@code .npy} format (versions 1 and 2, little-endian, C order), the
 * lingua franca the cross-runtime checks use to pass inputs and outputs between Java, Python and
 * Node.js: {@link timbreflow.runtime.npy.Npy} reads and writes, {@link
 * timbreflow.runtime.npy.NpyArray} holds one array with its shape.
 */
package timbreflow.runtime.npy;
