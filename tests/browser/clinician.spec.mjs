// Real-browser test of the clinician page: playwright-core drives the system Chromium headless.
// Usage: node clinician.spec.mjs <baseUrl> <clinicianToken> <twinId>
// Env: PRIMAGE_CHROMIUM (default /usr/bin/chromium), PRIMAGE_BROWSER_TIMEOUT_MS (default 120000).
// Steps: sign in, open the twin, see the chart with its 50% and 90% bands, post an observation
// through the API, and see the chart (one more point) and the forecast version change without a
// reload. Saves artifacts/clinician-before.png and artifacts/clinician-after.png; exits 1 on failure.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [baseUrl, token, twinId] = process.argv.slice(2);
if (!baseUrl || !token || !twinId) {
  console.error('usage: node clinician.spec.mjs <baseUrl> <token> <twinId>');
  process.exit(2);
}

const timeout = Number(process.env.PRIMAGE_BROWSER_TIMEOUT_MS ?? 120000);
const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
rmSync(artifacts, { recursive: true, force: true }); // screenshots of an earlier run must not pass for this one's
mkdirSync(artifacts, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'primage-chromium-'));
const log = (m) => console.log(`[browser] ${m}`);

// A fresh profile directory (Playwright passes it to Chromium as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.PRIMAGE_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(baseUrl)) external.push(r.url()); });
  let reloads = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) reloads++; });

  await page.goto(`${baseUrl}/clinician/`);
  await page.fill('#token', token);
  await page.click('#signin-button');
  await page.waitForSelector(`button[data-twin="${twinId}"]`, { timeout: 20000 });
  log('signed in; twin listed');
  await page.focus(`button[data-twin="${twinId}"]`);
  await page.keyboard.press('Enter'); // keyboard use: open the twin without the mouse
  await page.waitForSelector('#chart circle.obs-point', { timeout: 20000 });

  // The first forecast may still be computing: wait for a version, then for the bands.
  await page.waitForFunction(() => Number(document.getElementById('version').dataset.version) >= 1, null, { timeout });
  await page.waitForSelector('#chart path.band-90', { timeout: 20000 });
  await page.waitForSelector('#chart path.band-50', { timeout: 20000 });
  await page.waitForSelector('#chart path.median', { timeout: 20000 });
  await page.waitForSelector('#endpoints table tbody tr', { timeout: 20000 }); // endpoint probabilities by date
  // Two what-if plans were forecast before the page opened: their comparison shows paired probabilities.
  await page.waitForSelector('#scenario-compare table tbody tr', { timeout });
  const comparison = await page.evaluate(() => [...document.querySelectorAll('#scenario-compare table tbody tr td')].map((td) => td.textContent));
  if (!/^\d+%$/.test(comparison[1] ?? '')) throw new Error(`the scenario comparison shows no probability: ${JSON.stringify(comparison)}`);
  log(`scenario comparison: ${comparison.join(' | ')}`);
  const before = await page.evaluate(() => ({
    version: Number(document.getElementById('version').dataset.version),
    points: document.querySelectorAll('#chart circle.obs-point').length,
    confidence: document.getElementById('confidence').textContent,
  }));
  log(`chart shown: version ${before.version}, ${before.points} points, bands present; ${before.confidence}`);
  await page.screenshot({ path: join(artifacts, 'clinician-before.png'), fullPage: true });

  // Readable contrast (WCAG 2.1 AA): every visible text, HTML or SVG, against the background it is drawn on.
  const contrast = await page.evaluate(() => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c ?? '');
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number.parseFloat);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const channel = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const backdrop = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.99) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const checked = [];
    for (const element of document.querySelectorAll('body *')) {
      if (![...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      const fg = parse(element instanceof SVGElement ? style.fill : style.color);
      if (!fg || fg.a === 0) continue;
      const bg = backdrop(element);
      const ink = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [hi, lo] = [luminance(ink), luminance(bg)].sort((x, y) => y - x);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (Number.parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
      checked.push({ text: element.textContent.trim().slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05), need: large ? 3 : 4.5 });
    }
    return checked;
  });
  const poor = contrast.filter((c) => c.ratio < c.need);
  const lowest = Math.min(...contrast.map((c) => c.ratio));
  log(`contrast: ${contrast.length} texts checked, lowest ratio ${lowest.toFixed(2)}`);
  if (contrast.length < 10) throw new Error(`only ${contrast.length} texts found for the contrast check`);
  if (poor.length > 0) throw new Error(`texts below WCAG AA contrast: ${JSON.stringify(poor.slice(0, 10))}`);

  // A new follow-up arrives through the API (not through the page).
  const twin = await (await fetch(`${baseUrl}/api/twins/${twinId}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const last = twin.observations[twin.observations.length - 1];
  const next = new Date(Date.parse(`${last.takenOn}T00:00:00Z`) + 14 * 86400000).toISOString().slice(0, 10);
  const posted = await fetch(`${baseUrl}/api/twins/${twinId}/observations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ observationId: `browser-${Date.now()}`, takenOn: next, tumourVolumeMl: Math.max(0.5, last.tumourVolumeMl * 0.8) }),
  });
  if (posted.status !== 201) throw new Error(`posting the observation answered ${posted.status}`);
  log(`observation posted for ${next}`);

  await page.waitForFunction((n) => document.querySelectorAll('#chart circle.obs-point').length === n, before.points + 1, { timeout: 30000 });
  log('chart shows the new point');
  // The version shown must be one calibrated with the new observation, not merely a newer one.
  await page.waitForFunction(([v, n]) => {
    const shown = document.getElementById('version').dataset;
    return Number(shown.version) > v && Number(shown.observations) === n;
  }, [before.version, before.points + 1], { timeout });
  const after = await page.evaluate(() => Number(document.getElementById('version').dataset.version));
  log(`forecast version changed ${before.version} -> ${after} (calibrated on ${before.points + 1} observations) without reloading`);
  await page.waitForSelector('#chart path.previous', { timeout: 20000 });
  await page.screenshot({ path: join(artifacts, 'clinician-after.png'), fullPage: true });
  if (reloads !== 1) throw new Error(`the page navigated ${reloads} times; expected only the first load`);
  if (external.length > 0) throw new Error(`requests left the service: ${external.join(', ')}`);
  console.log(JSON.stringify({ ok: true, before, after, screenshots: ['artifacts/clinician-before.png', 'artifacts/clinician-after.png'] }));
} catch (error) {
  failed = true;
  console.error(`[browser] FAILED: ${error.message}`);
  try { await browser.pages()[0]?.screenshot({ path: join(artifacts, 'clinician-failure.png'), fullPage: true }); } catch { /* best effort */ }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
