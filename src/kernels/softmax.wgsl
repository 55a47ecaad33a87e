// softmax.wgsl — row-wise causal softmax over attention scores, forward and backward, in place.
// The rows are those of att (B, NH, T, T): row r is query position t = r % T, and only keys
// t2 <= t take part (the causal mask); every element above the diagonal is written 0, so the
// product that filled the row (attention_gemm.ts) may leave garbage there.
// forward:  att[r, t2] = exp(att[r, t2] - max) / sum over t2 <= t   (att holds scale · q·k on entry)
// backward: dpreatt[r, t2] = att[r, t2] * (dpreatt[r, t2] - sum over t2' <= t of att * dpreatt)
//           (dpreatt holds datt = dout · vᵀ on entry)
// 'thread' entry points: one thread per row, no shared memory (SwiftShader); *_wg: one workgroup
// per row with tree reductions (real GPUs). Must not: read or write past a row's end; both are
// overwrites, never accumulations (att and dpreatt are activations/scratch, not gradients).

struct Params {
  rows: u32, // B * NH * T
  T: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> att: array<f32>; // (rows, T)

@compute @workgroup_size(WG)
fn softmax_causal_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var r = gid.x; r < p.rows; r += nwg.x * WG) {
    let t = r % p.T;
    let a = r * p.T;
    // The maximum is subtracted before exp so every exp is <= 1 (no overflow).
    var maxv = -3.0e38;
    for (var t2 = 0u; t2 <= t; t2++) {
      maxv = max(maxv, att[a + t2]);
    }
    var sum = 0.0;
    for (var t2 = 0u; t2 <= t; t2++) {
      let e = exp(att[a + t2] - maxv);
      att[a + t2] = e;
      sum += e;
    }
    let inv = 1.0 / sum; // sum >= 1: the maximum contributes exp(0)
    for (var t2 = 0u; t2 < p.T; t2++) {
      att[a + t2] = select(0.0, att[a + t2] * inv, t2 <= t); // causal mask: no weight on the future
    }
  }
}

@group(0) @binding(1) var<storage, read_write> dpreatt: array<f32>; // (rows, T): datt in, dpreatt out
@group(0) @binding(2) var<storage, read> att_r: array<f32>;         // (rows, T)

@compute @workgroup_size(WG)
fn softmax_causal_backward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var r = gid.x; r < p.rows; r += nwg.x * WG) {
    let t = r % p.T;
    let a = r * p.T;
    var s = 0.0; // sum over t2 of att * datt
    for (var t2 = 0u; t2 <= t; t2++) {
      s += att_r[a + t2] * dpreatt[a + t2];
    }
    for (var t2 = 0u; t2 < p.T; t2++) {
      dpreatt[a + t2] = select(0.0, att_r[a + t2] * (dpreatt[a + t2] - s), t2 <= t);
    }
  }
}

// ---- Variant "workgroup": one workgroup per row; threads stride over the row's positions.

var<workgroup> scratch: array<f32, WG>;

@compute @workgroup_size(WG)
fn softmax_causal_forward_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var r = wid.x; r < p.rows; r += nwg.x) {
    let t = r % p.T;
    let a = r * p.T;
    var m = -3.0e38;
    for (var t2 = lid; t2 <= t; t2 += WG) {
      m = max(m, att[a + t2]);
    }
    let maxv = wg_max(&scratch, lid, m); // subtracted before exp: every exp <= 1
    var s = 0.0;
    for (var t2 = lid; t2 <= t; t2 += WG) {
      let e = exp(att[a + t2] - maxv);
      att[a + t2] = e;
      s += e;
    }
    let inv = 1.0 / wg_sum(&scratch, lid, s); // the sum is >= 1: safe
    // Each thread rescales only the elements it wrote: no storage barrier needed.
    for (var t2 = lid; t2 < p.T; t2 += WG) {
      att[a + t2] = select(0.0, att[a + t2] * inv, t2 <= t); // causal mask
    }
  }
}

@compute @workgroup_size(WG)
fn softmax_causal_backward_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var r = wid.x; r < p.rows; r += nwg.x) {
    let t = r % p.T;
    let a = r * p.T;
    var s = 0.0;
    for (var t2 = lid; t2 <= t; t2 += WG) {
      s += att_r[a + t2] * dpreatt[a + t2];
    }
    let total = wg_sum(&scratch, lid, s);
    for (var t2 = lid; t2 < p.T; t2 += WG) {
      dpreatt[a + t2] = select(0.0, att_r[a + t2] * (dpreatt[a + t2] - total), t2 <= t);
    }
  }
}
