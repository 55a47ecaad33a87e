// dpo.wgsl — the DPO loss (direct preference optimisation) on the LM head's logits, with an
// optional NLL term on the chosen responses and an optional language-modelling term on plain text
// rows (pretraining replay). A batch holds P pairs and L text rows as B = 2P + L sequences: rows
// 0..P-1 the chosen responses, rows P..2P-1 the rejected ones in the same order, rows 2P..B-1 the
// text. Three entry points, dispatched in this order:
//   dpo_forward_logprobs: logps[i] = w_i * log softmax(logits_i)[target_i], lse[i] = log-sum-exp of row i
//   dpo_forward_loss:     seq[b] = sum_t logps[b, t] (the response's summed log-probability; weights are
//                         the response mask), per pair h = beta * ((seq_c - ref_c) - (seq_r - ref_r)),
//                         loss = mean_p softplus(-h) + nll * (-sum_p seq_c / chosen tokens)
//                                + lm * (-sum of the text rows' seq / their tokens);
//                         dseq[b] = d loss / d seq[b]; stats as below
//   dpo_backward:         dlogits[i, :] += -dseq[b] * w_i * (softmax(logits_i) - onehot(target_i))
// ref: (B) the frozen reference model's seq for the same rows. A pair counts when both of its rows
// hold a counted token; the means run over counted pairs. The sums run on one thread in index
// order: deterministic, and B*T is small next to B*T*V.
// Must not: write dlogits rows of uncounted positions; read targets where the weight is 0.

