import { describe, expect, it } from 'vitest';
import { commandHelp, parseOptions, type CommandSpec } from './args.ts';

const spec: CommandSpec = {
  name: 'pretrain',
  summary: 'train',
  options: {
    steps: { type: 'int', help: 'optimizer steps', default: 100 },
    lr: { type: 'float', help: 'learning rate', default: 3e-3 },
    out: { type: 'string', help: 'checkpoint path', meta: 'FILE', required: true },
    resume: { type: 'bool', help: 'resume', default: false },
  },
};

describe('parseOptions', () => {
  it('reads values in both forms, booleans and defaults', () => {
    expect(parseOptions(spec, ['--steps', '20', '--lr=0.01', '--out', 'a.safetensors', '--resume'])).toEqual({
      steps: 20, lr: 0.01, out: 'a.safetensors', resume: true,
    });
    expect(parseOptions(spec, ['--out=x', '--no-resume'])).toMatchObject({ steps: 100, resume: false });
  });
  it('names the option in every error', () => {
    expect(() => parseOptions(spec, ['--out', 'x', '--stepz', '3'])).toThrow(/unknown option "--stepz".*--steps/);
    expect(() => parseOptions(spec, ['--out', 'x', '--steps', '2.5'])).toThrow(/--steps must be a whole number, got "2.5"/);
    expect(() => parseOptions(spec, ['--out', 'x', '--lr', 'fast'])).toThrow(/--lr must be a number, got "fast"/);
    expect(() => parseOptions(spec, ['--steps', '3'])).toThrow(/--out is required/);
    expect(() => parseOptions(spec, ['--out'])).toThrow(/--out needs a value \(FILE\)/);
    expect(() => parseOptions(spec, ['file.txt'])).toThrow(/unexpected argument "file.txt"/);
  });
  it('prints every option with its default in help', () => {
    const h = commandHelp(spec, 'lab');
    expect(h).toMatch(/--steps INT\s+optimizer steps \(default: 100\)/);
    expect(h).toMatch(/--out FILE\s+checkpoint path \(required\)/);
  });
});
