// Manual policy: clicking a runnable goroutine makes it the next to run (forking the timeline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('manual policy: a clicked goroutine runs next and changes the output', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#source').waitFor({ timeout: 20000 });
    await b.page.fill('#source', WORKERS);
    await b.page.selectOption('#policy', 'manual');
    await b.page.click('#reset');
    // Step until main waits on the WaitGroup and the three workers are runnable.
    for (let i = 0; i < 40; i++) {
      const waiting = await b.page.locator('#g-1 .gstatus').textContent();
      if (/waiting/.test(waiting) && await b.page.locator('#goroutines button.chip.runnable').count() === 3) break;
      await b.page.click('#step');
    }
    const picks = b.page.locator('#goroutines tbody tr td:first-child button.chip.runnable');
    assert.equal(await picks.count(), 3);
    const first = await picks.first().getAttribute('data-g');
    await b.page.screenshot({ path: join(SHOT_DIR, 'manual-before-pick.png') });
    await picks.first().click();
    assert.match(await b.page.locator('#narration').textContent(), new RegExp(`P0 runs G${first} by choice`));
    await b.page.click('#run');
    await b.page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#status').textContent));
    assert.match(await b.page.locator('#stdout').textContent(), /^worker 1\n/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'manual-after-pick.png') });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
