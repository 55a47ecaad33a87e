// layernorm.wgsl — layer normalization over the last axis (C), forward and backward.
// forward:  out = (inp - mean) * rstd * weight + bias, saving mean and rstd per row for backward
// backward: dinp += ..., dweight += sum over rows of norm * dout, dbias += sum over rows of dout
// One thread per row (and per channel for the parameter gradients): no shared-memory tree, which
// is what runs fastest on SwiftShader, where workgroups run one after another. The *_wg entry
// points at the end are the one-workgroup-per-row variant for real GPUs.
// The parameter gradients are column reductions in a fixed row order, so they are deterministic.
// Must not: overwrite gradients (they accumulate; the zero-grad step clears them).

struct Params {
  N: u32, // rows: B * T
  C: u32,
}

const LN_EPS: f32 = 1e-5;

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> out: array<f32>;  // (B, T, C)
@group(0) @binding(2) var<storage, read_write> mean: array<f32>; // (B, T)
@group(0) @binding(3) var<storage, read_write> rstd: array<f32>; // (B, T)
@group(0) @binding(4) var<storage, read> inp: array<f32>;        // (B, T, C)
@group(0) @binding(5) var<storage, read> weight: array<f32>;     // (C)
@group(0) @binding(6) var<storage, read> bias: array<f32>;       // (C)

@compute @workgroup_size(WG)
fn layernorm_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var row = gid.x; row < p.N; row += nwg.x * WG) {
    let x = row * p.C;
    var m = 0.0;
    for (var c = 0u; c < p.C; c++) {
      m += inp[x + c];
    }
    m /= f32(p.C);
    // Variance from the centred values (two passes), not E[x^2] - E[x]^2, which cancels badly
    // when the mean is large compared with the spread.
    var v = 0.0;
    for (var c = 0u; c < p.C; c++) {
      let d = inp[x + c] - m;
      v += d * d;
    }
    v /= f32(p.C);
    // eps keeps rstd finite for a constant row (variance 0).
    let s = 1.0 / sqrt(v + LN_EPS);
    for (var c = 0u; c < p.C; c++) {
      out[x + c] = (inp[x + c] - m) * s * weight[c] + bias[c];
    }
    mean[row] = m;
    rstd[row] = s;
  }
}

@group(0) @binding(1) var<storage, read_write> dinp: array<f32>; // (B, T, C)
@group(0) @binding(2) var<storage, read> dout: array<f32>;       // (B, T, C)
@group(0) @binding(3) var<storage, read> inp_b: array<f32>;      // (B, T, C)
@group(0) @binding(4) var<storage, read> weight_b: array<f32>;   // (C)
@group(0) @binding(5) var<storage, read> mean_b: array<f32>;     // (B, T)
@group(0) @binding(6) var<storage, read> rstd_b: array<f32>;     // (B, T)

@compute @workgroup_size(WG)
fn layernorm_backward_dinp(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var row = gid.x; row < p.N; row += nwg.x * WG) {
    let x = row * p.C;
    let m = mean_b[row];
    let s = rstd_b[row];
    // Two row means the normalization couples every channel through.
    var dnorm_mean = 0.0;
    var dnorm_norm_mean = 0.0;
    for (var c = 0u; c < p.C; c++) {
      let dnorm = weight_b[c] * dout[x + c];
      dnorm_mean += dnorm;
      dnorm_norm_mean += dnorm * (inp_b[x + c] - m) * s;
    }
    dnorm_mean /= f32(p.C);
    dnorm_norm_mean /= f32(p.C);
    for (var c = 0u; c < p.C; c++) {
      let norm = (inp_b[x + c] - m) * s;
      let dnorm = weight_b[c] * dout[x + c];
      dinp[x + c] += (dnorm - dnorm_mean - norm * dnorm_norm_mean) * s;
    }
  }
}

@group(0) @binding(1) var<storage, read_write> dweight: array<f32>; // (C)
@group(0) @binding(2) var<storage, read_write> dbias: array<f32>;   // (C)
@group(0) @binding(3) var<storage, read> dout_p: array<f32>;        // (B, T, C)
@group(0) @binding(4) var<storage, read> inp_p: array<f32>;         // (B, T, C)
@group(0) @binding(5) var<storage, read> mean_p: array<f32>;        // (B, T)
@group(0) @binding(6) var<storage, read> rstd_p: array<f32>;        // (B, T)

@compute @workgroup_size(WG)
fn layernorm_backward_dparams(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var c = gid.x; c < p.C; c += nwg.x * WG) {
    var dw = 0.0;
    var db = 0.0;
    for (var row = 0u; row < p.N; row++) {
      let d = dout_p[row * p.C + c];
      dw += (inp_p[row * p.C + c] - mean_p[row]) * rstd_p[row] * d;
      db += d;
    }
    dweight[c] += dw;
    dbias[c] += db;
  }
}

// ---- Variant "workgroup": one workgroup per row for real GPUs, threads striding over C with
// coalesced reads and tree reductions (wg_sum in common.wgsl). Same bindings and results (up to
// summation order) as layernorm_forward and layernorm_backward_dinp.

var<workgroup> scratch: array<f32, WG>;

@compute @workgroup_size(WG)
fn layernorm_forward_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var row = wid.x; row < p.N; row += nwg.x) {
    let x = row * p.C;
    var s = 0.0;
    for (var c = lid; c < p.C; c += WG) {
      s += inp[x + c];
    }
    let m = wg_sum(&scratch, lid, s) / f32(p.C);
    var v = 0.0;
    for (var c = lid; c < p.C; c += WG) {
      let d = inp[x + c] - m;
      v += d * d; // centred: two passes, as in layernorm_forward
    }
    let r = 1.0 / sqrt(wg_sum(&scratch, lid, v) / f32(p.C) + LN_EPS);
    for (var c = lid; c < p.C; c += WG) {
      out[x + c] = (inp[x + c] - m) * r * weight[c] + bias[c];
    }
    if (lid == 0u) {
      mean[row] = m;
      rstd[row] = r;
    }
  }
}

@compute @workgroup_size(WG)
fn layernorm_backward_dinp_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var row = wid.x; row < p.N; row += nwg.x) {
    let x = row * p.C;
    let m = mean_b[row];
    let s = rstd_b[row];
    var a = 0.0;
    var b = 0.0;
    for (var c = lid; c < p.C; c += WG) {
      let dnorm = weight_b[c] * dout[x + c];
      a += dnorm;
      b += dnorm * (inp_b[x + c] - m) * s;
    }
    let dnorm_mean = wg_sum(&scratch, lid, a) / f32(p.C);
    let dnorm_norm_mean = wg_sum(&scratch, lid, b) / f32(p.C);
    for (var c = lid; c < p.C; c += WG) {
      let norm = (inp_b[x + c] - m) * s;
      let dnorm = weight_b[c] * dout[x + c];
      dinp[x + c] += (dnorm - dnorm_mean - norm * dnorm_norm_mean) * s;
    }
  }
}
