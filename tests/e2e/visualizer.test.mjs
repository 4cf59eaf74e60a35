// Issue 5's end-to-end checks: a leaking sender shows up in its channel's sendq and disappears a step
// earlier; at the end the leak panel lists it with its wait reason; a deadlock shows Go's fatal error; a
// compile error shows at its line; a runaway program ends with the limit message; and the page works at
// phone width. Screenshots of each state go to SHOT_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';
import { LEAK, DEADLOCK, COMPILE_ERROR, SPIN } from './programs.mjs';

async function load(b, source) {
  await b.page.goto(BASE_URL);
  await b.page.locator('#source').waitFor({ timeout: 20000 });
  await b.page.fill('#source', source);
  await b.page.click('#reset');
}

const stepCount = (b) => b.page.locator('#step-count').textContent();
const sendqChips = (b) => b.page.locator('#channels .sendq .chip');

async function runToEnd(b) {
  await b.page.click('#run');
  await b.page.waitForFunction(() => !/^running/.test(document.querySelector('#status')?.textContent ?? 'running'),
    null, { timeout: 60000 });
}

for (const [label, size] of [['desktop', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }]]) {
  test(`${label}: a leaked sender piles up on the channel's sendq, and the leak panel names it`, async () => {
    const b = await openBrowser(size);
    try {
      await load(b, LEAK);
      assert.match(await stepCount(b), /^step 0 \//);
      assert.equal(await sendqChips(b).count(), 0);
      // Step until the sender blocks.
      let steps = 0;
      while (await sendqChips(b).count() === 0) {
        assert.ok(steps++ < 50, 'the sender never blocked');
        await b.page.click('#step');
      }
      const blockedAt = await stepCount(b);
      const chip = sendqChips(b).first();
      const g = await chip.getAttribute('data-g');
      assert.equal(await chip.textContent(), `G${g}42`, 'the chip shows the goroutine and the value it sends');
      assert.match(await chip.getAttribute('class'), /\bwaiting\b/);
      assert.match(await b.page.locator(`#g-${g} .gstatus`).textContent(), /^waiting: chan send$/);
      assert.match(await b.page.locator('#narration').textContent(), new RegExp(`G${g} parked \\(chan send\\) on chan`));
      // The editor's gutter marks the line where the sender waits.
      assert.equal(await b.page.locator(`.gutter .ln[data-line="11"] .mark`).textContent(), g);
      await b.page.screenshot({ path: join(SHOT_DIR, `${label}-leak-blocked.png`) });

      // One step back: it is not in the sendq any more.
      await b.page.click('#step-back');
      assert.equal(await sendqChips(b).count(), 0);
      assert.notEqual(await stepCount(b), blockedAt);
      await b.page.screenshot({ path: join(SHOT_DIR, `${label}-leak-step-back.png`) });

      // Run to the end: main returned, the sender stays on screen as leaked, the leak panel lists it.
      await runToEnd(b);
      assert.match(await b.page.locator('#status').textContent(), /exited with code 0/);
      assert.equal(await b.page.locator('#stdout').textContent(), 'main returns without receiving\n');
      const panel = b.page.locator('#leaks');
      assert.match(await panel.locator('h2').textContent(), /Leaked goroutines: 1/);
      assert.equal(await panel.locator(`.chip[data-g="${g}"]`).count(), 1);
      assert.match(await panel.locator('.reason').textContent(), /\[chan send\]/);
      assert.match(await panel.textContent(), /nothing can ever wake it/);
      assert.match(await panel.locator('.stack').textContent(), /created by main\.main/);
      assert.match(await sendqChips(b).first().getAttribute('class'), /\bleaked\b/);
      assert.match(await b.page.locator(`#g-${g} .gstatus`).textContent(), /^leaked: chan send$/);
      await b.page.screenshot({ path: join(SHOT_DIR, `${label}-leak-end.png`), fullPage: label === 'phone' });

      const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
}

test('a deadlock shows Go\'s fatal error and the goroutine dump', async () => {
  const b = await openBrowser();
  try {
    await load(b, DEADLOCK);
    await runToEnd(b);
    assert.match(await b.page.locator('#status').textContent(), /fatal error: all goroutines are asleep - deadlock!/);
    const stderr = await b.page.locator('#stderr').textContent();
    assert.ok(stderr.startsWith('fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\n'), stderr);
    assert.match(stderr, /main\.main\(\)\n\tprog\.go:5 \+0x[0-9a-f]+/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'deadlock.png') });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a compile error is shown at its line, in gc format', async () => {
  const b = await openBrowser();
  try {
    await load(b, COMPILE_ERROR);
    await b.page.locator('#diagnostics').waitFor();
    assert.equal(await b.page.locator('#diagnostics li').textContent(), 'prog.go:4:2: declared and not used: x');
    assert.match(await b.page.locator('.gutter .ln[data-line="4"]').getAttribute('class'), /\berror\b/);
    assert.equal(await b.page.locator('.gutter .ln.error').count(), 1);
    assert.equal(await b.page.locator('#status').count(), 0, 'nothing runs');
    await b.page.screenshot({ path: join(SHOT_DIR, 'compile-error.png') });
    // Fixing the program and stepping loads it.
    await b.page.fill('#source', COMPILE_ERROR.replace('x := 1', 'x := 1\n\t_ = x'));
    await b.page.click('#step');
    assert.equal(await b.page.locator('#diagnostics').count(), 0);
    assert.match(await b.page.locator('#status').textContent(), /step 1/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a runaway program runs in chunks (the page stays responsive) and ends with the limit message', async () => {
  const b = await openBrowser();
  try {
    await load(b, SPIN);
    await b.page.click('#run');
    // While it runs, the page still answers: the status shows progress.
    await b.page.waitForFunction(() => /running to the end/.test(document.querySelector('#status').textContent));
    const t0 = Date.now();
    const answered = await b.page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      requestAnimationFrame(() => resolve(performance.now() - start));
    }));
    assert.ok(answered < 500, `a frame came within ${answered} ms`);
    await b.page.waitForFunction(() => /step limit reached/.test(document.querySelector('#status').textContent),
      null, { timeout: 120000 });
    assert.match(await b.page.locator('#status').textContent(),
      /step limit reached: the program ran 100000 steps without finishing/);
    console.log(`# runaway program: 100,000 steps (10,000 instructions each) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await b.page.screenshot({ path: join(SHOT_DIR, 'runaway.png') });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
