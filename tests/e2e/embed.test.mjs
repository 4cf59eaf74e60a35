// Issue 6's embedding: the embed view (?embed=1) with minimal chrome, opening at a step, with or without
// the editor, light or dark, autoplaying; the docs example page (dist/embed-example.html) with a
// hand-written iframe and with <pre class="goroscope"> blocks turned into viewers by embed.js, on the
// app's own origin, on another origin, and from file://; and the presenter mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

const LEAK = `package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		ch <- 42 // nobody receives: this goroutine leaks
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main returns without receiving")
}
`;

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');
const stepOf = async (frame) => Number(/^step (\d+)/.exec(await frame.locator('#step-count').textContent())[1]);

test('the embed view: minimal chrome, opens at a step, light and dark, with or without the editor', async () => {
  const b = await openBrowser({ width: 900, height: 520 });
  try {
    await b.page.goto(`${BASE_URL}?embed=1#code=${b64url(LEAK)}&step=4`);
    await b.page.locator('#status').waitFor({ timeout: 20000 });
    assert.equal(await b.page.locator('.topbar').count(), 0, 'no top bar');
    assert.equal(await b.page.locator('#policy').count(), 0, 'no settings');
    assert.match(await b.page.locator('#app').getAttribute('class'), /\bembed\b/);
    assert.equal(await stepOf(b.page), 4);
    assert.equal(await b.page.locator('#channels .sendq .chip').count(), 1, 'at step 4 the sender waits in the sendq');
    assert.equal(await b.page.locator('#source').inputValue(), LEAK);
    await b.page.screenshot({ path: join(SHOT_DIR, 'embed-light.png') });
    await b.page.click('#step');
    assert.equal(await stepOf(b.page), 5);
    await b.page.keyboard.press('ArrowLeft');
    assert.equal(await stepOf(b.page), 4);
    const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    // "Goroscope ↗" opens this moment in the full app, in a new tab.
    const [full] = await Promise.all([b.page.context().waitForEvent('page'), b.page.click('#open-full')]);
    await full.locator('#policy').waitFor({ timeout: 20000 });
    assert.ok(full.url().startsWith(`${BASE_URL}#z=`), full.url());
    assert.equal(await stepOf(full), 4);
    assert.equal(await full.locator('#source').inputValue(), LEAK);
    await full.close();

    await b.page.goto('about:blank');
    await b.page.goto(`${BASE_URL}?embed=1&theme=dark&editor=0#code=${b64url(LEAK)}&step=4`);
    await b.page.locator('#status').waitFor({ timeout: 20000 });
    assert.equal(await b.page.locator('#source').count(), 0, 'the editor is hidden');
    assert.match(await b.page.locator('#app').getAttribute('class'), /\btheme-dark\b/);
    assert.equal(await b.page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const bg = await b.page.evaluate(() => getComputedStyle(document.querySelector('#app')).backgroundColor);
    assert.equal(bg, 'rgb(15, 22, 32)');
    await b.page.screenshot({ path: join(SHOT_DIR, 'embed-dark.png') });

    await b.page.goto('about:blank');
    await b.page.goto(`${BASE_URL}?embed=1#code=${b64url(LEAK)}&autoplay=1&speed=60`);
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

// Every viewer on a docs page: iframes with the app inside, each working (steps when clicked).
async function checkViewers(page, expected) {
  const frames = page.locator('iframe');
  await page.waitForFunction((n) => document.querySelectorAll('iframe').length === n, expected);
  const steps = [];
  for (let i = 0; i < expected; i++) {
    const frame = frames.nth(i).contentFrame();
    await frame.locator('#status').waitFor({ timeout: 30000 });
    await frame.locator('#step').waitFor();
    const playing = await frame.locator('#play').getAttribute('aria-pressed') === 'true';
    if (playing) await frame.locator('#play').click();
    const before = await stepOf(frame);
    if (!await frame.locator('#step').isDisabled()) {
      await frame.locator('#step').click();
      assert.equal(await stepOf(frame), before + 1, `viewer ${i} steps`);
    }
    steps.push(before);
  }
  return steps;
}

test('the docs example page: a hand-written iframe and <pre class="goroscope"> blocks with embed.js', async () => {
  const b = await openBrowser({ width: 1100, height: 900 });
  try {
    await b.page.goto(`${BASE_URL}embed-example.html`);
    const steps = await checkViewers(b.page, 3);
    assert.equal(steps[0], 4, 'the iframe opens at its step=4');
    assert.equal(steps[1], 4, 'the first <pre> opens at its data-step');
    assert.equal(await b.page.locator('pre.goroscope:visible').count(), 0, 'the blocks became viewers');
    const first = b.page.locator('iframe').nth(1).contentFrame();
    assert.match(await first.locator('#source').inputValue(), /^package main\n\nimport "fmt"\n/);
    assert.match(await first.locator('#source').inputValue(), /<-pong/);
    const dark = b.page.locator('iframe').nth(2).contentFrame();
    assert.match(await dark.locator('#app').getAttribute('class'), /theme-dark/);
    await b.page.locator('iframe').nth(0).contentFrame().locator('#status').waitFor();
    await b.page.screenshot({ path: join(SHOT_DIR, 'docs-page.png'), fullPage: true });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('embed.js and the iframe work from a docs site on another origin', async () => {
  const b = await openBrowser({ width: 1000, height: 800 });
  // A docs site on its own server: another origin (another port) than the app's.
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Docs</title></head><body>
    <h1>Channels</h1>
    <pre class="goroscope" data-step="2" data-editor="hide">${LEAK.replace(/</g, '&lt;')}</pre>
    <iframe id="manual" style="width:100%;height:400px" src="${BASE_URL}?embed=1#code=${b64url(LEAK)}&amp;step=4"></iframe>
    <script src="${BASE_URL}embed.js"></script></body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const docs = `http://127.0.0.1:${server.address().port}/guide/channels.html`;
    assert.notEqual(new URL(docs).origin, new URL(BASE_URL).origin);
    await b.page.goto(docs);
    const steps = await checkViewers(b.page, 2);
    assert.deepEqual(steps.sort(), [2, 4]);
    const src = await b.page.locator('iframe.goroscope-embed').getAttribute('src');
    assert.ok(src.startsWith(`${BASE_URL}index.html?embed=1&editor=0#code=`), src);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    server.close();
  }
});

test('the docs example page works from file:// when the browser allows local files', async () => {
  const dist = process.env.DIST_DIR ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  const page = join(dist, 'embed-example.html');
  if (!existsSync(page)) {
    console.log(`# skipped: ${page} does not exist (set DIST_DIR)`);
    return;
  }
  const b = await openBrowser({ width: 1100, height: 900, args: ['--allow-file-access-from-files'] });
  try {
    await b.page.goto(pathToFileURL(page).href);
    await checkViewers(b.page, 3);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('presenter mode: large type, the whole narration, keyboard stepping and choosing, going back', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(`${BASE_URL}#example=first-response/broken`);
    await b.page.locator('#status').waitFor({ timeout: 20000 });
    await b.page.keyboard.press('p');
    assert.match(await b.page.locator('#app').getAttribute('class'), /\bpresenter\b/);
    assert.equal(await b.page.evaluate(() => getComputedStyle(document.querySelector('#app')).zoom), '1.2');
    await b.page.selectOption('#policy', 'manual');
    await b.page.locator('#policy').blur();
    for (let i = 0; i < 3; i++) await b.page.keyboard.press('ArrowRight');
    assert.match(await b.page.locator('#narration-full .head').textContent(), /^Step 3: G1 on P0/);
    assert.ok(await b.page.locator('#narration-full li').count() >= 1, 'every event on its own line');
    // Step until the three replicas are runnable and main waits, then choose one with a digit key.
    for (let i = 0; i < 20 && await b.page.locator('#choices .choice').count() < 3; i++) {
      await b.page.keyboard.press('ArrowRight');
    }
    const labels = await b.page.locator('#choices .choice').allTextContents();
    assert.ok(labels.length >= 2, labels.join(' | '));
    const third = /run (G\d+) next/.exec(labels[labels.length - 1])[1];
    const stepBefore = await stepOf(b.page);
    await b.page.screenshot({ path: join(SHOT_DIR, 'presenter.png') });
    await b.page.keyboard.press(String(labels.length));
    assert.match(await b.page.locator('#narration-full .head').textContent(), new RegExp(`^Step ${stepBefore + 1}: ${third} on P0`));
    // Back, and branch the other way.
    await b.page.keyboard.press('ArrowLeft');
    assert.equal(await stepOf(b.page), stepBefore);
    await b.page.keyboard.press('1');
    assert.doesNotMatch(await b.page.locator('#narration-full .head').textContent(), new RegExp(`${third} on`));
    await b.page.screenshot({ path: join(SHOT_DIR, 'presenter-branch.png') });
    await b.page.keyboard.press('p');
    assert.doesNotMatch(await b.page.locator('#app').getAttribute('class'), /\bpresenter\b/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
