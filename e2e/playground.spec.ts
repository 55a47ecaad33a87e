import { expect, test, type Page } from '@playwright/test';
import { BASE_FLAGS, findChromium } from '../scripts/chromium.mjs';

// The playground samples from the tiny shipped test checkpoints (public/models/*-test.safetensors)
// in Chromium's WebGPU (SwiftShader here), a few tokens per pane so each run takes seconds.

const BASE = 'shipped:base-test';
const INSTRUCT = 'shipped:instruct-test';
const PROMPT = 'Define the noun "time".';

const query = (extra = '') =>
  `prompt=${encodeURIComponent(PROMPT)}&t=0.9&k=0&p=1&n=10&seed=7&tpl=1&m=${encodeURIComponent(BASE)}&m=${encodeURIComponent(INSTRUCT)}${extra}`;

async function open(page: Page, q: string) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./#/playground?${q}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Playground');
  return errors;
}

const pane = (page: Page, i: number) => page.getByTestId(`pg-pane-${i}`);

/** Presses Generate and returns each pane's generated tokens once both are done. */
async function generate(page: Page): Promise<string[][]> {
  await expect(page.getByTestId('pg-generate')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('pg-generate').click();
  const out: string[][] = [];
  for (const i of [1, 2]) {
    await expect(pane(page, i)).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
    out.push(await pane(page, i).getByTestId('pg-token').allTextContents());
  }
  return out;
}

test('two panes generate from the shipped base and instruct checkpoints; one seed gives the same text again', async ({ page }) => {
  const errors = await open(page, query());
  await expect(pane(page, 1)).toHaveAttribute('data-model', BASE);
  await expect(pane(page, 2)).toHaveAttribute('data-model', INSTRUCT);
  const first = await generate(page);
  for (const toks of first) {
    expect(toks.length).toBeGreaterThan(0);
    expect(toks.length).toBeLessThanOrEqual(10);
  }
  // Each pane shows the prompt wrapped in the template, as the models saw it.
  await expect(pane(page, 1).getByTestId('pg-prompt-shown')).toContainText('### Instruction:');
  await expect(pane(page, 2).getByTestId('pg-prompt-shown')).toContainText('### Response:');

  expect(await generate(page)).toEqual(first);

  // A different seed draws differently (so the sameness above is the seed's doing, not greedy decoding).
  await page.getByTestId('pg-seed').fill('8');
  const other = await generate(page);
  expect(other).not.toEqual(first);
  // Choosing another model marks the old text as written by the previous one.
  await expect(pane(page, 1).getByTestId('pg-pane-stale')).toHaveCount(0);
  await pane(page, 1).getByTestId('pg-model').selectOption(INSTRUCT);
  await expect(pane(page, 1).getByTestId('pg-pane-stale')).toContainText(`Written by ${BASE}`);
  expect(errors).toEqual([]);
});

test('a generated token opens its probability chart by hover, tap or keyboard', async ({ page }) => {
  await open(page, query());
  await generate(page);
  const p1 = pane(page, 1);
  const tokens = p1.getByTestId('pg-token');
  await tokens.nth(1).hover();
  const chart = p1.getByTestId('prob-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('data-step', '1');
  // The candidates, most likely first, with probabilities in [0, 1]; exactly one row is the drawn token.
  const values = (await chart.locator('.prob-value').allTextContents()).map((t) => parseFloat(t));
  expect(values.length).toBeGreaterThanOrEqual(2);
  const top = values.slice(0, values.length - (values.length > 5 ? 1 : 0));
  for (let i = 1; i < top.length; i++) expect(top[i]).toBeLessThanOrEqual(top[i - 1]);
  for (const v of values) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(100);
  }
  await expect(chart.locator('[data-chosen="true"]')).toHaveCount(1);
  await expect(chart.locator('[data-chosen="true"]')).toContainText('chosen');

  // Keyboard: the tokens are one tab stop; arrows move the chart from step to step, Escape closes it.
  await tokens.nth(0).focus();
  await expect(chart).toHaveAttribute('data-step', '0');
  await expect(tokens.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tokens.nth(1)).toBeFocused();
  await expect(chart).toHaveAttribute('data-step', '1');
  await page.keyboard.press('End');
  const n = await tokens.count();
  await expect(chart).toHaveAttribute('data-step', String(n - 1));
  await page.keyboard.press('Escape');
  await expect(chart).toHaveCount(0);
  // Tap (click) on the other pane's token opens that pane's chart.
  await pane(page, 2).getByTestId('pg-token').first().click();
  await expect(pane(page, 2).getByTestId('prob-chart')).toHaveAttribute('data-step', '0');
});

test('the URL holds the prompt, settings and shipped checkpoints, restores them, and notes bad values', async ({ page }) => {
  await open(page, query());
  await expect(page.getByTestId('pg-prompt')).toHaveValue(PROMPT);
  await expect(page.getByTestId('pg-temperature')).toHaveValue('0.9');
  await expect(page.getByTestId('pg-topK')).toHaveValue('0');
  await expect(page.getByTestId('pg-maxTokens')).toHaveValue('10');
  await expect(page.getByTestId('pg-seed')).toHaveValue('7');
  await expect(page.getByTestId('pg-template')).toBeChecked();
  await expect(pane(page, 2).getByTestId('pg-model')).toHaveValue(INSTRUCT, { timeout: 120_000 });

  // Change things on the page: a preset, a setting, the template, a third pane; the URL follows.
  await page.getByTestId('pg-preset-story').click();
  await expect(page.getByTestId('pg-lookfor')).toContainText('continue the sentence');
  await expect(page.getByTestId('pg-template')).not.toBeChecked();
  await page.getByTestId('pg-temperature').fill('1.2');
  await page.getByTestId('pg-add-pane').click();
  await pane(page, 3).getByTestId('pg-model').selectOption(INSTRUCT);
  await expect.poll(() => page.url()).toContain('t=1.2');
  const url = page.url();
  expect(url).toContain('tpl=0');
  expect(url).toContain(`m=${encodeURIComponent(INSTRUCT)}&m=${encodeURIComponent(INSTRUCT)}`);

  // The link opens the same comparison in a fresh page.
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId('pg-prompt')).toHaveValue('The jury said Friday');
  await expect(other.getByTestId('pg-temperature')).toHaveValue('1.2');
  await expect(other.getByTestId('pg-template')).not.toBeChecked();
  await expect(other.getByTestId('pg-pane-3').getByTestId('pg-model')).toHaveValue(INSTRUCT, { timeout: 120_000 });
  await expect(other.getByTestId('pg-pane-1').getByTestId('pg-model')).toHaveValue(BASE);
  await expect(other.getByTestId('pg-url-notes')).toHaveCount(0);
  await other.close();

  // Bad values fall back to the defaults, each with a note naming it; an unknown checkpoint too.
  await page.goto('./#/playground?t=hot&seed=-3&n=99999&m=shipped:nope&m=' + encodeURIComponent(INSTRUCT));
  const notes = page.getByTestId('pg-url-notes');
  await expect(notes).toContainText('Ignored t="hot"');
  await expect(notes).toContainText('Ignored seed="-3"');
  await expect(notes).toContainText('Ignored n="99999"');
  await expect(page.getByTestId('pg-temperature')).toHaveValue('0.7');
  await expect(notes).toContainText('"shipped:nope" is not available here', { timeout: 120_000 });
  await expect(pane(page, 2).getByTestId('pg-model')).toHaveValue(INSTRUCT);
  // The page rewrote the link to what it uses.
  await expect.poll(() => page.url()).toContain('t=0.7');
});

