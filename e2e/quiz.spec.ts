import { expect, test, type Page } from '@playwright/test';

// The six behaviours of shared/seeds/004's exercise and their expected outcomes, as the labels a
// learner clicks: 1 pretraining; 2 SFT; 3 SFT primarily; 4, 5 a stage after SFT; 6 pretraining sets
// the cutoff and a later stage teaches admitting it.
const EXPECTED = [
  ['stage-facts', 'Pretraining'],
  ['stage-translate', 'SFT'],
  ['stage-structure', 'SFT'],
  ['stage-refusal', 'A stage after SFT'],
  ['stage-hedging', 'A stage after SFT'],
  ['stage-cutoff', 'Pretraining and a stage after SFT together'],
] as const;

async function answer(page: Page, id: string, option: string) {
  const q = page.getByTestId(`q-${id}`);
  await q.getByRole('radio', { name: option, exact: true }).check();
  await q.getByRole('button', { name: /^Check/ }).click();
  return q;
}

test.beforeEach(async ({ page }) => {
  await page.goto('./#/quiz');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Self-check quiz');
});

test('the which-stage exercise grades all six items against the expected outcomes', async ({ page }) => {
  // A wrong answer first, and a close one, each with the explanation and the expected answer.
  let q = await answer(page, 'stage-refusal', 'SFT');
  await expect(q).toHaveAttribute('data-verdict', 'wrong');
  await expect(q.getByTestId('q-result')).toContainText('Not quite.');
  await expect(q.getByTestId('q-result')).toContainText('Expected: A stage after SFT.');
  q = await answer(page, 'stage-cutoff', 'A stage after SFT');
  await expect(q).toHaveAttribute('data-verdict', 'close');
  await expect(q.getByTestId('q-result')).toContainText('where the pretraining text ends');

  for (const [id, option] of EXPECTED) {
    q = await answer(page, id, option);
    await expect(q, id).toHaveAttribute('data-verdict', 'right');
    const result = q.getByTestId('q-result');
    await expect(result).toContainText('Right.');
    await expect(result).toContainText(`You answered: ${option}.`);
    await expect(result.locator('p').nth(1)).not.toBeEmpty(); // the explanation
  }
  await expect(page.getByTestId('score-stage')).toHaveText('Which stage: 6 right, 0 close, of 6');
  // Only the expected answer is right: "SFT" on the hedging item is wrong.
  q = await answer(page, 'stage-hedging', 'SFT');
  await expect(q).toHaveAttribute('data-verdict', 'wrong');
  await expect(page.getByTestId('score-stage')).toHaveText('Which stage: 5 right, 0 close, of 6');
});

test('progress survives a reload, and reset clears it', async ({ page }) => {
  await answer(page, 'stage-facts', 'Pretraining');
  await answer(page, 'mc-loss-mask', 'Only the prompt tokens');
  const sc = page.getByTestId('sc-lora');
  await sc.getByRole('textbox').fill('frozen base, small low-rank matrices');
  await sc.getByRole('button', { name: 'Show model answer' }).click();
  await expect(sc.getByTestId('model-answer')).toBeVisible();
  await sc.getByRole('button', { name: 'I had it' }).click();
  await expect(page.getByTestId('score-right')).toHaveText('2');
  await expect(page.getByTestId('score-answered')).toHaveText('3');

  await page.reload();
  await expect(page.getByTestId('q-stage-facts')).toHaveAttribute('data-verdict', 'right');
  await expect(page.getByTestId('q-stage-facts').getByRole('radio', { name: 'Pretraining', exact: true })).toBeChecked();
  await expect(page.getByTestId('q-mc-loss-mask')).toHaveAttribute('data-verdict', 'wrong');
  await expect(sc.getByRole('textbox')).toHaveValue('frozen base, small low-rank matrices');
  await expect(sc.getByTestId('model-answer')).toBeVisible();
  await expect(sc.getByRole('button', { name: 'I had it' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('score-right')).toHaveText('2');
  await expect(page.getByTestId('score-answered')).toHaveText('3');

  await page.getByRole('button', { name: 'Reset quiz…' }).click();
  await expect(page.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, clear them' }).click();
  await expect(page.getByTestId('score-answered')).toHaveText('0');
  await expect(page.getByTestId('q-stage-facts')).toHaveAttribute('data-verdict', '');
  await expect(page.getByTestId('q-stage-facts').getByRole('radio', { name: 'Pretraining', exact: true })).not.toBeChecked();
  await page.reload();
  await expect(page.getByTestId('score-answered')).toHaveText('0');
  await expect(sc.getByRole('textbox')).toHaveValue('');
});

test('a graded question can be answered with the keyboard alone, and the result is announced', async ({ page }) => {
  const q = page.getByTestId('q-mc-base-summarize');
  await q.getByRole('radio').first().focus();
  await page.keyboard.press('ArrowDown'); // second option: keep writing in the paragraph's style
  await expect(q.getByRole('radio', { name: /Keep writing text/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(q.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(q).toHaveAttribute('data-verdict', 'right');
  await expect(q.getByRole('status')).toContainText('Right.');
});

test('questions about the learner\'s own runs appear only when such a run exists', async ({ page }) => {
  await expect(page.getByTestId('no-runs')).toBeVisible();
  await expect(page.getByTestId('q-run-classifier-head-only')).toHaveCount(0);
  await page.evaluate(() => localStorage.setItem('webgpu-llm-lab.runs.v1', JSON.stringify({
    classifier: [{ choice: 'all', trainableParams: 2413570, testAccuracy: 0.9612, seconds: 185, finishedAt: 1 }],
    instruct: [],
  })));
  await page.reload();
  await expect(page.getByTestId('no-runs')).toHaveCount(0);
  const q = page.getByTestId('q-run-classifier-head-only');
  await expect(q).toContainText('reached 96.1% test accuracy with 2.4 million trainable parameters in 3 min 5 s');
  await expect(page.getByTestId('q-run-instruct-unmask')).toHaveCount(0);
  await answer(page, 'run-classifier-head-only', 'Far fewer trainable parameters and cheaper steps; accuracy usually somewhat lower, because the body cannot adapt');
  await expect(q).toHaveAttribute('data-verdict', 'right');
  // The "try it" link is there only when the lesson page exists: it must never lead nowhere.
  const links = q.getByRole('link');
  if (await links.count()) {
    await links.first().click();
    await expect(page.getByRole('heading', { name: 'Page not found' })).toHaveCount(0);
  } else {
    await expect(q).toContainText('Try it: train only the head (in a lesson coming soon)');
  }
});

test('the quiz fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByTestId('stage-exercise')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
