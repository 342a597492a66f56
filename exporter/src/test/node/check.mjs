// Cross-runtime check: runs a bundle's graphs under onnxruntime-node on the inputs ONNX Runtime
// Java was given and compares the outputs with Java's, element by element.
//
// usage: node check.mjs CASES.json
// CASES.json: { "bundle": DIR, "tolerance": 1e-4,
//               "runs": [ { "graph": "encoder", "inputs": { name: file.npy }, "outputs": { name: file.npy } } ] }
// .npy files are relative to CASES.json's directory. Exit 0 when every output is within tolerance.
//
// The bundle's format comes from model.json's format_version: format 1 (unconditional flow) feeds
// int64 pitch [B] and family [B] to the encoder and prior only; format 2 (conditional flow) feeds
// float32 pitch [B] and family weights [B, F] to all three graphs, the decoder included. Every run's
// feeds are checked against the graph's inputs as model.json and the session declare them (names,
// element types, shapes) before anything runs, so a case written for the wrong format fails loudly.
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
const format = manifest.format_version;
const families = manifest.families.length;
// the graphs that take the condition, and how, per bundle format
const CONDITIONS = {
  1: { graphs: ["encoder", "prior"], type: "int64", familyShape: [-1] },
  2: { graphs: ["encoder", "decoder", "prior"], type: "float32", familyShape: [-1, families] },
};
const conditions = CONDITIONS[format];
if (!conditions) throw new Error(`model.json: expected format_version 1 or 2, found ${format}`);
console.log(
  `bundle format ${format}: ${conditions.graphs.join(", ")} take ${conditions.type} pitch [B]` +
    ` and family ${JSON.stringify(conditions.familyShape)}`,
);

function sameShape(declared, actual) {
  return declared.length === actual.length && declared.every((d, i) => d === -1 || d === actual[i]);
}

// Checks a run's feeds against the graph's declared inputs and the format's condition inputs.
function checkFeeds(run, spec, session, feeds) {
  const declared = spec.inputs.map((i) => i.name);
  if (JSON.stringify(declared) !== JSON.stringify(session.inputNames)) {
    throw new Error(`${run.graph}: model.json declares inputs ${declared}, the graph ${session.inputNames}`);
  }
  const given = Object.keys(feeds).sort();
  if (JSON.stringify(given) !== JSON.stringify([...declared].sort())) {
    throw new Error(`${run.graph}: expected inputs ${declared} (format ${format}), found ${given}`);
  }
  for (const input of spec.inputs) {
    const t = feeds[input.name];
    if (t.type !== input.dtype || !sameShape(input.shape, t.dims)) {
      throw new Error(
        `${run.graph}.${input.name}: expected ${input.dtype} ${JSON.stringify(input.shape)},` +
          ` found ${t.type} ${JSON.stringify(t.dims)}`,
      );
    }
  }
  const conditioned = conditions.graphs.includes(run.graph);
  for (const name of ["pitch", "family"]) {
    const input = spec.inputs.find((i) => i.name === name);
    if (conditioned !== Boolean(input)) {
      throw new Error(
        `${run.graph}: a format-${format} ${run.graph} ${conditioned ? "takes" : "takes no"} ${name},` +
          ` model.json ${input ? "declares one" : "declares none"}`,
      );
    }
    const shape = name === "pitch" ? [-1] : conditions.familyShape;
    if (input && (input.dtype !== conditions.type || JSON.stringify(input.shape) !== JSON.stringify(shape))) {
      throw new Error(
        `${run.graph}.${name}: format ${format} expects ${conditions.type} ${JSON.stringify(shape)},` +
          ` model.json declares ${input.dtype} ${JSON.stringify(input.shape)}`,
      );
    }
  }
}

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
  checkFeeds(run, spec, sessions[run.graph], feeds);
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
console.log(
  `onnxruntime-node ${ort.env.versions?.common ?? ""}: format ${format}, ${compared} values compared,` +
    ` ${failures} failing`,
);
process.exit(failures === 0 ? 0 : 1);
