import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AREA_INFO } from '../src/lessons/areas.ts';

// Issue 23's drawings in Chromium's WebGPU (SwiftShader here), on the tiny shipped `test` models:
// lesson 2's model drawing follows the choice and its counts equal the run's; the playground's
// attention view reads back real weights (rows sum to 1, nothing above the diagonal); axe finds no
// serious or critical violation on any page. One page load per check, few steps.

const TINY = 'shipped:base-test';
const INSTRUCT = 'shipped:instruct-test';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Serious and critical axe violations (WCAG 2.1 A and AA) of the page, or of the parts `include` selects. */
async function seriousViolations(page: Page, include: string[] = []): Promise<string[]> {
  let b = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const sel of include) b = b.include(sel);
  const r = await b.analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`);
}

async function expectAxeClean(page: Page, include: string[]): Promise<void> {
  expect(await seriousViolations(page, include)).toEqual([]);
}

test('lesson 2: the drawing lights what each choice trains, with the counts the run reports', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('./#/lesson/classify');
  const start = page.getByTestId('class-start');
  await expect(start.locator(`option[value="${TINY}"]`)).toHaveCount(1, { timeout: 60_000 });
  await start.selectOption(TINY);
  const drawing = page.getByTestId('model-diagram');
  const lit = async () => drawing.locator('[data-state="trains"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-part')));

  // Head only: just the class head is lit; its count is the choice's.
  await page.getByTestId('class-choice-head').getByRole('radio').check();
  await expect(drawing).toHaveAttribute('data-trainable', '66');
  expect(await lit()).toEqual(['head']);
  // Last block: the second (last) block of the test model, the final norm and the head.
  await page.getByTestId('class-choice-last-block').getByRole('radio').check();
  await expect(drawing).toHaveAttribute('data-trainable', (await page.getByTestId('class-choice-last-block').getAttribute('data-trainable'))!);
  expect(await lit()).toEqual(['h.1.ln_1', 'h.1.attn', 'h.1.ln_2', 'h.1.mlp', 'ln_f', 'head']);
  // LoRA: the adapters and the head light up, the matrices they sit beside stay frozen; LoRA to scale appears.
  await page.getByTestId('class-choice-lora').getByRole('radio').check();
  await page.getByTestId('class-lora-rank').selectOption('4');
  await expect(drawing).toHaveAttribute('data-trainable', (await page.getByTestId('class-choice-lora').getAttribute('data-trainable'))!);
  expect(await lit()).toEqual(['h.0.attn.lora', 'h.0.mlp.lora', 'h.1.attn.lora', 'h.1.mlp.lora', 'head']);
  await expect(drawing.locator('[data-part="h.0.attn"]')).toHaveAttribute('data-state', 'frozen');
  const lora = page.getByTestId('lora-scale');
  // The test model's width is 32: W of the qkv matrix is 96 x 32, B 96 x 4, A 4 x 32.
  await expect(lora).toHaveAttribute('data-w', String(96 * 32));
  await expect(lora).toHaveAttribute('data-b', String(96 * 4));
  await expect(lora).toHaveAttribute('data-a', String(4 * 32));

  // The run's own report of what trains equals the drawing's count.
  await page.getByTestId('class-choice-last-block').getByRole('radio').check();
  const drawn = await drawing.getAttribute('data-trainable');
  await page.getByTestId('class-steps').fill('2');
  await page.getByTestId('class-batch').fill('2');
  await page.getByTestId('class-start-run').click();
  await expect(page.getByTestId('class-run-params')).toHaveAttribute('data-trainable', drawn!, { timeout: 60_000 });
  await expect(page.getByTestId('class-run-params')).toHaveAttribute('data-total', (await drawing.getAttribute('data-total'))!);
  await expectAxeClean(page, ['.model-diagram', '.lora-scale']);
  expect(errors).toEqual([]);
});

test('the attention view opens on a playground answer: rows sum to 1, nothing above the diagonal', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto(`./#/playground?prompt=${encodeURIComponent('The jury said')}&t=0.9&k=0&p=1&n=6&seed=7&tpl=0&m=${encodeURIComponent(TINY)}&m=${encodeURIComponent(INSTRUCT)}`);
  await expect(page.getByTestId('pg-generate')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('pg-generate').click();
  for (const i of [1, 2]) await expect(page.getByTestId(`pg-pane-${i}`)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await page.getByTestId('pg-attention-1').click();
  const map = page.getByTestId('attention-main-map');
  await expect(map).toBeVisible({ timeout: 60_000 });
  const n = Number(await map.getAttribute('data-n'));
  expect(n).toBeGreaterThan(3);
  // Every head of every layer of the test model (2 x 2) has its thumbnail.
  await expect(page.getByTestId('attention-main').locator('.attn-thumb')).toHaveCount(4);

  const check = async (which: string) => {
    const cells = await page.getByTestId(which).locator('rect[data-weight]').evaluateAll((els) =>
      els.map((e) => ({ q: Number(e.getAttribute('data-q')), k: Number(e.getAttribute('data-k')), w: Number(e.getAttribute('data-weight')) })));
    expect(cells).toHaveLength(n * n);
    for (let q = 0; q < n; q++) {
      const row = cells.filter((c) => c.q === q);
      expect(Math.abs(row.reduce((s, c) => s + c.w, 0) - 1)).toBeLessThan(1e-4);
      for (const c of row) if (c.k > q) expect(c.w).toBe(0);
    }
    // Attention that is not uniform everywhere: some cell below the first row differs from 1/(q+1).
    expect(cells.some((c) => c.q > 0 && c.k <= c.q && Math.abs(c.w - 1 / (c.q + 1)) > 1e-3)).toBe(true);
  };
  await check('attention-main-map');
  // Another head, then the keyboard reads a cell aloud (both tokens and the weight).
  await page.getByTestId('attn-thumb-1-1').click();
  await expect(map).toHaveAttribute('data-layer', '1');
  await check('attention-main-map');
  // The pointer may rest over the map after the click above (a hovered cell is the cursor): move it off first.
  await page.mouse.move(0, 0);
  await map.locator('svg').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('attention-main-map-readout')).toContainText(/Query 2 ".+" to key 1 ".+": weight \d\.\d{3}/);
  // The instruct model on the same tokens, beside it.
  await page.getByTestId('attention-compare').selectOption(INSTRUCT);
  await expect(page.getByTestId('attention-other-map')).toHaveAttribute('data-n', String(n), { timeout: 60_000 });
  await check('attention-other-map');
  await expectAxeClean(page, ['[data-testid="attention-panel"]']);
  expect(errors).toEqual([]);
});

test('axe: no serious or critical violation on any page', async ({ page }) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  for (const path of ['', ...AREA_INFO.map((a) => a.path)]) {
    const t0 = Date.now();
    await page.goto(`./#/${path}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 60_000 });
    // The kernel lab's editor loads after the page: check its highlighted source too.
    if (path === 'kernels') await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible({ timeout: 60_000 });
    const t1 = Date.now();
    for (const v of await seriousViolations(page)) found.push(`/${path}: ${v}`);
    console.log(`axe /${path}: loaded in ${t1 - t0} ms, checked in ${Date.now() - t1} ms`);
  }
  expect(found).toEqual([]);
});
