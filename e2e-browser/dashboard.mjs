// Opens the proxy's dashboard in headless Chromium and follows the JUnit test's steps, one line each way:
//   node dashboard.mjs <dashboard url with ?token=> <screenshot.png> <id,id,...> <id that will be stopped>
// prints "visible" once every id shows, takes the screenshots (desktop, and phone beside it as *-phone.png) on
// "screenshot", disables and enables the first backend with its buttons ("buttons-work"), and after "stopping"
// checks that the stopped backend's row is gone within a second ("gone <ms>"). Any failure: "error: ..." and exit
// code 1.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';

const [url, screenshot, idList, stoppedId] = process.argv.slice(2);
const ids = idList.split(',');
const lines = readline.createInterface({ input: process.stdin });
const input = lines[Symbol.asyncIterator]();

async function expectLine(expected) {
  const next = await input.next();
  if (next.done || next.value.trim() !== expected) {
    throw new Error(`expected "${expected}" from the test, got ${next.done ? 'end of input' : `"${next.value}"`}`);
  }
}

const row = (id) => `tr[data-backend-id="${id}"]`;
const userDataDir = mkdtempSync(join(tmpdir(), 'inteli-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ignoreHTTPSErrors: true, // the control plane's self-signed certificate
    viewport: { width: 1280, height: 760 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url);
  if (page.url().includes('token=')) {
    throw new Error(`the token stayed in the address bar: ${page.url()}`);
  }
  for (const id of ids) {
    await page.waitForSelector(row(id), { timeout: 15000 });
  }
  await page.waitForSelector('#connection.live', { timeout: 5000 });
  console.log('visible');

  await expectLine('screenshot');
  await page.screenshot({ path: screenshot, fullPage: true });
  // the same page on a phone: each backend becomes a card
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 760 });
  console.log('screenshot-saved');

  // the buttons: out of rotation and back, through the session cookie
  const [first] = ids;
  await page.click(`${row(first)} button:has-text("Disable")`);
  await page.waitForSelector(`${row(first)}[data-state="NOT_READY"]`, { timeout: 3000 });
  await page.click(`${row(first)} button:has-text("Enable")`);
  await page.waitForSelector(`${row(first)}[data-state="ACTIVE"]`, { timeout: 3000 });
  console.log('buttons-work');

  await expectLine('stopping');
  const start = Date.now();
  await page.waitForSelector(row(stoppedId), { state: 'detached', timeout: 1000 });
  const gone = Date.now() - start;
  for (const id of ids.filter((i) => i !== stoppedId)) {
    await page.waitForSelector(row(id), { timeout: 1000 });
  }
  console.log(`gone ${gone}`);
} catch (e) {
  console.log(`error: ${e.message.split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  lines.close(); // else the open stdin keeps node running
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
