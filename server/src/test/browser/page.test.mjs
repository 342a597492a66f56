// Browser test of the timbreflow web page: headless Debian Chromium driven by playwright-core.
// Usage: BASE_URL=http://127.0.0.1:PORT/ node page.test.mjs
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
if (!base) {
  console.error('BASE_URL is not set');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

function fail(message) {
  throw new Error(message);
}

// Reads the first bytes of a blob: URL inside the page.
async function magic(page, selector) {
  return page.$eval(selector, async (el) => {
    const bytes = new Uint8Array(await (await fetch(el.src)).arrayBuffer());
    return { length: bytes.length, head: Array.from(bytes.slice(0, 12)) };
  });
}

let status = 0;
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(base, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const examples = await page.$$eval('#example-select option', (os) => os.length);
  if (examples < 1) fail('no example notes in the picker');

  await page.fill('#iterations', '16');
  await page.click('#reconstruct-button');
  // A playable WAV: the element parsed its metadata and knows a positive duration.
  await page.waitForFunction(() => {
    const a = document.getElementById('reconstruct-audio');
    return a.src.startsWith('blob:') && a.readyState >= 1 && a.duration > 0;
  }, null, { timeout: 60_000 });
  const duration = await page.$eval('#reconstruct-audio', (a) => a.duration);
  const wav = await magic(page, '#reconstruct-audio');
  const text = (bytes) => String.fromCharCode(...bytes);
  if (text(wav.head.slice(0, 4)) !== 'RIFF' || text(wav.head.slice(8, 12)) !== 'WAVE') fail('audio is not a WAV: ' + wav.head);
  if (Math.abs(duration - 4.0) > 0.05) fail('expected a 4 s note, found ' + duration + ' s');

  await page.waitForFunction(() => {
    const img = document.getElementById('reconstruct-image');
    return img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 30_000 });
  const png = await magic(page, '#reconstruct-image');
  const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (pngSignature.some((b, i) => png.head[i] !== b)) fail('image is not a PNG: ' + png.head);
  const size = await page.$eval('#reconstruct-image', (img) => [img.naturalWidth, img.naturalHeight]);

  const shownError = await page.textContent('#error');
  if (shownError && shownError.trim()) fail('the page shows an error: ' + shownError);
  if (consoleErrors.length) fail('page errors: ' + consoleErrors.join('; '));
  console.log(`browser test passed: ${examples} examples, WAV ${wav.length} bytes (${duration.toFixed(2)} s), PNG ${size[0]}x${size[1]}`);
} catch (e) {
  console.error('browser test FAILED: ' + e.message);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
