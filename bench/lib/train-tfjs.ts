/**
 * The lab's GPT written with TF.js, for the training benchmark only: token + position embeddings,
 * pre-LN blocks (causal multi-head attention, GELU MLP), final layernorm, LM head tied to the
 * token embedding, mean cross-entropy, global-norm gradient clipping and AdamW (decoupled weight
 * decay on the 2-D weights, as src/kernels/adamw.wgsl does), with the same B, T, shapes and
 * hyperparameters as ours. Written the way a TF.js user would (tf ops, variableGrads); it must not
 * import the lab's GPU code.
 */
import * as tf from '@tensorflow/tfjs';
import type { Preset } from '../../src/model/config.ts';
import { BENCH_ADAMW, benchBatch, timeSteps, trainRow, type StepPlan, type TrainTiming } from './train-steps.ts';
import { type TfjsBackend, useTfjsBackend } from './tfjs-bench.ts';

interface Block {
  ln1g: tf.Variable; ln1b: tf.Variable;
  /** (3C, C) and (3C) */
  qkvW: tf.Variable; qkvB: tf.Variable;
  /** (C, C) and (C) */
  projW: tf.Variable; projB: tf.Variable;
  ln2g: tf.Variable; ln2b: tf.Variable;
  /** (4C, C) and (4C) */
  fcW: tf.Variable; fcB: tf.Variable;
  /** (C, 4C) and (C) */
  fcpW: tf.Variable; fcpB: tf.Variable;
}

interface Weights {
  /** (V, C), also the LM head */
  wte: tf.Variable;
  /** (blockSize, C) */
  wpe: tf.Variable;
  blocks: Block[];
  lnfg: tf.Variable; lnfb: tf.Variable;
}

function initWeights(p: Preset): { w: Weights; vars: tf.Variable[]; decay: Set<tf.Variable> } {
  const { nEmbd: C, vocabSize: V, blockSize, nLayer: L } = p.config;
  const vars: tf.Variable[] = [];
  const decay = new Set<tf.Variable>();
  const v = (t: tf.Tensor) => {
    const x = tf.variable(t);
    vars.push(x);
    if (t.rank === 2) decay.add(x);
    return x;
  };
  const normal = (shape: number[], std: number) => v(tf.randomNormal(shape, 0, std, 'float32', vars.length + 1));
  const ones = (n: number) => v(tf.ones([n]));
  const zeros = (n: number) => v(tf.zeros([n]));
  const projStd = 0.02 / Math.sqrt(2 * L);
  const w: Weights = {
    wte: normal([V, C], 0.02),
    wpe: normal([blockSize, C], 0.01),
    blocks: Array.from({ length: L }, () => ({
      ln1g: ones(C), ln1b: zeros(C),
      qkvW: normal([3 * C, C], 0.02), qkvB: zeros(3 * C),
      projW: normal([C, C], projStd), projB: zeros(C),
      ln2g: ones(C), ln2b: zeros(C),
      fcW: normal([4 * C, C], 0.02), fcB: zeros(4 * C),
      fcpW: normal([C, 4 * C], projStd), fcpB: zeros(C),
    })),
    lnfg: ones(C), lnfb: zeros(C),
  };
  return { w, vars, decay };
}

const layernorm = (x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor): tf.Tensor2D => {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).mul(g).add(b);
};
/** x · Wᵀ + b, W in (out, in) layout like llm.c's */
const linear = (x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D => tf.fused.matMul({ a: x, b: W, transposeB: true, bias: b }) as tf.Tensor2D;
/** GELU, tanh form (GPT-2's, as gelu.wgsl); x·x·x, not pow(x, 3), which TF.js-webgpu computes through exp(log x), NaN for x < 0 */
const gelu = (x: tf.Tensor2D): tf.Tensor2D => x.mul(0.5).mul(tf.tanh(x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));

/**
 * Token embedding rows of `tokens`. gather's gradient needs UnsortedSegmentSum, which the wasm
 * backend lacks, so there the gradient is summed into the table with scatterND (which adds
 * duplicate indices); webgpu keeps TF.js's own gather gradient.
 */
function embed(wte: tf.Tensor2D, tokens: tf.Tensor1D): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.gather(wte, tokens) as tf.Tensor2D;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const w = args[0] as tf.Tensor;
    return { value: tf.gather(w, tokens), gradFunc: (dy: tf.Tensor) => tf.scatterND(tokens.expandDims(1), dy, w.shape) };
  });
  return f(wte) as tf.Tensor2D;
}

