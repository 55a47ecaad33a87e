// attention.wgsl — causal multi-head self-attention from the fused qkv projection.
// forward:  for each (b, h, t): att[b,h,t,:] = softmax(q_t . k_t2 / sqrt(HS)) over t2 <= t (0 above),
//           out[b,t,h,:] = sum over t2 of att[b,h,t,t2] * v_t2
// backward: dpreatt (scratch) = att * (datt - sum(att * datt)) with datt = dout . v, then
//           dq, dk, dv accumulated into dinp.
// inp holds q, k and v side by side per position: inp[b,t,0:C] = q, [C:2C] = k, [2C:3C] = v, with
// head h at channels h*HS .. h*HS+HS of each. Any T and HS (neither needs to be a power of two).
// One thread per (b, h, t) row, no shared memory: fastest on SwiftShader, where workgroups run
// one after another; the *_wg entry points at the end are the one-workgroup-per-row variant. Every gradient element is written by exactly one thread: deterministic.
// Must not: overwrite dinp (it accumulates); dpreatt is scratch and is overwritten.

struct Params {
  B: u32,
  T: u32,
  C: u32,
  NH: u32,
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (B, T, C)
@group(0) @binding(2) var<storage, read_write> att: array<f32>; // (B, NH, T, T)
@group(0) @binding(3) var<storage, read> inp: array<f32>;       // (B, T, 3C)

@compute @workgroup_size(WG)
fn attention_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let C3 = 3u * p.C;
  let scale = 1.0 / sqrt(f32(HS));
  for (var row = gid.x; row < p.B * p.NH * p.T; row += nwg.x * WG) {
    let t = row % p.T;
    let h = (row / p.T) % p.NH;
    let b = row / (p.T * p.NH);
    let q = (b * p.T + t) * C3 + h * HS;
    let a = row * p.T;
    // Scores, and their maximum: subtracting it before exp keeps every exp <= 1 (no overflow).
    var maxv = -3.0e38;
    for (var t2 = 0u; t2 <= t; t2++) {
      let k = (b * p.T + t2) * C3 + p.C + h * HS;
      var dot = 0.0;
      for (var i = 0u; i < HS; i++) {
        dot += inp[q + i] * inp[k + i];
      }
      let s = dot * scale;
      att[a + t2] = s;
      maxv = max(maxv, s);
    }
    var sum = 0.0;
    for (var t2 = 0u; t2 <= t; t2++) {
      let e = exp(att[a + t2] - maxv);
      att[a + t2] = e;
      sum += e;
    }
    // sum >= 1 (the maximum contributes exp(0)), so the division is safe.
    let inv = 1.0 / sum;
    for (var t2 = 0u; t2 < p.T; t2++) {
      att[a + t2] = select(0.0, att[a + t2] * inv, t2 <= t); // causal mask: no weight on the future
    }
    let o = (b * p.T + t) * p.C + h * HS;
    for (var i = 0u; i < HS; i++) {
      var acc = 0.0;
      for (var t2 = 0u; t2 <= t; t2++) {
        acc += att[a + t2] * inp[(b * p.T + t2) * C3 + 2u * p.C + h * HS + i];
      }
      out[o + i] = acc;
    }
  }
}

@group(0) @binding(1) var<storage, read_write> dpreatt: array<f32>; // (B, NH, T, T) scratch
@group(0) @binding(2) var<storage, read> dout: array<f32>;          // (B, T, C)
@group(0) @binding(3) var<storage, read> inp_s: array<f32>;         // (B, T, 3C)
@group(0) @binding(4) var<storage, read> att_s: array<f32>;         // (B, NH, T, T)

// One thread per (b, h, t) row: the softmax backward needs the whole row.
@compute @workgroup_size(WG)
fn attention_backward_dpreatt(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let C3 = 3u * p.C;
  for (var row = gid.x; row < p.B * p.NH * p.T; row += nwg.x * WG) {
    let t = row % p.T;
    let h = (row / p.T) % p.NH;
    let b = row / (p.T * p.NH);
    let a = row * p.T;
    let d = (b * p.T + t) * p.C + h * HS;
    var s = 0.0; // sum over t2 of att * datt
    for (var t2 = 0u; t2 <= t; t2++) {
      let v = (b * p.T + t2) * C3 + 2u * p.C + h * HS;
      var datt = 0.0;
      for (var i = 0u; i < HS; i++) {
        datt += dout[d + i] * inp_s[v + i];
      }
      dpreatt[a + t2] = datt;
      s += att_s[a + t2] * datt;
    }
    for (var t2 = 0u; t2 < p.T; t2++) {
      dpreatt[a + t2] = select(0.0, att_s[a + t2] * (dpreatt[a + t2] - s), t2 <= t);
    }
  }
}

@group(0) @binding(1) var<storage, read_write> dinp: array<f32>;  // (B, T, 3C)
@group(0) @binding(2) var<storage, read> dpreatt_r: array<f32>;   // (B, NH, T, T)
@group(0) @binding(3) var<storage, read> dout_r: array<f32>;      // (B, T, C)
@group(0) @binding(4) var<storage, read> inp_r: array<f32>;       // (B, T, 3C)
@group(0) @binding(5) var<storage, read> att_r: array<f32>;       // (B, NH, T, T)

