// crossentropy.wgsl — softmax cross-entropy over V classes, fused with its backward.
// Three entry points, dispatched in this order:
//   crossentropy_weight_sum:      stats[1] = sum of weights (the count of counted positions)
//   crossentropy_forward_backward: losses[i] = w_i * -log softmax(logits_i)[target_i]
//                                 dlogits[i,:] += (softmax(logits_i) - onehot(target_i)) * w_i / stats[1]
//   crossentropy_loss_mean:       stats[0] = sum of losses / stats[1], the mean loss of this step;
//                                 stats[2] += stats[0], stats[3] += 1: a running sum over steps, so the
//                                 engine reads back stats every N steps (the mean over them is
//                                 stats[2] / stats[3]) and then clears stats[2..3] with fill.
// weights: 1 = counted, 0 = ignored (prompt and padding in instruction tuning); the loss is the
// weighted mean, so its gradient carries w_i / sum(w). The dloss of the mean loss is taken as 1.
// The sums run on one thread in index order: deterministic, and N = B*T is small next to N*V.
// crossentropy_forward_backward_wg is the one-workgroup-per-row variant for real GPUs.
// Must not: write dlogits rows of ignored positions; targets of ignored positions are never read.

struct Params {
  N: u32, // positions: B * T
  V: u32, // classes (vocabulary size, or the classifier's NC)
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> stats: array<f32>; // (4): mean loss, sum of weights, loss sum over steps, steps
@group(0) @binding(2) var<storage, read> weights: array<f32>;     // (B, T)

@compute @workgroup_size(1)
fn crossentropy_weight_sum() {
  var s = 0.0;
  for (var i = 0u; i < p.N; i++) {
    s += weights[i];
  }
  stats[0] = 0.0;
  stats[1] = s;
}

@group(0) @binding(1) var<storage, read_write> losses: array<f32>;  // (B, T)
@group(0) @binding(2) var<storage, read_write> dlogits: array<f32>; // (B, T, V)
@group(0) @binding(3) var<storage, read> logits: array<f32>;        // (B, T, V)
@group(0) @binding(4) var<storage, read> targets: array<u32>;       // (B, T)
@group(0) @binding(5) var<storage, read> weights_f: array<f32>;     // (B, T)
@group(0) @binding(6) var<storage, read> stats_f: array<f32>;       // (4)

@compute @workgroup_size(WG)
fn crossentropy_forward_backward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.N; i += nwg.x * WG) {
    let w = weights_f[i];
    if (w == 0.0) {
      losses[i] = 0.0;
      continue;
    }
    let x = i * p.V;
    // Subtract the row maximum before exp: every exp is then <= 1 and cannot overflow.
    var maxv = -3.0e38;
    for (var v = 0u; v < p.V; v++) {
      maxv = max(maxv, logits[x + v]);
    }
    var sum = 0.0;
    for (var v = 0u; v < p.V; v++) {
      sum += exp(logits[x + v] - maxv);
    }
    let tgt = targets[i];
    // -log(exp(z_t - max) / sum) = log(sum) - (z_t - max): computed from logs, never log(prob),
    // which would lose everything to underflow when the target's probability is tiny.
    losses[i] = w * (log(sum) - (logits[x + tgt] - maxv));
    let g = w / stats_f[1];
    let inv = 1.0 / sum;
    for (var v = 0u; v < p.V; v++) {
      let prob = exp(logits[x + v] - maxv) * inv;
      dlogits[x + v] += (prob - select(0.0, 1.0, v == tgt)) * g;
    }
  }
}

var<workgroup> scratch: array<f32, WG>;

// Variant "workgroup": one workgroup per row, threads striding over V with coalesced reads and tree
// reductions for the max and the sum. For large V on real GPUs; same bindings and results (up to
// summation order) as crossentropy_forward_backward.
@compute @workgroup_size(WG)
fn crossentropy_forward_backward_wg(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  for (var i = wid.x; i < p.N; i += nwg.x) {
    let w = weights_f[i]; // the same for the whole workgroup: the branch below is uniform
    if (w == 0.0) {
      if (lid == 0u) {
        losses[i] = 0.0;
      }
      continue;
    }
    let x = i * p.V;
    var m = -3.0e38;
    for (var v = lid; v < p.V; v += WG) {
      m = max(m, logits[x + v]);
    }
    let maxv = wg_max(&scratch, lid, m); // subtracted before exp: no overflow
    var s = 0.0;
    for (var v = lid; v < p.V; v += WG) {
      s += exp(logits[x + v] - maxv);
    }
    let sum = wg_sum(&scratch, lid, s);
    let tgt = targets[i];
    if (lid == 0u) {
      losses[i] = w * (log(sum) - (logits[x + tgt] - maxv));
    }
    let g = w / stats_f[1];
    let inv = 1.0 / sum;
    for (var v = lid; v < p.V; v += WG) {
      let prob = exp(logits[x + v] - maxv) * inv;
      dlogits[x + v] += (prob - select(0.0, 1.0, v == tgt)) * g;
    }
  }
}

@group(0) @binding(1) var<storage, read_write> stats_m: array<f32>; // (4)
@group(0) @binding(2) var<storage, read> losses_m: array<f32>;      // (B, T)

@compute @workgroup_size(1)
fn crossentropy_loss_mean() {
  var s = 0.0;
  for (var i = 0u; i < p.N; i++) {
    s += losses_m[i];
  }
  // No counted position (all weights 0): the loss is 0, not 0/0.
  let mean = select(0.0, s / stats_m[1], stats_m[1] > 0.0);
  stats_m[0] = mean;
  stats_m[2] += mean;
  stats_m[3] += 1.0;
}
