// reduce.wgsl — workgroup reductions for the "workgroup" row-kernel variants (one workgroup per
// row), composed after common.wgsl by the kernels that reduce a row. Every thread passes its partial
// value and gets the combined one back. A fixed tree order, so the result is deterministic.
// reduce_subgroup.wgsl defines the same two functions with subgroup operations. Call from uniform
// control flow; `s` is the caller's scratch of WG floats.
// Real GPUs reward these; SwiftShader runs workgroups one after another and pays ~3 us a barrier.
fn wg_sum(s: ptr<workgroup, array<f32, WG>>, lid: u32, x: f32) -> f32 {
  (*s)[lid] = x;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) {
      (*s)[lid] += (*s)[lid + k];
    }
    workgroupBarrier();
  }
  let r = (*s)[0];
  workgroupBarrier(); // every thread has read the result before the scratch is reused
  return r;
}

fn wg_max(s: ptr<workgroup, array<f32, WG>>, lid: u32, x: f32) -> f32 {
  (*s)[lid] = x;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) {
      (*s)[lid] = max((*s)[lid], (*s)[lid + k]);
    }
    workgroupBarrier();
  }
  let r = (*s)[0];
  workgroupBarrier();
  return r;
}