struct Params {
  B: u32, // sequences: 2P + L
  T: u32,
  V: u32,
  beta: f32, // strength of the preference (the reward is beta times a log-probability ratio)
  nll: f32,  // weight of the chosen responses' mean token NLL (0: pure DPO)
  L: u32,    // text rows at the end of the batch (0: none)
  lm: f32,   // weight of the text rows' mean token NLL
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> logps: array<f32>; // (B, T)
@group(0) @binding(2) var<storage, read_write> lse: array<f32>;   // (B, T)
@group(0) @binding(3) var<storage, read> logits: array<f32>;      // (B, T, V)
@group(0) @binding(4) var<storage, read> targets: array<u32>;     // (B, T)
@group(0) @binding(5) var<storage, read> weights: array<f32>;     // (B, T)

@compute @workgroup_size(WG)
fn dpo_forward_logprobs(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.B * p.T; i += nwg.x * WG) {
    let w = weights[i];
    if (w == 0.0) {
      logps[i] = 0.0;
      lse[i] = 0.0;
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
    // log p(target) = z_t - lse, from logs: never log(prob), which underflows for improbable tokens.
    lse[i] = maxv + log(sum);
    logps[i] = w * (logits[x + targets[i]] - lse[i]);
  }
}

@group(0) @binding(1) var<storage, read_write> seq: array<f32>;   // (B)
@group(0) @binding(2) var<storage, read_write> dseq: array<f32>;  // (B)
@group(0) @binding(3) var<storage, read_write> stats: array<f32>; // (11), see dpo.ts DPO_STATS
@group(0) @binding(4) var<storage, read> logps_l: array<f32>;     // (B, T)
@group(0) @binding(5) var<storage, read> weights_l: array<f32>;   // (B, T)
@group(0) @binding(6) var<storage, read> refseq: array<f32>;      // (B) the reference's seq

// -log sigmoid(h) = softplus(-h), written so that neither branch overflows.
fn softplus_neg(h: f32) -> f32 {
  return max(-h, 0.0) + log(1.0 + exp(-abs(h)));
}

// sigmoid(-h), the size of the DPO gradient: near 1 while the pair is still ordered wrongly.
fn sigmoid_neg(h: f32) -> f32 {
  let e = exp(-abs(h));
  return select(1.0 / (1.0 + e), e / (1.0 + e), h > 0.0);
}

// Counted tokens of pair q's chosen row (x) and rejected row (y); a pair counts when both have some.
fn pair_weights(q: u32, P: u32) -> vec2<f32> {
  var w = vec2<f32>(0.0, 0.0);
  for (var t = 0u; t < p.T; t++) {
    w += vec2<f32>(weights_l[q * p.T + t], weights_l[(q + P) * p.T + t]);
  }
  return w;
}

@compute @workgroup_size(1)
fn dpo_forward_loss() {
  let P = (p.B - p.L) / 2u;
  var ntok = 0.0; // counted tokens of the counted pairs' chosen rows
  var npairs = 0.0;
  for (var b = 0u; b < p.B; b++) {
    var s = 0.0;
    for (var t = 0u; t < p.T; t++) {
      s += logps_l[b * p.T + t];
    }
    seq[b] = s;
    dseq[b] = 0.0;
  }
  for (var q = 0u; q < P; q++) {
    let w = pair_weights(q, P);
    let wc = w.x;
    let wr = w.y;
    if (wc > 0.0 && wr > 0.0) {
      npairs += 1.0;
      ntok += wc;
    }
  }
  var loss = 0.0;
  var chosen = 0.0;
  var rejected = 0.0;
  var rc = 0.0;
  var rr = 0.0;
  var wins = 0.0;
  for (var q = 0u; q < P; q++) {
    let w = pair_weights(q, P);
    let wc = w.x;
    let wr = w.y;
    if (wc == 0.0 || wr == 0.0) {
      continue;
    }
    let c = q;
    let r = q + P;
    let rewc = p.beta * (seq[c] - refseq[c]);
    let rewr = p.beta * (seq[r] - refseq[r]);
    let h = rewc - rewr;
    loss += softplus_neg(h);
    let g = -p.beta * sigmoid_neg(h) / npairs;
    dseq[c] = g - p.nll / ntok;
    dseq[r] = -g;
    chosen += seq[c];
    rejected += seq[r];
    rc += rewc;
    rr += rewr;
    wins += select(0.0, 1.0, h > 0.0);
  }
  // The text rows: the mean token NLL over all their counted tokens.
  var lmtok = 0.0;
  var lmsum = 0.0;
  for (var b = 2u * P; b < p.B; b++) {
    for (var t = 0u; t < p.T; t++) {
      lmtok += weights_l[b * p.T + t];
    }
    lmsum += seq[b];
  }
  let lmnll = select(0.0, -lmsum / lmtok, lmtok > 0.0);
  for (var b = 2u * P; b < p.B; b++) {
    dseq[b] = select(0.0, -p.lm / lmtok, lmtok > 0.0);
  }
  // No counted pair: every figure is 0, not 0/0.
  let inv = select(0.0, 1.0 / npairs, npairs > 0.0);
  let nll = select(0.0, -chosen / ntok, ntok > 0.0);
  stats[0] = loss * inv + p.nll * nll + p.lm * lmnll;
  stats[1] = loss * inv;
  stats[2] = nll;
  stats[3] = (rc - rr) * inv;
  stats[4] = chosen * inv;
  stats[5] = rejected * inv;
  stats[6] = wins * inv;
  stats[7] = npairs;
  stats[8] = rc * inv;
  stats[9] = rr * inv;
  stats[10] = lmnll;
}

@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>; // (B, T, V)
@group(0) @binding(2) var<storage, read> logits_b: array<f32>;      // (B, T, V)
@group(0) @binding(3) var<storage, read> targets_b: array<u32>;     // (B, T)
@group(0) @binding(4) var<storage, read> weights_b: array<f32>;     // (B, T)
@group(0) @binding(5) var<storage, read> lse_b: array<f32>;         // (B, T)
@group(0) @binding(6) var<storage, read> dseq_b: array<f32>;        // (B)

@compute @workgroup_size(WG)
fn dpo_backward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.B * p.T; i += nwg.x * WG) {
    let w = weights_b[i];
    if (w == 0.0) {
      continue;
    }
    // d seq / d z_v = w * (onehot_v - softmax_v), so d loss / d z_v = -dseq * w * (softmax_v - onehot_v).
    let g = -dseq_b[i / p.T] * w;
    if (g == 0.0) {
      continue;
    }
    let x = i * p.V;
    let tgt = targets_b[i];
    for (var v = 0u; v < p.V; v++) {
      let prob = exp(logits_b[x + v] - lse_b[i]);
      dlogits[x + v] += (prob - select(0.0, 1.0, v == tgt)) * g;
    }
  }
}
