// Issue 6's gallery: every program loads with one click and reaches its documented outcome in the browser
// (exit, leaked goroutines with their wait reason, deadlock or panic), with the stdout that real Go 1.23
// printed for it (the corpus goldens in tests/programs/). Screenshots: the gallery and a lesson.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

const PROGRAMS = fileURLToPath(new URL('../programs/', import.meta.url));

const golden = (corpus, ext) => {
  const file = join(PROGRAMS, `${corpus}.${ext}`);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
};

async function runToEnd(page) {
  await page.click('#run');
  await page.waitForFunction(() => !/^running/.test(document.querySelector('#status')?.textContent ?? 'running'),
    null, { timeout: 60000 });
}

// Checks the page's end state against a documented outcome code (see gallery.rs `Outcome::code`).
async function checkOutcome(page, outcome, label) {
  const status = await page.locator('#status').textContent();
  const stderr = await page.locator('#stderr').count() ? await page.locator('#stderr').textContent() : '';
  const [kind, ...rest] = outcome.split(':');
  if (kind === 'exits') {
    assert.match(status, /exited with code 0/, label);
    assert.equal(await page.locator('#leaks').count(), 0, `${label}: nothing left blocked`);
  } else if (kind === 'leaks') {
    const [count, reason] = [Number(rest[0]), rest.slice(1).join(':')];
    assert.match(status, /exited with code 0/, label);
    const groups = page.locator('#leaks .leak-group');
    assert.ok(await groups.count() >= 1, `${label}: a leak report`);
    const reasons = await groups.evaluateAll((gs) => gs.map((g) => g.dataset.reason));
    assert.deepEqual([...new Set(reasons)], [reason], `${label}: wait reasons`);
    assert.equal(await page.locator('#leaks .leak-group .leak-head .chip').count(), count, `${label}: leaked goroutines`);
  } else if (kind === 'deadlock') {
    const reason = rest.join(':');
    assert.match(status, /fatal error: all goroutines are asleep - deadlock!/, label);
    assert.ok(stderr.includes(`goroutine 1 [${reason}]:`), `${label}: ${stderr}`);
  } else if (kind === 'panic') {
    const message = rest.join(':');
    assert.ok(stderr.startsWith(`panic: ${message}`), `${label}: ${stderr}`);
    assert.match(status, /exit status 2/, label);
  } else {
    assert.fail(`unknown outcome ${outcome}`);
  }
}

test('every gallery program loads with one click and reaches its documented outcome', async () => {
  const b = await openBrowser({ width: 1280, height: 800 });
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#source').waitFor({ timeout: 20000 });
    await b.page.click('#gallery-button');
    await b.page.locator('#gallery').waitFor();
    await b.page.screenshot({ path: join(SHOT_DIR, 'gallery.png') });
    const programs = await b.page.$$eval('#gallery button.load', (els) => els.map((e) => ({
      name: e.dataset.example, outcome: e.dataset.outcome, corpus: e.dataset.corpus,
    })));
    assert.ok(programs.length >= 30, `${programs.length} programs`);
    const broken = programs.filter((p) => p.name.endsWith('/broken'));
    assert.ok(broken.length >= 9, 'every classic case has a broken version');
    for (const p of broken) {
      assert.ok(programs.some((q) => q.name === p.name.replace('/broken', '/fixed')), `${p.name} has a fix`);
    }
    const seen = [];
    for (const p of programs) {
      if (await b.page.locator('#gallery').count() === 0) await b.page.click('#gallery-button');
      await b.page.click(`#gallery button[data-example="${p.name}"]`);
      // One click: the dialog closes, the program is loaded at step 0 and the lesson says what to watch.
      assert.equal(await b.page.locator('#gallery').count(), 0);
      assert.equal(await b.page.locator('#lesson').getAttribute('data-example'), p.name);
      assert.match(await b.page.locator('#lesson .watch').textContent(), /^What to watch: ./);
      assert.match(await b.page.locator('#step-count').textContent(), /^step 0 \//);
      // The program as the corpus holds it: NAME.go, or NAME.txtar for a program with files.
      assert.equal(await b.page.locator('#source').inputValue(), golden(p.corpus, 'go') ?? golden(p.corpus, 'txtar'));
      if (p.name === 'first-response/broken') {
        await b.page.screenshot({ path: join(SHOT_DIR, 'gallery-lesson-start.png') });
      }
      await runToEnd(b.page);
      await checkOutcome(b.page, p.outcome, p.name);
      assert.equal(await b.page.locator('#stdout').textContent(), golden(p.corpus, 'stdout'), `${p.name}: real Go's stdout`);
      const code = golden(p.corpus, 'exitcode');
      if (code !== null) assert.match(await b.page.locator('#status').textContent(), /exit status 2/);
      if (p.name === 'first-response/broken') {
        await b.page.screenshot({ path: join(SHOT_DIR, 'gallery-lesson-end.png') });
      }
      seen.push(`${p.name}: ${p.outcome}`);
    }
    console.log(`# ${seen.length} gallery programs reached their documented outcome`);
    // The lesson's switch button goes from the broken version to the fix in one click.
    await b.page.click('#gallery-button');
    await b.page.click('#gallery button[data-example="ticker/broken"]');
    await b.page.click('#lesson-switch');
    assert.equal(await b.page.locator('#lesson').getAttribute('data-example'), 'ticker/fixed');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('an example opens by name from the address (#example=slug/role)', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(`${BASE_URL}#example=mutex-twice/broken&step=2`);
    await b.page.locator('#lesson').waitFor({ timeout: 20000 });
    assert.equal(await b.page.locator('#lesson').getAttribute('data-example'), 'mutex-twice/broken');
    assert.match(await b.page.locator('#step-count').textContent(), /^step 2 \//);
    assert.equal(await b.page.locator('#source').inputValue(), golden('fail/deadlock_mutex_twice', 'go'));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
