import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';

// Classroom mode in Chromium's WebGPU (SwiftShader without a GPU, so the demo picks the `test`
// size and its shipped checkpoints). Opening the projector stores the site for offline use; the
// projector and the presenter (two pages of one context) keep in step over
// BroadcastChannel while the keyboard walks the projector through every step; each step's
// screenshot is kept in the test's output folder and its text measured. Alone:
//   npx vite build --outDir .cache/dist-class && LAB_DIST=.cache/dist-class LAB_E2E_PORT=4321 npx playwright test e2e/classroom.spec.ts

const at = (page: Page) => page.locator('[data-step]').first();

/** The QR code on a page, decoded from its canvas pixels. */
async function decodeQr(page: Page): Promise<string | null> {
  const img = await page.getByTestId('share-qr').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    return { data: Array.from(d.data), width: d.width, height: d.height };
  });
  return jsQR(Uint8ClampedArray.from(img.data), img.width, img.height)?.data ?? null;
}

/** The smallest computed font size of the visible text in the projector view. */
async function smallestText(page: Page): Promise<{ px: number; what: string }> {
  return page.getByTestId('demo-show').evaluate((root) => {
    let best = { px: Infinity, what: '' };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent?.trim() || el.closest('svg') || !el.checkVisibility()) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < best.px) best = { px, what: `${el.tagName.toLowerCase()}.${el.className}: ${n.textContent.trim().slice(0, 30)}` };
    }
    return best;
  });
}

