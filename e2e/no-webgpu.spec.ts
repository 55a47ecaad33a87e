import { expect, test } from '@playwright/test';

// This project's browser runs without --enable-unsafe-webgpu: it has navigator.gpu but no adapter.
test('without WebGPU the page says what failed and how to get it, and reading still works', async ({ page }) => {
  await page.goto('./');
  const help = page.getByTestId('webgpu-missing');
  await expect(help).toBeVisible();
  await expect(page.getByTestId('webgpu-missing-reason')).toContainText(/no GPU adapter|does not offer WebGPU/);
  await expect(help).toContainText('--enable-unsafe-webgpu');
  await expect(help).toContainText('Chrome or Edge 113+');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Train a tiny GPT');
});

test('without WebGPU the quiz grades answers and the flashcards flip', async ({ page }) => {
  await page.goto('./#/quiz');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const q = page.getByTestId('q-stage-facts');
  await q.getByRole('radio', { name: 'Pretraining', exact: true }).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await expect(q).toHaveAttribute('data-verdict', 'right');
  await expect(page.getByTestId('score-stage')).toContainText('1 right');
  await page.goto('./#/flashcards');
  await page.getByTestId('flashcard').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('flashcard-side')).toHaveText('Answer');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('flashcard-status')).toContainText('Card 2 of');
});

test('without WebGPU the classroom demo runs its text steps and says which steps it cannot show live', async ({ page }) => {
  await page.goto('./#/classroom');
  await expect(page.getByTestId('overview-not-live')).toContainText('“Pretraining, live”');
  await page.goto('./#/classroom/show/1');
  await expect(page.getByTestId('demo-tokens').getByRole('listitem').first()).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('demo-show')).toHaveAttribute('data-step', '3');
  await expect(page.getByTestId('demo-no-gpu')).toContainText('no WebGPU');
  // The shipped base's record stands in for the run it cannot train.
  await expect(page.getByTestId('skip-result')).toContainText('Base model (tiny test)');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('demo-no-gpu')).toContainText('no model can write');
});
