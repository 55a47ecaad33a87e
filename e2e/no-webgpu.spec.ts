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