test('a class: projector and presenter in step, live training and skip, a QR code to the same step, offline after one visit, text of 24 px or more at 1280x720 and 1920x1080', async ({ context, page }, info) => {
  // Each live step is photographed for a look, and its text must be 24 px or more like the others.
  const shot = async (name: string, size = '1280x720') => {
    await page.screenshot({ path: info.outputPath(`projector-${size}-${name}.png`) });
    const small = await smallestText(page);
    info.annotations.push({ type: 'smallest text', description: `${name} at ${size}: ${small.px.toFixed(1)} px (${small.what})` });
    expect.soft(small.px, `${name} at ${size}: ${small.what}`).toBeGreaterThanOrEqual(24);
  };
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // The projector, then the presenter, which follows it. Opening either stores the app, datasets
  // and shipped checkpoints for offline use while the class goes on.
  await page.goto('./#/classroom/show/1');
  const show = page;
  await expect(show.getByTestId('demo-show')).toHaveAttribute('data-step', '1');
  await expect(show.locator('header.top')).toBeHidden();
  await expect(show.getByTestId('demo-controls')).toHaveCount(0);
  const present = await context.newPage();
  present.on('pageerror', (e) => errors.push(e.message));
  await present.goto('./#/classroom/present/1');
  await expect(present.getByTestId('present-next')).toContainText('One text, many questions');

  // 1: raw text and its tokens.
  await expect(show.getByTestId('demo-raw')).toContainText('The Fulton County Grand Jury');
  expect(Number(await show.getByTestId('demo-tokens').getAttribute('data-count'))).toBeGreaterThan(10);
  await shot('step1');

  // 2: next-token pairs (→ on the projector; the presenter follows).
  await show.keyboard.press('ArrowRight');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '2');
  await expect(show.getByTestId('demo-pairs-inputs').locator('td')).toHaveCount(10);
  await shot('step2');

  // 3: pretraining: the estimate before it starts, live training, then skip to the shipped base.
  await show.keyboard.press('Space');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '3');
  await expect(show).toHaveURL(/#\/classroom\/show\/3$/);
  // The projector measured this GPU while steps 1 and 2 were shown: the estimate is a time.
  await expect(show.getByTestId('step-plan')).toContainText('300 steps of 16 on the test model');
  const estimate = show.getByTestId('step-estimate');
  await expect(estimate).toHaveAttribute('data-seconds', /^\d+$/);
  await expect(estimate).toContainText(/Training takes (about|under) .* on this GPU \(measured\)/);
  await shot('step3');
  await present.getByTestId('demo-train').click();
  await expect.poll(async () => Number(await show.getByTestId('demo-progress').getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThan(0);
  await expect(present.getByTestId('present-status')).toContainText(/pretrain run training: step \d+ of 300/);
  await shot('training');
  await present.getByTestId('demo-skip').click();
  await expect(show.getByTestId('skip-result')).toHaveAttribute('data-model', 'shipped:base-test');
  await expect(show.getByTestId('skip-sample-text')).not.toBeEmpty();
  await shot('skipped');

  // 4: the base writes (PageDown, a clicker's key).
  await show.keyboard.press('PageDown');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '4');
  await expect(show.getByTestId('demo-writes-text')).not.toBeEmpty();
  await shot('writes');

  // 5: the class's message reaches the projector; skip loads the shipped tiny classifier, which gives its verdict.
  await show.keyboard.press('ArrowRight');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '5');
  await present.getByTestId('demo-spam-input').fill('Lunch at noon tomorrow? Bring the slides.');
  await present.getByTestId('demo-spam-send').click();
  await expect(show.getByTestId('demo-spam-text')).toHaveText('Lunch at noon tomorrow? Bring the slides.');
  await present.getByTestId('demo-skip').click();
  await expect(show.getByTestId('skip-result')).toHaveAttribute('data-model', 'shipped:spam-test');
  await expect(show.getByTestId('demo-verdict')).toHaveAttribute('data-spam-prob', /^(0|1|0\.\d+|\d\.\d+e-\d+)$/);
  await expect(show.getByTestId('demo-verdict')).toContainText(/Spam: \d+% → (spam|not spam)/);
  await shot('spam');

  // 6: base and instruct answer the same request.
  await show.keyboard.press('ArrowRight');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '6');
  await expect(show.getByTestId('demo-base-text')).not.toBeEmpty();
  await expect(show.getByTestId('demo-instruct-text')).not.toBeEmpty();
  await shot('compare');

  // 7: the quiz, revealed from the presenter.
  await show.keyboard.press('ArrowRight');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '7');
  await present.getByTestId('demo-reveal').click();
  await expect(show.getByTestId('demo-quiz')).toHaveAttribute('data-revealed', 'true');
  await shot('quiz');
  await present.screenshot({ path: info.outputPath('presenter-quiz.png') });

  // Back with ← and PageUp; the step survives a reload.
  await show.keyboard.press('ArrowLeft');
  await show.keyboard.press('PageUp');
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '5');
  await show.reload();
  await expect(show.getByTestId('demo-show')).toHaveAttribute('data-step', '5');

  // The presenter's QR code decodes to the link that opens this step on a student's device.
  const link = await decodeQr(present);
  expect(link).toMatch(/#\/classroom\/5$/);
  expect(link).toBe(await present.getByTestId('share-link').getAttribute('href'));
  const student = await context.newPage();
  await student.goto(link!);
  await expect(student.getByTestId('demo-show')).toHaveAttribute('data-step', '5');
  await expect(student.getByTestId('demo-controls')).toHaveCount(0);
  await student.goto(`${link}?controls=1&text=0`);
  await expect(student.getByTestId('demo-controls')).toBeVisible();
  await expect(student.getByTestId('demo-title')).toHaveCount(0);
  await student.close();

  // With the network gone, a reload still opens the demo from the service worker's cache.
  await expect(present.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready');
  await context.setOffline(true);
  await show.reload();
  await expect(at(show)).toHaveAttribute('data-step', '5');
  await expect(show.getByTestId('demo-spam-text')).toBeVisible();
  await context.setOffline(false);

  // Esc leaves the show for the overview, which says how much is stored.
  await show.keyboard.press('Escape');
  await expect(show.getByTestId('overview-steps')).toBeVisible();
  await expect(show.getByTestId('offline-status')).toContainText(/Ready offline: [\d.]+ MiB stored \(\d+ files/);

  // The projector at 1920x1080: the same steps, the text grown with the screen.
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const n of [1, 2, 3, 7]) {
    await show.goto(`./#/classroom/show/${n}`);
    await expect(show.getByTestId('demo-show')).toHaveAttribute('data-step', String(n));
    await expect(show.getByTestId(['demo-tokens', 'demo-pairs', 'step-plan', 'demo-quiz'][Math.min(n - 1, 3)])).toBeVisible();
    await shot(`step${n}`, '1920x1080');
  }
  // A projector opened at an address follows it, and the presenter follows the projector.
  await expect(present.getByTestId('demo-present')).toHaveAttribute('data-step', '7');
  expect(errors).toEqual([]);
});
