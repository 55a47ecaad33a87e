// classifier.wgsl — the classification head: gather the hidden state of one position per
// sequence (the last non-padding token), then an NC-class linear layer.
// forward:  logits[b,k] = sum over c of weight[k,c] * inp[b, idx[b], c] + bias[k]
// backward: dinp[b, idx[b], :] += sum over k of dlogits[b,k] * weight[k,:]   (only the gathered rows)
//           dweight[k,c] += sum over b of dlogits[b,k] * inp[b, idx[b], c];  dbias[k] += sum over b of dlogits[b,k]
// The loss over the classes is crossentropy.wgsl with T = 1 and V = NC.
// One thread per output element; every sum runs in a fixed order: deterministic, no atomics.
// Must not: touch dinp rows other than the gathered ones.

struct Params {
  B: u32,
  T: u32,
  C: u32,
  NC: u32,
}

@group(0) @binding(0) var<uniform> p: Params;

@group(0) @binding(1) var<storage, read_write> logits: array<f32>; // (B, NC)
@group(0) @binding(2) var<storage, read> inp: array<f32>;          // (B, T, C)
@group(0) @binding(3) var<storage, read> idx: array<u32>;          // (B) position gathered per sequence
@group(0) @binding(4) var<storage, read> weight: array<f32>;       // (NC, C)
@group(0) @binding(5) var<storage, read> bias: array<f32>;         // (NC)

@compute @workgroup_size(WG)
fn classifier_forward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.B * p.NC; i += nwg.x * WG) {
    let k = i % p.NC;
    let b = i / p.NC;
    let x = (b * p.T + idx[b]) * p.C;
    var acc = bias[k];
    for (var c = 0u; c < p.C; c++) {
      acc += weight[k * p.C + c] * inp[x + c];
    }
    logits[i] = acc;
  }
}

@group(0) @binding(1) var<storage, read_write> dinp: array<f32>; // (B, T, C)
@group(0) @binding(2) var<storage, read> dlogits: array<f32>;    // (B, NC)
@group(0) @binding(3) var<storage, read> idx_i: array<u32>;      // (B)
@group(0) @binding(4) var<storage, read> weight_i: array<f32>;   // (NC, C)

@compute @workgroup_size(WG)
fn classifier_backward_dinp(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.B * p.C; i += nwg.x * WG) {
    let c = i % p.C;
    let b = i / p.C;
    var acc = 0.0;
    for (var k = 0u; k < p.NC; k++) {
      acc += dlogits[b * p.NC + k] * weight_i[k * p.C + c];
    }
    dinp[(b * p.T + idx_i[b]) * p.C + c] += acc;
  }
}

@group(0) @binding(1) var<storage, read_write> dweight: array<f32>; // (NC, C)
@group(0) @binding(2) var<storage, read_write> dbias: array<f32>;   // (NC)
@group(0) @binding(3) var<storage, read> dlogits_p: array<f32>;     // (B, NC)
@group(0) @binding(4) var<storage, read> inp_p: array<f32>;         // (B, T, C)
@group(0) @binding(5) var<storage, read> idx_p: array<u32>;         // (B)

@compute @workgroup_size(WG)
fn classifier_backward_dparams(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var i = gid.x; i < p.NC * p.C; i += nwg.x * WG) {
    let c = i % p.C;
    let k = i / p.C;
    var dw = 0.0;
    var db = 0.0;
    for (var b = 0u; b < p.B; b++) {
      let d = dlogits_p[b * p.NC + k];
      dw += d * inp_p[(b * p.T + idx_p[b]) * p.C + c];
      db += d;
    }
    dweight[i] += dw;
    // The thread of channel 0 of each class also owns that class's bias.
    if (c == 0u) {
      dbias[k] += db;
    }
  }
}
