// Benchmark: play a program with 1,000 live goroutines and 100 channels and print the frame times and the
// step rate (goal: 60 fps, at most 16 ms per frame). It asserts only that the page keeps drawing frames;
// the figures are printed for the notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

const CROWD = `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	chans := make([]chan int, 100)
	for i := range chans {
		chans[i] = make(chan int, 2)
	}
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chans[i%100] <- i
		}()
	}
	for i := 0; i < 1000; i++ {
		<-chans[i%100]
	}
	wg.Wait()
}
`;

test('benchmark: 1,000 goroutines and 100 channels', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#source').waitFor({ timeout: 20000 });
    await b.page.fill('#source', CROWD);
    await b.page.click('#reset');
    const t0 = Date.now();
    await b.page.click('#run');
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent),
      null, { timeout: 120000 });
    const runMs = Date.now() - t0;
    const end = Number((await b.page.locator('#step-count').textContent()).match(/\/ (\d+)/)[1]);
    // Go to the moment with the most live goroutines: when main starts receiving.
    const peak = await b.page.evaluate(async (end) => {
      const input = document.querySelector('#timeline');
      let best = 0;
      let bestStep = 0;
      for (let s = 0; s <= end; s += Math.max(1, Math.floor(end / 40))) {
        input.value = String(s);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        const live = Number(document.querySelector('#goroutines h2 .sub').textContent.match(/(\d+) alive/)[1]);
        if (live > best) { best = live; bestStep = s; }
      }
      input.value = String(bestStep);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return { best, bestStep };
    }, end);
    await b.page.screenshot({ path: join(SHOT_DIR, 'bench-crowd.png') });
    // A thousand goroutines on one line fit the gutter as a chip and a count, not clipped chips.
    const clipped = await b.page.evaluate(() => [...document.querySelectorAll('.gutter .marks')]
      .filter((m) => [...m.children].some((c) => {
        const r = c.getBoundingClientRect();
        const box = m.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1;
      })).map((m) => m.parentElement.dataset.line));
    assert.deepEqual(clipped, [], 'gutter markers that do not fit');
    // The cost of one step at the crowd's peak, split into the app's work (step, snapshot, view, DOM
    // patches: Yew renders in a microtask after the click) and the browser's style and layout.
    const oneStep = await b.page.evaluate(async () => {
      const step = document.querySelector('#step');
      const script = [];
      const layout = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        step.click();
        await Promise.resolve();
        await Promise.resolve();
        const t1 = performance.now();
        void document.body.offsetHeight; // forces style and layout
        const t2 = performance.now();
        script.push(t1 - t0);
        layout.push(t2 - t1);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)].toFixed(1);
      return { script: median(script), layout: median(layout), elements: document.getElementsByTagName('*').length };
    });
    // Play at full speed for 3 s and record frame times.
    await b.page.selectOption('#speed', '1000');
    const startStep = Number((await b.page.locator('#step-count').textContent()).match(/^step (\d+)/)[1]);
    await b.page.click('#play');
    const frames = await b.page.evaluate(() => new Promise((resolve) => {
      const times = [];
      let last = performance.now();
      const t0 = last;
      function frame(now) {
        times.push(now - last);
        last = now;
        if (now - t0 < 3000) requestAnimationFrame(frame); else resolve(times);
      }
      requestAnimationFrame(frame);
    }));
    await b.page.click('#play');
    const endStep = Number((await b.page.locator('#step-count').textContent()).match(/^step (\d+)/)[1]);
    frames.sort((x, y) => x - y);
    const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))].toFixed(1);
    console.log(`# bench: run to end ${end} steps in ${(runMs / 1000).toFixed(1)} s (${Math.round(end / (runMs / 1000))} steps/s incl. rendering chunks)`);
    console.log(`# bench: peak ${peak.best} live goroutines at step ${peak.bestStep}`);
    console.log(`# bench: one step at the peak: app ${oneStep.script} ms + style/layout ${oneStep.layout} ms (median of 15), ${oneStep.elements} elements`);
    console.log(`# bench: playing 3 s at 1000 steps/s: ${endStep - startStep} steps, ${frames.length} frames, frame ms p50 ${pct(0.5)} p90 ${pct(0.9)} max ${pct(1)}`);
    const plotPeak = Number((await b.page.locator('#plot h2 .sub').textContent()).match(/peak (\d+)/)[1]);
    assert.ok(plotPeak >= 1000, `1,000 goroutines alive at once (peak ${plotPeak})`);
    assert.ok(frames.length > 10, 'the page keeps drawing while playing');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