/** Mean cross-entropy of the model on (B, T) tokens and targets. */
function lossOf(p: Preset, w: Weights, mask: tf.Tensor2D, tokens: tf.Tensor1D, targets: tf.Tensor1D): tf.Scalar {
  const { nEmbd: C, nHead: NH, vocabSize: V } = p.config;
  const B = p.batchSize;
  const T = p.config.blockSize;
  const hs = C / NH;
  let x = embed(w.wte as tf.Tensor2D, tokens).reshape([B, T, C]).add(w.wpe.slice([0, 0], [T, C])).reshape([B * T, C]) as tf.Tensor2D;
  for (const blk of w.blocks) {
    const qkv = linear(layernorm(x, blk.ln1g, blk.ln1b), blk.qkvW as tf.Tensor2D, blk.qkvB as tf.Tensor1D);
    // (B·T, C) each -> (B·NH, T, hs)
    const heads = (t: tf.Tensor) => t.reshape([B, T, NH, hs]).transpose([0, 2, 1, 3]).reshape([B * NH, T, hs]) as tf.Tensor3D;
    const [q, k, v] = tf.split(qkv, 3, 1).map(heads);
    const att = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(hs)).add(mask));
    const y = tf.matMul(att, v).reshape([B, NH, T, hs]).transpose([0, 2, 1, 3]).reshape([B * T, C]) as tf.Tensor2D;
    x = x.add(linear(y, blk.projW as tf.Tensor2D, blk.projB as tf.Tensor1D));
    const h = gelu(linear(layernorm(x, blk.ln2g, blk.ln2b), blk.fcW as tf.Tensor2D, blk.fcB as tf.Tensor1D));
    x = x.add(linear(h, blk.fcpW as tf.Tensor2D, blk.fcpB as tf.Tensor1D));
  }
  const logits = tf.matMul(layernorm(x, w.lnfg, w.lnfb), w.wte, false, true); // tied LM head: (B·T, V)
  return tf.losses.softmaxCrossEntropy(tf.oneHot(targets, V), logits) as tf.Scalar;
}

/** One AdamW step on every variable after clipping the gradients' global norm; returns the loss. */
function trainStep(p: Preset, s: { w: Weights; vars: tf.Variable[]; decay: Set<tf.Variable>; m: tf.Variable[]; v: tf.Variable[]; mask: tf.Tensor2D }, step: number): tf.Scalar {
  const h = BENCH_ADAMW;
  const { tokens, targets } = benchBatch(p.batchSize, p.config.blockSize, p.config.vocabSize, step);
  return tf.tidy(() => {
    const tk = tf.tensor1d(tokens, 'int32');
    const tg = tf.tensor1d(targets, 'int32');
    const { value, grads } = tf.variableGrads(() => lossOf(p, s.w, s.mask, tk, tg), s.vars);
    const gs = s.vars.map((x) => grads[x.name]);
    // stack, not addN or a chain of adds: on TF.js-webgpu 4.22 over SwiftShader, addN of 28 scalars gave 0
    const norm = tf.sqrt(tf.stack(gs.map((g) => tf.sum(tf.square(g)))).sum());
    const clip = tf.minimum(1, tf.div(h.gradClip, norm.add(1e-6)));
    const bc1 = 1 - h.beta1 ** (step + 1);
    const bc2 = 1 - h.beta2 ** (step + 1);
    s.vars.forEach((x, i) => {
      const g = gs[i].mul(clip);
      const m = s.m[i].mul(h.beta1).add(g.mul(1 - h.beta1));
      const v = s.v[i].mul(h.beta2).add(g.square().mul(1 - h.beta2));
      s.m[i].assign(m);
      s.v[i].assign(v);
      let upd = m.div(bc1).div(v.div(bc2).sqrt().add(h.eps));
      if (s.decay.has(x)) upd = upd.add(x.mul(h.weightDecay));
      x.assign(x.sub(upd.mul(h.lr)));
    });
    return tf.keep(value);
  });
}

/** Times training steps of the TF.js GPT on one backend, after one warm-up step (TF.js compiles per shape). */
export async function benchTfjsTrain(p: Preset, backend: TfjsBackend, plan: StepPlan, log: (line: string) => void): Promise<TrainTiming> {
  await useTfjsBackend(backend);
  const T = p.config.blockSize;
  const s = initWeights(p);
  const state = {
    ...s,
    m: s.vars.map((x) => tf.variable(tf.zerosLike(x))),
    v: s.vars.map((x) => tf.variable(tf.zerosLike(x))),
    // (T, T): 0 on and below the diagonal, -1e9 above it (a position never sees a later one)
    mask: tf.tidy(() => tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)).mul(-1e9)) as tf.Tensor2D,
  };
  let last: tf.Scalar | null = null;
  try {
    const timing = await timeSteps(async (n, from) => {
      for (let i = from; i < from + n; i++) {
        last?.dispose();
        last = trainStep(p, state, i);
      }
      await last!.data(); // waits for every queued step
    }, plan);
    const loss = (await last!.data())[0];
    const row = trainRow(p, `tfjs-${backend}`, `TF.js ${tf.version_core}`, timing, loss);
    log(`${p.id} tfjs-${backend}: ${row.msPerStep.toFixed(0)} ms/step, ${row.tokensPerSec.toFixed(1)} tok/s over ${row.steps} steps (warm-up ${row.warmupMs.toFixed(0)} ms), loss ${loss.toFixed(3)}`);
    return row;
  } finally {
    (last as tf.Scalar | null)?.dispose();
    tf.dispose([...state.vars, ...state.m, ...state.v, state.mask]);
  }
}