// One thread per (b, h, t): dq of query row t (sums over keys t2 <= t), and dk, dv of key/value
// row t (sums over queries t1 >= t). Each thread owns its three HS-slices of dinp.
@compute @workgroup_size(WG)
fn attention_backward_dqkv(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let C3 = 3u * p.C;
  let scale = 1.0 / sqrt(f32(HS));
  for (var row = gid.x; row < p.B * p.NH * p.T; row += nwg.x * WG) {
    let t = row % p.T;
    let bh = row / p.T; // (b * NH + h): the (B, NH) block of att and dpreatt
    let h = bh % p.NH;
    let b = bh / p.NH;
    let self_ = (b * p.T + t) * C3 + h * HS;
    for (var i = 0u; i < HS; i++) {
      var dq = 0.0;
      for (var t2 = 0u; t2 <= t; t2++) {
        dq += dpreatt_r[row * p.T + t2] * inp_r[(b * p.T + t2) * C3 + p.C + h * HS + i];
      }
      var dk = 0.0;
      var dv = 0.0;
      for (var t1 = t; t1 < p.T; t1++) {
        let at = (bh * p.T + t1) * p.T + t;
        dk += dpreatt_r[at] * inp_r[(b * p.T + t1) * C3 + h * HS + i];
        dv += att_r[at] * dout_r[(b * p.T + t1) * p.C + h * HS + i];
      }
      dinp[self_ + i] += dq * scale;
      dinp[self_ + p.C + i] += dk * scale;
      dinp[self_ + 2u * p.C + i] += dv;
    }
  }
}

// ---- Variant "workgroup": one workgroup per (b, h, t) row, for real GPUs. Threads share a row's
// key positions (scores, softmax) or its head channels (outputs, dq/dk/dv); the row max and sum
// are tree reductions (wg_max, wg_sum in common.wgsl). Same bindings and results (up to summation
// order) as the entry points above.

var<workgroup> scratch: array<f32, WG>;

@compute @workgroup_size(WG)
fn attention_forward_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let C3 = 3u * p.C;
  let scale = 1.0 / sqrt(f32(HS));
  for (var row = wid.x; row < p.B * p.NH * p.T; row += nwg.x) {
    let t = row % p.T;
    let h = (row / p.T) % p.NH;
    let b = row / (p.T * p.NH);
    let q = (b * p.T + t) * C3 + h * HS;
    let a = row * p.T;
    var m = -3.0e38;
    for (var t2 = lid; t2 <= t; t2 += WG) {
      let k = (b * p.T + t2) * C3 + p.C + h * HS;
      var dot = 0.0;
      for (var i = 0u; i < HS; i++) {
        dot += inp[q + i] * inp[k + i];
      }
      att[a + t2] = dot * scale;
      m = max(m, dot * scale);
    }
    let maxv = wg_max(&scratch, lid, m); // subtracted before exp: every exp <= 1
    var s = 0.0;
    for (var t2 = lid; t2 <= t; t2 += WG) {
      let e = exp(att[a + t2] - maxv);
      att[a + t2] = e;
      s += e;
    }
    let inv = 1.0 / wg_sum(&scratch, lid, s); // the sum is >= 1: safe
    for (var t2 = lid; t2 < p.T; t2 += WG) {
      att[a + t2] = select(0.0, att[a + t2] * inv, t2 <= t); // causal mask
    }
    storageBarrier(); // each thread reads the whole att row below, written by all of them
    let o = (b * p.T + t) * p.C + h * HS;
    for (var i = lid; i < HS; i += WG) {
      var acc = 0.0;
      for (var t2 = 0u; t2 <= t; t2++) {
        acc += att[a + t2] * inp[(b * p.T + t2) * C3 + 2u * p.C + h * HS + i];
      }
      out[o + i] = acc;
    }
  }
}

@compute @workgroup_size(WG)
fn attention_backward_dpreatt_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let C3 = 3u * p.C;
  for (var row = wid.x; row < p.B * p.NH * p.T; row += nwg.x) {
    let t = row % p.T;
    let h = (row / p.T) % p.NH;
    let b = row / (p.T * p.NH);
    let a = row * p.T;
    let d = (b * p.T + t) * p.C + h * HS;
    var s = 0.0;
    for (var t2 = lid; t2 <= t; t2 += WG) {
      let v = (b * p.T + t2) * C3 + 2u * p.C + h * HS;
      var datt = 0.0;
      for (var i = 0u; i < HS; i++) {
        datt += dout[d + i] * inp_s[v + i];
      }
      dpreatt[a + t2] = datt;
      s += att_s[a + t2] * datt;
    }
    let total = wg_sum(&scratch, lid, s);
    // Each thread rewrites only the elements it wrote above: no storage barrier needed.
    for (var t2 = lid; t2 < p.T; t2 += WG) {
      dpreatt[a + t2] = select(0.0, att_s[a + t2] * (dpreatt[a + t2] - total), t2 <= t);
    }
  }
}

@compute @workgroup_size(WG)
fn attention_backward_dqkv_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let C3 = 3u * p.C;
  let scale = 1.0 / sqrt(f32(HS));
  for (var row = wid.x; row < p.B * p.NH * p.T; row += nwg.x) {
    let t = row % p.T;
    let bh = row / p.T;
    let h = bh % p.NH;
    let b = bh / p.NH;
    let self_ = (b * p.T + t) * C3 + h * HS;
    for (var i = lid; i < HS; i += WG) {
      var dq = 0.0;
      for (var t2 = 0u; t2 <= t; t2++) {
        dq += dpreatt_r[row * p.T + t2] * inp_r[(b * p.T + t2) * C3 + p.C + h * HS + i];
      }
      var dk = 0.0;
      var dv = 0.0;
      for (var t1 = t; t1 < p.T; t1++) {
        let at = (bh * p.T + t1) * p.T + t;
        dk += dpreatt_r[at] * inp_r[(b * p.T + t1) * C3 + h * HS + i];
        dv += att_r[at] * dout_r[(b * p.T + t1) * p.C + h * HS + i];
      }
      dinp[self_ + i] += dq * scale;
      dinp[self_ + p.C + i] += dk * scale;
      dinp[self_ + 2u * p.C + i] += dv;
    }
  }
}
