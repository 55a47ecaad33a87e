/**
 * The kernel lab's exercises, as data: which file, the goal, a hint, what Check should say, and
 * what to watch once the kernel trains the model. `edits` is a change the page can make for the
 * learner (`edits`: every occurrence of each `from` in the shipped text becomes its `to`), for exercises whose point
 * is what happens after the edit rather than finding the line. Read by src/pages/KernelLab.tsx.
 */

export interface KernelExercise {
  id: string;
  title: string;
  /** the kernel file it edits */
  file: string;
  goal: string;
  hint: string;
  /** what Check should report, and why */
  check: string;
  /** what to look at in a live run (or in Time) */
  watch: string;
  edits?: { from: string; to: string }[];
}

export const KERNEL_EXERCISES: KernelExercise[] = [
  {
    id: 'softmax-no-max',
    title: 'Softmax without the max subtraction',
    file: 'softmax.wgsl',
    goal: 'Take the maximum out of the exponent in the forward pass, so each weight is exp(score) / sum of exp(score), and see whether the kernel still agrees with its reference.',
    hint: 'Both forward entry points compute `exp(att[a + t2] - maxv)`. Mathematically the subtraction cancels between numerator and denominator; numerically it keeps every exp at most 1.',
    check: 'Check fails. Its scores reach ±100, and exp(100) is about 2.7e43, beyond float32\'s largest value (about 3.4e38): the sum becomes infinite and the row turns into NaN. The first mismatch is in the first row that holds such a score.',
    watch: 'Swap it into a test-preset run anyway. Early in training the attention scores are small, so the loss may go on much as before: a kernel can be wrong and still look healthy until the model meets the values that break it. That is why Check uses awkward values, not typical ones.',
    edits: [{ from: 'exp(att[a + t2] - maxv)', to: 'exp(att[a + t2])' }],
  },
  {
    id: 'no-causal-mask',
    title: 'Attention without the causal mask',
    file: 'attention.wgsl',
    goal: 'Let every position attend to all T positions, the future included, in the forward pass and consistently in the backward pass, then train with it.',
    hint: 'The mask is the condition `t2 <= t` in the loops over keys and in the `select` that zeroes the future. Replace it with `t2 < p.T`; in the backward, the loop that gathers dk and dv over queries starts at `t1 = t`: start it at 0.',
    check: 'Check fails at the very first score, att [0, 0, 0, 0]: the reference gives query 0 all of its weight on key 0, the only one it may see, while the edited kernel shares it with every future key.',
    watch: 'Swap it into a run (this switches the run\'s attention to these row kernels): from the next step every position can read the token it is asked to predict, one place ahead, and in training and validation alike. Watch whether the loss falls below what an honest run reaches, and when. It is not immediate: in a 300-step test-preset run measured on SwiftShader the weights above the diagonal were large, yet the loss stayed with the honest run\'s, because the model had not yet learned which future position to read. Let the model write (the workshop\'s sample panel) after a long run: generation sees only the past, so whatever the model learned to copy is not there. Restore the kernel to put the mask back.',
    edits: [{ from: 't2 <= t', to: 't2 < p.T' }, { from: 'for (var t1 = t; t1 < p.T', to: 'for (var t1 = 0u; t1 < p.T' }],
  },
  {
    id: 'assign-not-accumulate',
    title: '`=` where `+=` belongs',
    file: 'residual.wgsl',
    goal: 'Write the residual\'s first input gradient with `=` instead of `+=`, as if it were the only contribution, and see what catches it.',
    hint: 'In `residual_backward`, change `dinp1[i] += d;` to `dinp1[i] = d;`.',
    check: 'Check fails at coordinate [0] of dinp1: the test fills every gradient buffer with random values before the kernel runs, so overwriting them loses those values. With gradients starting at zero the bug would pass.',
    watch: 'Swap it into a run: the loss curve may not change at all. In this model the residual\'s backward is the first kernel to write that gradient in each step, right after the zero-grad clear, so `=` and `+=` give the same numbers. The bug waits for the day another kernel adds to that gradient first, which is why the check does not rely on the order the model happens to use.',
    edits: [{ from: 'dinp1[i] += d;', to: 'dinp1[i] = d;' }],
  },
  {
    id: 'faster-naive-matmul',
    title: 'Speed up the naive matmul',
    file: 'matmul_naive.wgsl',
    goal: 'Make the naive product faster step by step, keeping Check green after each step: first time it as shipped, then let each thread compute 2, then 4 outputs along a row, reusing each loaded value of A.',
    hint: 'Each thread now reads a whole row of A and a whole column of B for one output. Load `load_a(m, k)` once per k and multiply it into several accumulators (`dot0`, `dot1`, ...) for n, n + 1, ...; guard the extra columns with `n + j < p.N` and stride the n loop by the wider step. The dispatch size stays as matmul.ts sets it; the grid-stride loops cover the rest. matmul_blocked.wgsl is where this road ends: 4×4 outputs per thread, held in registers.',
    check: 'Check must pass at every step: the shapes it uses (37×45×29 and 36×44×28) fill no tile evenly, so a guard that is off by one shows up as a mismatch at the edge.',
    watch: 'Time reports the edited and the shipped naive kernel on the model\'s fc layer in GFLOP/s. Compare each step with the last, and with matmul_blocked.wgsl timed the same way. On a software adapter (SwiftShader) fewer, busier threads win; on a real GPU, memory reuse does.',
  },
];

/** The text an exercise's edits make from the shipped text: every occurrence of each `from`, in order. */
export function applyExerciseEdit(ex: KernelExercise, shipped: string): string {
  return (ex.edits ?? []).reduce((code, e) => code.split(e.from).join(e.to), shipped);
}
