// timbreflow web page: plain JS over the /v1 API, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const notes = new Map(); // name -> Blob (examples and uploads)
let model = null;

function showError(message) {
  $('error').textContent = message || '';
}

async function check(response) {
  if (response.ok) return response;
  let message = response.status + ' ' + response.statusText;
  try {
    const body = await response.json();
    message = body.error && body.error.message ? body.error.message : JSON.stringify(body);
  } catch (e) { /* not JSON: keep the status line */ }
  throw new Error(message);
}

function setMedia(element, blob) {
  if (element.src && element.src.startsWith('blob:')) URL.revokeObjectURL(element.src);
  element.src = URL.createObjectURL(blob);
}

async function spectrogramOf(wavBlob, image) {
  const response = await check(await fetch('/v1/spectrogram', { method: 'POST', body: wavBlob, headers: { 'Content-Type': 'audio/wav' } }));
  setMedia(image, await response.blob());
}

function stats(response) {
  const parts = [];
  const bpd = response.headers.get('X-Bits-Per-Dim');
  if (bpd) parts.push('bits/dim ' + bpd);
  const sc = response.headers.get('X-Spectral-Convergence-Db');
  if (sc) parts.push('spectral convergence ' + sc + ' dB');
  const stages = response.headers.get('X-Stage-Millis');
  if (stages) parts.push('ms: ' + stages.replaceAll(';', ' '));
  return parts.join(' · ');
}

function gl() {
  const iterations = Math.max(1, parseInt($('iterations').value, 10) || 100);
  return 'iterations=' + iterations;
}

async function run(button, statsEl, audioEl, imageEl, request) {
  showError('');
  button.disabled = true;
  statsEl.textContent = 'working…';
  try {
    const response = await check(await request());
    const wav = await response.blob();
    statsEl.textContent = stats(response);
    setMedia(audioEl, wav);
    await spectrogramOf(wav, imageEl);
  } catch (e) {
    statsEl.textContent = '';
    showError(e.message);
  } finally {
    button.disabled = false;
  }
}

function refreshSelects() {
  for (const id of ['example-select', 'interp-a', 'interp-b']) {
    const select = $(id);
    const previous = select.value;
    select.innerHTML = '';
    for (const name of notes.keys()) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    }
    if (notes.has(previous)) select.value = previous;
  }
  if ($('interp-b').options.length > 1 && $('interp-b').selectedIndex === 0 && $('interp-a').selectedIndex === 0) {
    $('interp-b').selectedIndex = 1;
  }
}

async function chooseSource(name) {
  const blob = notes.get(name);
  if (!blob) return;
  setMedia($('source-audio'), blob);
  try {
    await spectrogramOf(blob, $('source-image'));
  } catch (e) {
    showError(e.message);
  }
}

async function init() {
  for (const [slider, out] of [['noise', 'noise-value'], ['alpha', 'alpha-value'], ['temperature', 'temperature-value']]) {
    $(slider).addEventListener('input', () => { $(out).textContent = $(slider).value; });
  }
  model = await (await check(await fetch('/v1/model'))).json();
  $('model-info').textContent = 'families: ' + model.families.join(', ') + ' · pitch ' + model.pitch.min + '–' + model.pitch.max +
    ' · ' + model.stft.sampleRate + ' Hz, ' + model.stft.bins + ' bins × ' + model.stft.frames + ' frames';
  $('pitch').min = model.pitch.min;
  $('pitch').max = model.pitch.max;
  $('pitch').value = Math.min(model.pitch.max, Math.max(model.pitch.min, 60));
  for (const f of model.families) {
    const option = document.createElement('option');
    option.value = f;
    option.textContent = f;
    $('family').appendChild(option);
  }
  const listing = await (await check(await fetch('/v1/examples'))).json();
  for (const example of listing.examples) {
    const response = await check(await fetch(example.url));
    notes.set(example.name, await response.blob());
  }
  refreshSelects();
  $('example-select').addEventListener('change', () => chooseSource($('example-select').value));
  $('upload').addEventListener('change', () => {
    const file = $('upload').files[0];
    if (!file) return;
    notes.set('upload: ' + file.name, file);
    refreshSelects();
    $('example-select').value = 'upload: ' + file.name;
    chooseSource($('example-select').value);
  });
  if (notes.size > 0) await chooseSource($('example-select').value);

  // An example named after its family ("organ-c3") is encoded under that family: a conditional
  // flow (bundle format 2) encodes, perturbs and interpolates under the note's condition.
  const familyOf = (name) => {
    const stem = name.split('-')[0];
    return model.families.includes(stem) ? stem : null;
  };
  const familyParam = (name, key) => {
    const family = familyOf(name);
    return family ? '&' + key + '=' + encodeURIComponent(family) : '';
  };
  $('reconstruct-button').addEventListener('click', () => {
    const name = $('example-select').value;
    const source = notes.get(name);
    if (!source) { showError('pick or upload a note first'); return; }
    run($('reconstruct-button'), $('reconstruct-stats'), $('reconstruct-audio'), $('reconstruct-image'), () =>
      fetch('/v1/reconstruct?' + gl() + '&noise=' + $('noise').value + familyParam(name, 'family'),
        { method: 'POST', body: source, headers: { 'Content-Type': 'audio/wav' } }));
  });
  $('interpolate-button').addEventListener('click', () => {
    const a = notes.get($('interp-a').value);
    const b = notes.get($('interp-b').value);
    if (!a || !b) { showError('pick two notes first'); return; }
    const form = new FormData();
    form.append('a', a, 'a.wav');
    form.append('b', b, 'b.wav');
    const families = familyParam($('interp-a').value, 'family_a') + familyParam($('interp-b').value, 'family_b');
    run($('interpolate-button'), $('interpolate-stats'), $('interpolate-audio'), $('interpolate-image'), () =>
      fetch('/v1/interpolate?' + gl() + '&alpha=' + $('alpha').value + families, { method: 'POST', body: form }));
  });
  $('sample-button').addEventListener('click', () => {
    const query = new URLSearchParams({
      pitch: $('pitch').value, family: $('family').value, temperature: $('temperature').value, seed: $('seed').value,
    });
    run($('sample-button'), $('sample-stats'), $('sample-audio'), $('sample-image'), () =>
      fetch('/v1/sample?' + gl() + '&' + query.toString()));
  });
  document.body.dataset.ready = 'true';
}

init().catch((e) => showError('cannot load the model description: ' + e.message));
