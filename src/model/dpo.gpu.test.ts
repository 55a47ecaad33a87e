// One DPO step of the lab's GPU model (policy and frozen reference, dpo.wgsl in place of the
// cross-entropy) against PyTorch's (scripts/golden/make_dpo_golden.py): the reference's and the
// policy's summed log-probabilities, the loss and its parts, every weight's gradient, and six
// AdamW steps of loss and reward margin; without and with text rows after the pairs (pretraining
// replay).
import { describe, expect, it } from 'vitest';
import { loadDpoGolden } from '../../test/golden.ts';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { flatten, unflatten } from './flat.ts';
import { GPUModel } from './gpt.ts';

const F32 = (n: number) => new Float32Array(n);

describe.each(['gpt2-tiny-dpo-golden.safetensors', 'gpt2-tiny-dpo-replay-golden.safetensors'])('DPO step on the GPU vs PyTorch golden values (%s)', (fixture) => {
  const g = loadDpoGolden(fixture);
  const textRows = g.hyper.text_rows ?? 0;
  const dpo = { beta: g.hyper.beta, nll: g.hyper.nll, textRows, lm: g.hyper.lm ?? 0 };
  const batch = { tokens: g.tokens, targets: g.targets, weights: g.weights };

  async function models() {
    const h = await getHarness();
    const opts = { batchSize: g.B, seqLen: g.T, gradClip: g.hyper.grad_clip, dpo };
    const policy = await GPUModel.create(h.device, h.cache, g.config, opts);
    const ref = await GPUModel.create(h.device, h.cache, g.config, opts);
    policy.setParams(flatten(policy.layout, g.params, F32));
    ref.setParams(flatten(ref.layout, g.refParams, F32));
    // The reference runs forward only; its own DPO figures (against a zero reference) are not used.
    ref.evalStep({ ...batch, refLogps: new Float32Array(g.B) });
    const refLogps = await ref.read('dpo-seq');
    return { policy, ref, refLogps };
  }

    it('step 0: reference and policy log-probabilities, loss, margin and every named gradient', async () => {
      const { policy, ref, refLogps } = await models();
      expectAllClose('reference seq', refLogps, g.refSeq, [g.B], { atol: 1e-4, rtol: 1e-5 });
      policy.gradientStep({ ...batch, refLogps });
      expectAllClose('policy seq', await policy.read('dpo-seq'), g.seq, [g.B], { atol: 1e-4, rtol: 1e-5 });
      const s = await policy.readDpo();
      const got = [s.loss, s.dpoLoss, s.nll, s.margin, s.chosen, s.rejected, ...(textRows ? [s.lm] : [])];
      expectAllClose('loss, dpo loss, nll, margin, chosen, rejected (, text NLL)', got, g.stats, [g.stats.length], { atol: 2e-5, rtol: 1e-4 });
      expect(s.pairs).toBe((g.B - textRows) / 2);
      expect((await policy.readLoss()).loss).toBeCloseTo(g.stats[0], 4);
      const grads = unflatten(policy.layout, await policy.read('grads'));
      for (const name of Object.keys(g.grads)) expectAllClose(`grad ${name}`, grads[name], g.grads[name], [g.grads[name].length], { atol: 2e-5, rtol: 1e-3 });
      policy.destroy();
      ref.destroy();
    });

    it(`${g.hyper.steps} AdamW steps follow PyTorch's loss and reward margin`, async () => {
      const { policy, ref, refLogps } = await models();
      const hp = g.hyper;
      const losses: number[] = [];
      const margins: number[] = [];
      for (let step = 1; step <= hp.steps; step++) {
        policy.trainStep({ ...batch, refLogps }, { lr: hp.lr, beta1: hp.beta1, beta2: hp.beta2, eps: hp.eps, weightDecay: hp.weight_decay, step });
        const s = await policy.readDpo();
        losses.push(s.loss);
        margins.push(s.margin);
      }
      expectAllClose('loss trajectory', losses, g.trajectory, [hp.steps], { atol: 1e-4, rtol: 1e-4 });
      expectAllClose('margin trajectory', margins, g.margins, [hp.steps], { atol: 1e-4, rtol: 1e-4 });
      expect(margins[hp.steps - 1]).toBeGreaterThan(margins[0] + 1); // the preference was learned
      policy.destroy();
      ref.destroy();
    });
});
