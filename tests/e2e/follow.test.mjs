// "Next event on this goroutine / this channel" and the context tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';
import { LEAK, CONTEXT_TREE, CONTEXT_LEAK } from './programs.mjs';

async function load(b, source) {
  await b.page.goto(BASE_URL);
  await b.page.locator('#source').waitFor({ timeout: 20000 });
  await b.page.fill('#source', source);
  await b.page.click('#reset');
}

const step = async (b) => Number((await b.page.locator('#step-count').textContent()).match(/^step (\d+)/)[1]);
const idle = (b) => b.page.waitForFunction(() => !/looking for the next event/.test(document.querySelector('#status').textContent));

test('follow a goroutine with the keyboard and jump between its events', async () => {
  const b = await openBrowser();
  try {
    await load(b, LEAK);
    assert.equal(await b.page.locator('#next-event').isDisabled(), true, 'nothing followed yet');
    // Step until main has created the sender (G6), then follow it: focus its table row and press Enter.
    while (await b.page.locator('#g-6').count() === 0) await b.page.keyboard.press('ArrowRight');
    const created = await step(b);
    await b.page.locator('#g-6').focus();
    await b.page.keyboard.press('Enter');
    assert.equal(await b.page.locator('#following').textContent(), 'following G6');
    assert.equal(await b.page.locator('#g-6').getAttribute('aria-selected'), 'true');
    // n: the next step with an event on G6 (computed on demand, in chunks): it runs and parks on the channel.
    await b.page.keyboard.press('n');
    await idle(b);
    assert.match(await b.page.locator('#narration').textContent(), /G6 parked \(chan send\) on chan 0/);
    const parked = await step(b);
    assert.ok(parked > created + 1, `parked at ${parked}, created at ${created}`);
    await b.page.screenshot({ path: join(SHOT_DIR, 'follow-next-event.png') });
    // Shift+N: back to the step that created it.
    await b.page.keyboard.press('Shift+N');
    assert.equal(await step(b), created);
    assert.match(await b.page.locator('#narration').textContent(), /created G6/);
    // The button does the same as n; past its last event, a notice says so and the page stays put.
    await b.page.click('#next-event');
    await idle(b);
    assert.equal(await step(b), parked);
    await b.page.click('#next-event');
    await idle(b);
    assert.match(await b.page.locator('#notice').textContent(), /no later event on G6: the run ended at step \d+/);
    assert.equal(await step(b), parked);
    // Following a channel: click its name.
    await b.page.click('#chan-0 .chan-head button.name');
    assert.equal(await b.page.locator('#following').textContent(), 'following chan 0');
    assert.match(await b.page.locator('#chan-0').getAttribute('class'), /\bselected\b/);
    await b.page.keyboard.press('Shift+N');
    assert.ok(await step(b) < parked);
    assert.match(await b.page.locator('#narration').textContent(), /chan 0/);
    // Escape (with no notice left) stops following.
    await b.page.keyboard.press('Escape');
    await b.page.keyboard.press('Escape');
    assert.match(await b.page.locator('#following').textContent(), /^follow: /);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

for (const [label, size] of [['desktop', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }]]) {
  test(`${label}: the context tree shows parents, done channels, the deadline and cancellation`, async () => {
    const b = await openBrowser(size);
    try {
      await load(b, CONTEXT_TREE);
      // Step until the three child contexts exist: the tree has Background, the timeout and three children.
      while (await b.page.locator('#contexts li').count() < 5) await b.page.click('#step');
      const items = b.page.locator('#contexts li');
      assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-level'))), ['1', '2', '3', '3', '3']);
      assert.match(await items.nth(0).textContent(), /ctx 0 Background/);
      assert.match(await items.nth(1).textContent(), /ctx 1 WithDeadline deadline \+50ms \(in 50ms\).*active/);
      assert.match(await items.nth(2).textContent(), /ctx 2 WithCancel/);
      await b.page.screenshot({ path: join(SHOT_DIR, `${label}-context-tree-active.png`), fullPage: label === 'phone' });
      // Run to the end: the deadline passed and cancelled the whole tree.
      await b.page.click('#run');
      await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
      assert.equal(await b.page.locator('#stdout').textContent(),
        'worker 1 done\nworker 3: context deadline exceeded\nworker 2: context deadline exceeded\n');
      assert.match(await items.nth(1).textContent(), /cancelled at \+50ms by G\d+: context deadline exceeded/);
      for (const i of [2, 3, 4]) {
        assert.match(await items.nth(i).getAttribute('class'), /\bcancelled\b/);
        assert.match(await items.nth(i).textContent(), /context deadline exceeded/);
      }
      // A context's done channel links to the channel and follows it.
      const done = items.nth(1).locator('a.ctx-done');
      const chan = await done.getAttribute('data-chan');
      await done.click();
      assert.equal(await b.page.locator('#following').textContent(), `following chan ${chan}`);
      assert.match(await b.page.locator(`#chan-${chan}`).getAttribute('class'), /\bclosed\b/);
      await b.page.locator('#contexts').scrollIntoViewIfNeeded();
      await b.page.screenshot({ path: join(SHOT_DIR, `${label}-context-tree-cancelled.png`), fullPage: label === 'phone' });
      const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
}

test('a goroutine leaked on a context nothing cancels: the leak panel names the context', async () => {
  const b = await openBrowser();
  try {
    await load(b, CONTEXT_LEAK);
    await b.page.click('#run');
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
    const panel = b.page.locator('#leaks');
    assert.match(await panel.locator('h2').textContent(), /Leaked goroutines: 1/);
    assert.match(await panel.locator('.ctx-hint').textContent(),
      /It waits for ctx 1 \(context\.WithCancel\) to be done, and nothing cancelled it/);
    // Its channel says whose done channel it is, and the tree shows the context still active.
    const badge = b.page.locator('#channels .badge.done-of');
    assert.equal(await badge.textContent(), 'done of ctx 1');
    assert.match(await b.page.locator('#ctx-1').textContent(), /WithCancel.*active/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'context-leak.png') });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
