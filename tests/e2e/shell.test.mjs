// The page loads the real Yew app with the real compiler and runtime compiled to WASM, with no errors and
// no requests beyond its own files, runs the initial example to the output real Go prints, and keeps working
// offline once loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

test('the app renders, runs the example on the WASM runtime, and shows its output', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    const version = b.page.locator('#runtime-version');
    await version.waitFor({ timeout: 20000 });
    assert.match(await version.textContent(), /runtime \d+\.\d+\.\d+/);
    // Loaded at step 0: the main goroutine waits in P0's runnext.
    assert.match(await b.page.locator('#status').textContent(), /running · step 0/);
    assert.equal(await b.page.locator('#p0 .runnext .chip').textContent(), 'G1');
    await b.page.click('#run');
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.equal(await b.page.locator('#stdout').textContent(), 'sum of squares: 14\n');
    assert.match(await b.page.locator('#step-count').textContent(), /^step (\d+) \/ \1$/);
    // The timeline seeks back to the start.
    await b.page.locator('#timeline').fill('0');
    await b.page.waitForFunction(() => /^step 0 \//.test(document.querySelector('#step-count').textContent));
    assert.equal(await b.page.locator('#stdout').textContent(), '');
    await b.page.screenshot({ path: join(SHOT_DIR, 'example-start.png') });
    assert.deepEqual(b.errors, []);
    const foreign = b.requests.filter((u) => !u.startsWith(BASE_URL) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'the page requests nothing but its own files');
  } finally {
    await b.close();
  }
});

test('once loaded, it works offline: gallery, edit, run, step back, share, with no request at all', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#source').waitFor({ timeout: 20000 });
    const loaded = b.requests.length;
    await b.context.setOffline(true);
    await b.page.click('#gallery-button');
    await b.page.click('#gallery button[data-example^="file-reads/"]');
    await b.page.click('#run');
    await b.page.waitForFunction(() => !/^running/.test(document.querySelector('#status')?.textContent ?? 'running'),
      null, { timeout: 60000 });
    await b.page.click('#step-back');
    await b.page.fill('#source', 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("offline")\n}\n');
    await b.page.click('#run');
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.equal(await b.page.locator('#stdout').textContent(), 'offline\n');
    await b.page.click('#share-button');
    assert.match(await b.page.locator('#share-link').inputValue(), /#z=/);
    assert.deepEqual(b.requests.slice(loaded), [], 'requests made after loading');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('keyboard: arrows step, space plays and pauses, ? shows the shortcuts', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#status').waitFor({ timeout: 20000 });
    const count = () => b.page.locator('#step-count').textContent();
    await b.page.keyboard.press('ArrowRight');
    await b.page.keyboard.press('ArrowRight');
    assert.match(await count(), /^step 2 \//);
    await b.page.keyboard.press('ArrowLeft');
    assert.match(await count(), /^step 1 \//);
    await b.page.keyboard.press(' ');
    assert.equal(await b.page.locator('#play').getAttribute('aria-pressed'), 'true');
    await b.page.waitForFunction(() => !/^step 1 \//.test(document.querySelector('#step-count').textContent));
    await b.page.keyboard.press(' ');
    assert.equal(await b.page.locator('#play').getAttribute('aria-pressed'), 'false');
    await b.page.keyboard.press('?');
    await b.page.locator('#help').waitFor();
    assert.match(await b.page.locator('#help').textContent(), /play \/ pause/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'help.png') });
    await b.page.keyboard.press('Escape');
    assert.equal(await b.page.locator('#help').count(), 0);
    // Keys typed in the editor stay in the editor.
    await b.page.click('#source');
    await b.page.keyboard.press('ArrowRight');
    assert.match(await count(), /^step \d+ \//);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('transfer size of the build (wasm + js + css, gzip -9)', async () => {
  const { gzipSync, brotliCompressSync, constants } = await import('node:zlib');
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#status').waitFor({ timeout: 20000 });
    const files = [...new Set(b.requests)].filter((u) => /\.(wasm|js|css)$/.test(u));
    assert.ok(files.some((u) => u.endsWith('.wasm')), 'the app loads its wasm');
    let raw = 0;
    let gz = 0;
    let br = 0;
    for (const url of files) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
      // What a host that serves brotli (quality 11) would send instead.
      br += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
    }
    console.log(`# transfer size: ${files.length} files, ${raw} B raw, ${gz} B gzip -9 (goal: at most 350,000 B), ${br} B brotli`);
  } finally {
    await b.close();
  }
});
