// Animation: on a step, goroutine chips move (FLIP: a transform transition) from their old place to their
// new one; nothing moves with prefers-reduced-motion or while playing fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';
import { LEAK, PING_PONG } from './programs.mjs';

async function load(b, source) {
  await b.page.goto(BASE_URL);
  await b.page.locator('#source').waitFor({ timeout: 20000 });
  await b.page.fill('#source', source);
  await b.page.click('#reset');
  // Record every transform transition that starts on a chip.
  await b.page.evaluate(() => {
    window.moves = [];
    document.addEventListener('transitionrun', (e) => {
      if (e.propertyName === 'transform' && e.target.matches('.chip')) window.moves.push(e.target.dataset.g);
    });
  });
}

const sendqChips = (b) => b.page.locator('#channels .sendq .chip');

test('a blocked sender\'s chip moves from its P into the channel\'s sendq', async () => {
  const b = await openBrowser();
  try {
    await load(b, LEAK);
    let steps = 0;
    while (await sendqChips(b).count() === 0) {
      assert.ok(steps++ < 50, 'the sender never blocked');
      await b.page.evaluate(() => { window.moves = []; });
      await b.page.click('#step');
    }
    const g = await sendqChips(b).first().getAttribute('data-g');
    // The chip that just arrived in the sendq is on its way there.
    await b.page.waitForFunction((g) => window.moves.includes(g), g, { timeout: 2000 });
    const chip = sendqChips(b).first();
    assert.match(await chip.getAttribute('class'), /\bflip\b/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'animation-chip-moving.png') });
    // The channel the step touched stays highlighted after the motion.
    await b.page.waitForTimeout(500);
    assert.match(await b.page.locator('#channels .chan').first().getAttribute('class'), /\btouched\b/);
    assert.equal(await chip.evaluate((el) => el.style.transform), '', 'no transform left once it arrived');
    // Stepping back moves it out again.
    await b.page.evaluate(() => { window.moves = []; });
    await b.page.click('#step-back');
    await b.page.waitForFunction((g) => window.moves.includes(g), g, { timeout: 2000 });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('nothing moves with prefers-reduced-motion', async () => {
  const b = await openBrowser({ reducedMotion: 'reduce' });
  try {
    await load(b, PING_PONG);
    for (let i = 0; i < 12; i++) await b.page.click('#step');
    await b.page.waitForTimeout(400);
    assert.deepEqual(await b.page.evaluate(() => window.moves), []);
    assert.equal(await b.page.locator('.chip.flip').count(), 0);
    assert.equal(await b.page.evaluate(() => [...document.querySelectorAll('.chip')].filter((c) => c.style.transform).length), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('stepping slowly animates, playing fast does not', async () => {
  const b = await openBrowser();
  try {
    await load(b, PING_PONG);
    for (let i = 0; i < 12; i++) await b.page.click('#step');
    await b.page.waitForTimeout(400);
    const slow = await b.page.evaluate(() => window.moves.length);
    assert.ok(slow > 0, 'chips moved while stepping');
    await b.page.evaluate(() => { window.moves = []; });
    await b.page.selectOption('#speed', '250');
    await b.page.click('#play');
    await b.page.waitForTimeout(800);
    await b.page.click('#play');
    assert.match(await b.page.locator('#step-count').textContent(), /^step (\d{2,})/);
    assert.deepEqual(await b.page.evaluate(() => window.moves), [], 'no motion at 250 steps/s');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
