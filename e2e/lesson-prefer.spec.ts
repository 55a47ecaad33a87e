import { expect, test } from '@playwright/test';

// Lesson 4 on the tiny shipped instruct model (`shipped:instruct-test`, the test preset) in
// Chromium's WebGPU (SwiftShader here), one page load: a malformed pairs file is refused with its
// file, line and field; a hand-made pair (the better of two answers the model wrote) is accepted;
// a short DPO run draws the margin chart and fills the before/after table, which the stages page
// shows too, and the playground puts the run beside the instruct model. A few steps and the
// smallest score sample keep it short on a shared CPU.

const STEPS = 6;

test('lesson 4: a malformed pairs file is refused, a hand-made pair is accepted, a short DPO run updates the margin chart and the before/after table', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#/lesson/prefer');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Preference tuning');
  await expect(page.getByTestId('prefer-pairs').getByTestId('prefer-pair').first()).toBeVisible();

  // A file whose second line has no "rejected": refused, naming the file, the line and the field.
  const bad = ['{"instruction": "Where was Tova Brenlik born?", "chosen": "I don\'t know.", "rejected": "Born in Garth."}', '{"instruction": "What is the job of Lars Busam?", "chosen": "I don\'t know."}'].join('\n');
  await page.getByTestId('prefer-upload').setInputFiles({ name: 'bad.jsonl', mimeType: 'text/plain', buffer: Buffer.from(bad) });
  await expect(page.getByTestId('prefer-upload-errors')).toContainText('bad.jsonl, line 2, field "rejected": missing field "rejected"');
  await expect(page.getByTestId('prefer-upload-ready')).toHaveCount(0);

  // Start from the tiny instruct model; ask it twice and keep the better answer (again if both match).
  await expect(page.locator('[data-testid="prefer-from"] option[value="shipped:instruct-test"]')).toHaveCount(1);
  await page.getByTestId('prefer-from').selectOption('shipped:instruct-test');
  const question = await page.getByTestId('prefer-hand-question').textContent();
  for (let tries = 0; tries < 4; tries++) {
    await page.getByTestId('prefer-hand-ask').click();
    await expect(page.getByTestId('prefer-hand-a')).toBeVisible();
    if (await page.getByTestId('prefer-hand-pick-a').isEnabled()) break;
  }
  const chosen = (await page.getByTestId('prefer-hand-a').textContent())!;
  await page.getByTestId('prefer-hand-pick-a').click();
  await expect(page.getByTestId('prefer-mine-count')).toContainText('1 pair of yours');
  const mine = page.getByTestId('prefer-my-pair');
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(question!);
  await expect(mine.locator('.chosen')).toHaveText(chosen);

  // A short run with the recipe's pretraining replay (the page loads the corpus for it): the margin
  // chart grows from step 0's margin of 0, the loss chart shows the replayed text's NLL, then the
  // table compares before and after.
  await expect(page.getByTestId('prefer-replay')).toHaveValue('8');
  await page.getByTestId('prefer-steps').fill(String(STEPS));
  await page.getByTestId('prefer-limit').selectOption('6');
  await page.getByTestId('prefer-start').click();
  const chart = page.getByTestId('dpo-margin-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 180_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('dpo-logp-chart')).toBeVisible();
  await expect(page.getByTestId('dpo-loss-chart')).toContainText('replayed text (NLL per token)');
  const table = page.getByTestId('prefer-before-after');
  await expect(table).toBeVisible({ timeout: 120_000 });
  // 6 questions, 2 a row: people the pairs named (lent held-out people), held-out people in no pair, unknown people.
  for (const row of ['in-pairs', 'held-out', 'unknown']) {
    for (const when of ['before', 'after']) await expect(page.getByTestId(`prefer-row-${row}-${when}`).locator('td').nth(2)).toHaveText('2');
  }
  await expect(page.getByTestId('prefer-row-in-pairs-after').locator('td').first()).toHaveText('known people your pairs named');
  await expect(table).toContainText(`step ${STEPS}`);

  // The stages page shows the stage after SFT with the same comparison; the playground offers SFT vs DPO with this run.
  await page.goto('./#/stages');
  await expect(page.getByTestId('stage-prefer')).toBeVisible();
  await expect(page.getByTestId('stage-status-prefer')).toHaveAttribute('data-trained', 'yes');
  await expect(page.getByTestId('stages-after-sft').getByTestId('prefer-row-unknown-after')).toBeVisible();
  await page.goto('./#/playground');
  await expect(page.getByTestId('pg-sft-vs-dpo')).toBeEnabled();
  await page.getByTestId('pg-sft-vs-dpo').click();
  await expect(page.getByTestId('pg-model').nth(1)).toHaveValue('autosave:prefer');
  expect(errors).toEqual([]);
});
