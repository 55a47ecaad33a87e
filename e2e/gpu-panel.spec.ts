import { expect, test } from '@playwright/test';

test('the home page presents the lab and the worker reports a real adapter', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Train a tiny GPT');
  const panel = page.getByTestId('gpu-panel');
  await expect(panel.getByRole('heading', { name: 'Your GPU' })).toBeVisible();
  // The worker opened a device and ran the self-test kernel on it.
  await expect(page.getByTestId('gpu-selftest')).toContainText('passed');
  await expect(page.getByTestId('gpu-adapter')).not.toHaveText('');
  await expect(page.getByTestId('gpu-vendor')).not.toHaveText('not reported');
  await expect(page.getByTestId('gpu-fallback')).toHaveText(/^(yes|no)/);
  await expect(panel.getByRole('row', { name: /Largest storage buffer binding/ })).toContainText(/\d+ (MiB|GiB)/);
  await expect(page.getByTestId('gpu-kernels')).toContainText(/matmul (blocked8_vec4|blocked_vec4|blocked|tiled)/);
  await expect(page.getByTestId('webgpu-missing')).toHaveCount(0);
});
