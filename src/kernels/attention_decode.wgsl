// attention_decode.wgsl — one new query attending to the cached keys and values (KV-cache decoding).
// For each head h, with pos = the new token's position (read from `step`):
//   att[h, t] = softmax over t <= pos of q . k_t / sqrt(HS), 0 for t > pos
//   out[h*HS + i] = sum over t <= pos of att[h, t] * v_t[h*HS + i]
// Causal by construction: the cache holds positions 0..pos only (the caller has already copied the
// new position's k and v into row pos). q is the first C floats of the new position's qkv row.
// The arithmetic (dot order over i, exp after subtracting the max, sum order over t) is the same as
// attention_forward's, so a decoded position reproduces the full-context forward pass.
// pos lives in a storage buffer, not the uniforms, so the bind group is built once and only 4 bytes
// change per token. Any HS and pos (neither needs to be a power of two).
// Must not: write the caches (they are read-only here) or read cache rows past pos.

struct Params {
  C: u32,
  NH: u32,
  maxT: u32, // rows of the caches and of att (the model's blockSize)
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (C)
@group(0) @binding(2) var<storage, read_write> att: array<f32>; // (NH, maxT) attention weights
@group(0) @binding(3) var<storage, read> qkv: array<f32>;       // (3C) new position: q | k | v
@group(0) @binding(4) var<storage, read> kcache: array<f32>;    // (maxT, C)
@group(0) @binding(5) var<storage, read> vcache: array<f32>;    // (maxT, C)
@group(0) @binding(6) var<storage, read> step: array<u32>;      // (1) pos

// One thread per head, no shared memory: what SwiftShader runs fastest (see attention.wgsl).
@compute @workgroup_size(WG)
fn attention_decode(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let scale = 1.0 / sqrt(f32(HS));
  let pos = step[0];
  for (var h = gid.x; h < p.NH; h += nwg.x * WG) {
    let a = h * p.maxT;
    // Scores and their maximum: subtracting it before exp keeps every exp <= 1 (no overflow).
    var maxv = -3.0e38;
    for (var t = 0u; t <= pos; t++) {
      var dot = 0.0;
      for (var i = 0u; i < HS; i++) {
        dot += qkv[h * HS + i] * kcache[t * p.C + h * HS + i];
      }
      let s = dot * scale;
      att[a + t] = s;
      maxv = max(maxv, s);
    }
    var sum = 0.0;
    for (var t = 0u; t <= pos; t++) {
      let e = exp(att[a + t] - maxv);
      att[a + t] = e;
      sum += e;
    }
    let inv = 1.0 / sum; // >= 1 term equals exp(0): safe
    for (var t = 0u; t < p.maxT; t++) {
      att[a + t] = select(0.0, att[a + t] * inv, t <= pos); // rows past pos are not in the cache yet
    }
    for (var i = 0u; i < HS; i++) {
      var acc = 0.0;
      for (var t = 0u; t <= pos; t++) {
        acc += att[a + t] * vcache[t * p.C + h * HS + i];
      }
      out[h * HS + i] = acc;
    }
  }
}

var<workgroup> scratch: array<f32, WG>;

// One workgroup per head: threads split the key positions for the scores and the channels for the
// weighted sum, with tree reductions for the max and the sum. What real GPUs reward for long caches.
@compute @workgroup_size(WG)
fn attention_decode_wg(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let HS = p.C / p.NH;
  let scale = 1.0 / sqrt(f32(HS));
  let pos = step[0];
  for (var h = wid.x; h < p.NH; h += nwg.x) {
    let a = h * p.maxT;
    var m = -3.0e38;
    for (var t = lid; t <= pos; t += WG) {
      var dot = 0.0;
      for (var i = 0u; i < HS; i++) {
        dot += qkv[h * HS + i] * kcache[t * p.C + h * HS + i];
      }
      att[a + t] = dot * scale;
      m = max(m, dot * scale);
    }
    let maxv = wg_max(&scratch, lid, m); // subtracted before exp: every exp <= 1
    var s = 0.0;
    for (var t = lid; t <= pos; t += WG) {
      let e = exp(att[a + t] - maxv);
      att[a + t] = e;
      s += e;
    }
    let inv = 1.0 / wg_sum(&scratch, lid, s); // the sum is >= 1: safe
    for (var t = lid; t < p.maxT; t += WG) {
      att[a + t] = select(0.0, att[a + t] * inv, t <= pos);
    }
    storageBarrier(); // each thread reads the whole att row below, written by all of them
    for (var i = lid; i < HS; i += WG) {
      var acc = 0.0;
      for (var t = 0u; t <= pos; t++) {
        acc += att[a + t] * vcache[t * p.C + h * HS + i];
      }
      out[h * HS + i] = acc;
    }
  }
}
