// The preflight check lists, per step of `npm test`, what the machine must provide, and names
// what is missing: these tests run it on this checkout (whose packages are installed).
import { afterEach, describe, expect, it } from 'vitest';
import { requirements } from './preflight.mjs';

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('preflight requirements', () => {
  it('asks only for the npm packages when no step needs a GPU or a browser', () => {
    const reqs = requirements(['types', 'lint', 'unit']);
    expect(reqs.map((r) => r.what)).toEqual(['npm packages']);
    expect(reqs[0].problem).toBeNull();
  });

  it('names a CHROMIUM_PATH that points nowhere, with the command that fixes it', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chrome';
    const e2e = requirements(['e2e']).find((r) => r.what === 'a Chromium with WebGPU');
    expect(e2e?.problem).toContain('/nonexistent/chrome');
    expect(e2e?.fix).toContain('apt-get install chromium');
    expect(e2e?.apt).toBe(false);
  });
});
