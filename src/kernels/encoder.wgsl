// encoder.wgsl — token + position embedding, forward and backward.
// forward:  out[b,t,:] = wte[inp[b,t],:] + wpe[t,:]
// backward: dwte[v,:] += sum of dout[b,t,:] over the positions (b,t) holding token v
//           dwpe[t,:] += sum over b of dout[b,t,:]
// WGSL has no float atomics, and two positions holding the same token would race on dwte. So the
// CPU, which uploads the tokens each step anyway, also uploads them grouped by token id (see
// encoder_buckets in encoder.ts): one thread per (bucket, channel) sums its positions in a fixed
// order, which makes the result deterministic and equal to the reference up to rounding.
// Must not: write dwte rows of tokens absent from the batch.

struct Params {
  B: u32,
  T: u32,
  C: u32,
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> out: array<f32>; // (B, T, C)
@group(0) @binding(2) var<storage, read> inp: array<u32>;       // (B, T) token ids
@group(0) @binding(3) var<storage, read> wte: array<f32>;       // (V, C)
@group(0) @binding(4) var<storage, read> wpe: array<f32>;       // (maxT, C)

@compute @workgroup_size(WG)
fn encoder_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let N = p.B * p.T * p.C;
  for (var i = gid.x; i < N; i += nwg.x * WG) {
    let c = i % p.C;
    let bt = i / p.C;
    let t = bt % p.T;
    out[i] = wte[inp[bt] * p.C + c] + wpe[t * p.C + c];
  }
}

@group(0) @binding(1) var<storage, read_write> dwte: array<f32>; // (V, C)
@group(0) @binding(2) var<storage, read> dout: array<f32>;       // (B, T, C)
// buckets: (3*B*T + 1) u32, three arrays back to back (BT = B*T):
//   start[0..BT]      bucket u holds positions pos[start[u] .. start[u+1]); unused buckets are empty
//   tok[BT+1 ..]      (BT) token id of bucket u
//   pos[2BT+1 ..]     (BT) flat positions b*T+t, ascending within a bucket
@group(0) @binding(3) var<storage, read> buckets: array<u32>;

@compute @workgroup_size(WG)
fn encoder_backward_wte(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let BT = p.B * p.T;
  let N = BT * p.C;
  for (var i = gid.x; i < N; i += nwg.x * WG) {
    let c = i % p.C;
    let u = i / p.C;
    let first = buckets[u];
    let last = buckets[u + 1u];
    // An empty bucket must not write at all: a "+= 0" here would race with the bucket that owns the row.
    if (first == last) {
      continue;
    }
    var acc = 0.0;
    for (var k = first; k < last; k++) {
      acc += dout[buckets[2u * BT + 1u + k] * p.C + c];
    }
    let tok = buckets[BT + 1u + u];
    dwte[tok * p.C + c] += acc;
  }
}

@group(0) @binding(1) var<storage, read_write> dwpe: array<f32>; // (maxT, C)

@compute @workgroup_size(WG)
fn encoder_backward_wpe(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let N = p.T * p.C;
  for (var i = gid.x; i < N; i += nwg.x * WG) {
    // Column reduction over the batch, in order of b: deterministic.
    var acc = 0.0;
    for (var b = 0u; b < p.B; b++) {
      acc += dout[b * N + i];
    }
    dwpe[i] += acc;
  }
}