test('the try-a-message box offers the shipped classifier and the learner\'s own, answers with class probabilities; panes never offer them', async ({ page }) => {
  test.setTimeout(420_000);
  await open(page, query());
  // The tiny shipped classifier (public/models/spam-test) is there before the learner trains one.
  const shippedBox = page.getByTestId('pg-classify');
  await expect(shippedBox).toBeVisible({ timeout: 90_000 });
  await expect(shippedBox.getByRole('combobox').locator('option[value="shipped:spam-test"]')).toHaveCount(1);

  // A two-step head-only run in lesson 2 leaves a classifier checkpoint (its autosave).
  await page.goto('./#/lesson/classify');
  const start = page.getByTestId('class-start');
  await expect(start.locator(`option[value="${BASE}"]`)).toHaveCount(1, { timeout: 90_000 });
  await start.selectOption(BASE);
  await page.getByTestId('class-choice-head').getByRole('radio').check();
  await page.getByTestId('class-steps').fill('2');
  await page.getByTestId('class-batch').fill('2');
  await page.getByTestId('class-start-run').click();
  await expect(page.getByTestId('class-run-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  await page.goto(`./#/playground?${query()}`);
  const box = page.getByTestId('pg-classify');
  await expect(box).toBeVisible({ timeout: 90_000 });
  // A classifier answers spam or ham; it cannot write text, so no pane lists it.
  const classifierIds = await box.getByRole('combobox').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(classifierIds).toEqual(expect.arrayContaining(['shipped:spam-test', 'autosave:classify']));
  const paneIds = await pane(page, 1).getByTestId('pg-model').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const id of classifierIds) expect(paneIds).not.toContain(id);

  await box.getByTestId('pg-classify-text').fill('WIN a FREE prize now!!! <b>click</b>');
  await box.getByTestId('pg-classify-go').click();
  const result = box.getByTestId('pg-classify-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result.locator('li')).toHaveCount(2);
  await expect(result).toContainText('spam');
  await expect(result).toContainText('ham');
  const probs = (await result.locator('.prob-value').allTextContents()).map((t) => parseFloat(t));
  expect(Math.abs(probs[0] + probs[1] - 100)).toBeLessThan(0.2);
  await expect(result.locator('li.chosen')).toHaveCount(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true });

  test('Ctrl+Enter in the prompt generates, a tapped token\'s chart opens, and nothing is wider than the screen', async ({ page }) => {
    await open(page, query());
    await expect(page.getByTestId('pg-generate')).toBeEnabled({ timeout: 120_000 });
    await page.getByTestId('pg-prompt').focus();
    await page.keyboard.press('Control+Enter');
    await expect(pane(page, 2)).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
    await pane(page, 2).getByTestId('pg-token').first().tap();
    await expect(pane(page, 2).getByTestId('prob-chart')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test('without WebGPU the playground says why it cannot generate', async ({ playwright, baseURL }) => {
  const browser = await playwright.chromium.launch({ executablePath: findChromium() ?? undefined, args: BASE_FLAGS });
  try {
    const page = await browser.newPage({ baseURL });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`./#/playground?${query()}`);
    await expect(page.getByTestId('pg-needs-webgpu')).toContainText('WebGPU');
    await expect(page.getByTestId('webgpu-missing')).toContainText('--enable-unsafe-webgpu');
    await expect(page.getByTestId('pg-generate')).toBeDisabled();
    await expect(page.getByTestId('pg-why-not')).toContainText('needs WebGPU');
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
