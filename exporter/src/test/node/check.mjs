// Cross-runtime check: runs a bundle's graphs under onnxruntime-node on the inputs ONNX Runtime
// Java was given and compares the outputs with Java's, element by element.
//
// usage: node check.mjs CASES.json
// CASES.json: { "bundle": DIR, "tolerance": 1e-4,
//               "runs": [ { "graph": "encoder", "inputs": { name: file.npy }, "outputs": { name: file.npy } } ] }
// .npy files are relative to CASES.json's directory. Exit 0 when every output is within tolerance.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import ort from "onnxruntime-node";

function readNpy(file) {
  const buf = readFileSync(file);
  if (buf.readUInt8(0) !== 0x93 || buf.toString("latin1", 1, 6) !== "NUMPY") {
    throw new Error(`${file}: not a .npy file`);
  }
  const major = buf.readUInt8(6);
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString("latin1", start, start + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${file}: Fortran order`);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)[1];
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length).map(Number);
  const offset = start + headerLen;
  const bytes = buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + buf.length);
  if (descr === "<f4") return { type: "float32", shape, data: new Float32Array(bytes) };
  if (descr === "<i8") return { type: "int64", shape, data: new BigInt64Array(bytes) };
  throw new Error(`${file}: unsupported dtype ${descr}`);
}

const casesFile = process.argv[2];
const cases = JSON.parse(readFileSync(casesFile, "utf8"));
const base = dirname(casesFile);
const manifest = JSON.parse(readFileSync(join(cases.bundle, "model.json"), "utf8"));
const sessions = {};
let failures = 0;
let compared = 0;

for (const run of cases.runs) {
  const spec = manifest.graphs[run.graph];
  if (!sessions[run.graph]) {
    const bytes = readFileSync(join(cases.bundle, spec.file));
    const sha = createHash("sha256").update(bytes).digest("hex");
    if (sha !== spec.sha256) throw new Error(`${spec.file}: sha256 ${sha}, model.json says ${spec.sha256}`);
    sessions[run.graph] = await ort.InferenceSession.create(bytes, { executionProviders: ["cpu"] });
  }
  const feeds = {};
  for (const [name, file] of Object.entries(run.inputs)) {
    const a = readNpy(join(base, file));
    feeds[name] = new ort.Tensor(a.type, a.data, a.shape);
  }
  const results = await sessions[run.graph].run(feeds);
  for (const [name, file] of Object.entries(run.outputs)) {
    const expected = readNpy(join(base, file));
    const found = results[name];
    if (!found) throw new Error(`${run.graph}: no output ${name}`);
    if (JSON.stringify(found.dims.map(Number)) !== JSON.stringify(expected.shape)) {
      console.log(`FAIL ${run.graph}.${name}: shape ${JSON.stringify(found.dims)} vs java ${JSON.stringify(expected.shape)}`);
      failures++;
      continue;
    }
    let worst = -1;
    let at = -1;
    for (let i = 0; i < expected.data.length; i++) {
      const d = Math.abs(found.data[i] - expected.data[i]);
      if (!(d <= worst) || Number.isNaN(d)) {
        worst = Number.isNaN(d) ? Infinity : d;
        at = i;
      }
    }
    compared += expected.data.length;
    const ok = worst <= cases.tolerance;
    if (!ok) failures++;
    console.log(
      `${ok ? "ok  " : "FAIL"} ${run.graph}.${name} ${JSON.stringify(expected.shape)} worst |java - node| ` +
        `${worst.toExponential(3)} at flat index ${at}: java ${expected.data[at]}, node ${found.data[at]}`,
    );
  }
}
console.log(`onnxruntime-node ${ort.env.versions?.common ?? ""}: ${compared} values compared, ${failures} failing`);
process.exit(failures === 0 ? 0 : 1);
