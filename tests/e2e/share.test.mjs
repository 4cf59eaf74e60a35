// Issue 6's share links: a link made after stepping and choosing by hand reopens at the same step in the
// same state; the hand-written #code= form loads; gallery links stay under 2,000 characters; hostile text
// in a link is shown as text and never runs; the page's Content-Security-Policy holds (no violations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

const WORKERS = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("worker", i)
		}()
	}
	wg.Wait()
}
`;

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

// What the page shows of the run's state, to compare two pages.
async function state(page) {
  return page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? null;
    return {
      step: text('#step-count'),
      status: text('#status'),
      narration: text('#narration'),
      stdout: text('#stdout'),
      sched: text('#sched'),
      channels: text('#channels'),
      goroutines: [...document.querySelectorAll('#goroutines tbody tr:not(.spacer)')].map((r) => r.textContent),
      policy: document.querySelector('#policy').value,
      procs: document.querySelector('#procs').value,
      seed: document.querySelector('#seed').value,
      source: document.querySelector('#source').value,
    };
  });
}

async function openShare(page) {
  await page.click('#share-button');
  await page.locator('#share').waitFor();
  return page.locator('#share-link').inputValue();
}

test('a link made after stepping and manual choices reopens at the same step with the same state', async () => {
  const a = await openBrowser();
  const c = await openBrowser();
  try {
    await a.page.goto(BASE_URL);
    await a.page.locator('#source').waitFor({ timeout: 20000 });
    await a.page.fill('#source', WORKERS);
    await a.page.selectOption('#policy', 'manual');
    await a.page.click('#reset');
    for (let i = 0; i < 40; i++) {
      const waiting = await a.page.locator('#g-1 .gstatus').textContent();
      if (/waiting/.test(waiting) && await a.page.locator('#goroutines button.chip.runnable').count() === 3) break;
      await a.page.click('#step');
    }
    // Run the first-created worker next (Go would run the newest), step, then the last one.
    const picks = a.page.locator('#goroutines tbody tr td:first-child button.chip.runnable');
    await picks.first().click();
    await a.page.click('#step');
    await a.page.locator('#goroutines tbody tr td:first-child button.chip.runnable').last().click();
    const before = await state(a.page);
    const link = await openShare(a.page);
    assert.ok(link.startsWith(BASE_URL + '#z='), link);
    assert.match(link, /&policy=manual&sched=[A-Za-z0-9_-]+&step=\d+$/);
    assert.match(await a.page.locator('#share-length').textContent(), new RegExp(` ${link.length} characters`));
    await a.page.screenshot({ path: join(SHOT_DIR, 'share-dialog.png') });

    await c.page.goto(link);
    await c.page.locator('#status').waitFor({ timeout: 20000 });
    const after = await state(c.page);
    assert.deepEqual(after, before);
    // Both go on the same way: the hand-picked order shows in the output.
    for (const page of [a.page, c.page]) {
      await page.keyboard.press('Escape');
      await page.click('#run');
      await page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
    }
    assert.equal(await c.page.locator('#stdout').textContent(), await a.page.locator('#stdout').textContent());
    assert.match(await c.page.locator('#stdout').textContent(), /^worker 1\nworker 3\n/);
    // Going back before the shared moment and choosing differently forks a new timeline.
    await c.page.locator('#timeline').fill(String(Number(/step (\d+)/.exec(before.step)[1]) - 2));
    const other = c.page.locator('#goroutines tbody tr td:first-child button.chip.runnable');
    assert.ok(await other.count() >= 2);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(c.errors, []);
  } finally {
    await a.close();
    await c.close();
  }
});

test('the hand-written #code= form loads, at the given step and settings', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(`${BASE_URL}#code=${b64url(WORKERS)}&step=3&procs=2&seed=5`);
    await b.page.locator('#status').waitFor({ timeout: 20000 });
    assert.equal(await b.page.locator('#source').inputValue(), WORKERS);
    assert.match(await b.page.locator('#step-count').textContent(), /^step 3 \//);
    assert.equal(await b.page.locator('#procs').inputValue(), '2');
    assert.equal(await b.page.locator('#seed').inputValue(), '5');
    // Standard base64 with padding (what btoa gives) is accepted too; a new fragment loads in the same tab.
    const std = Buffer.from('package main\n\nfunc main() {\n\tprintln("hi")\n}\n').toString('base64');
    await b.page.goto(`${BASE_URL}#code=${std}&autoplay=1`);
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
    assert.equal(await b.page.locator('#stderr').textContent(), 'hi\n');
    // A broken link says so and leaves the page usable.
    await b.page.goto(`${BASE_URL}#z=not*base64`);
    await b.page.locator('#notice').waitFor();
    assert.match(await b.page.locator('#notice').textContent(), /This link could not be opened: z= is not valid base64url/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('every gallery program\'s share link is under 2,000 characters', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#source').waitFor({ timeout: 20000 });
    await b.page.click('#gallery-button');
    const names = await b.page.$$eval('#gallery button.load', (els) => els.map((e) => e.dataset.example));
    await b.page.keyboard.press('Escape');
    const lengths = [];
    for (const name of names) {
      await b.page.click('#gallery-button');
      await b.page.click(`#gallery button[data-example="${name}"]`);
      await b.page.click('#run');
      await b.page.waitForFunction(() => !/^running/.test(document.querySelector('#status').textContent));
      const link = await openShare(b.page);
      await b.page.keyboard.press('Escape');
      assert.ok(link.length < 2000, `${name}: ${link.length} characters`);
      lengths.push(link.length);
    }
    console.log(`# gallery share links: ${lengths.length} links, ${Math.min(...lengths)}-${Math.max(...lengths)} characters (base ${BASE_URL.length})`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

const HOSTILE = `package main

import "fmt"

// </pre><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">
func main() {
	fmt.Println("</pre><script>window.__pwned = 3</script>")
}
`;

test('hostile text in a link is shown as text and never runs, and the CSP has no violations', async () => {
  const b = await openBrowser();
  try {
    await b.page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const z = deflateRawSync(Buffer.from(HOSTILE, 'utf8'), { level: 9 }).toString('base64url');
    for (const fragment of [`code=${b64url(HOSTILE)}`, `z=${z}&step=2`]) {
      await b.page.goto('about:blank');
      await b.page.goto(`${BASE_URL}#${fragment}`);
      await b.page.locator('#status').waitFor({ timeout: 20000 });
      assert.equal(await b.page.locator('#source').inputValue(), HOSTILE);
      assert.match(await b.page.locator('.hl').textContent(), /<\/pre><script>window.__pwned = 1<\/script><img src=x/);
      await b.page.click('#run');
      await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
      assert.equal(await b.page.locator('#stdout').textContent(), '</pre><script>window.__pwned = 3</script>\n');
      assert.equal(await b.page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
      assert.equal(await b.page.locator('#app script, #app img').count(), 0, 'no element was made from the text');
      const link = await openShare(b.page);
      assert.ok(!/[<>"' ]/.test(link), `the share link escapes nothing by accident: ${link}`);
      await b.page.keyboard.press('Escape');
      assert.deepEqual(await b.page.evaluate(() => window.__violations), []);
    }
    // The page's policy: no inline scripts, wasm allowed; the app still started (above) under it.
    const csp = await b.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe-inline/);
    assert.equal(await b.page.locator('script:not([src])').count(), 0, 'no inline script in the page');
    // An inline script injected now is refused by the policy.
    const ran = await b.page.evaluate(() => new Promise((resolve) => {
      window.__inline = false;
      document.addEventListener('securitypolicyviolation', () => resolve(window.__inline), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.append(s);
    }));
    assert.equal(ran, false, 'the CSP blocks inline scripts');
    b.errors.length = 0; // the refusal above is logged as a console error on purpose
    await b.page.screenshot({ path: join(SHOT_DIR, 'hostile-link.png') });
  } finally {
    await b.close();
  }
});
