// reduce_subgroup.wgsl — the "subgroup" row-kernel variant's reductions: the same wg_sum and wg_max
// as reduce.wgsl, for adapters with the 'subgroups' feature (the shader starts with `enable
// subgroups;`). Each subgroup combines its values in registers (subgroupAdd, subgroupMax); one
// value per subgroup goes through workgroup memory, and every thread reads those back in lid order.
// Two barriers instead of the tree's seven, and it holds for any subgroup size and any grouping of
// the threads into subgroups. The order of the adds inside a subgroup is the hardware's, so the
// sum can differ from the tree's in the last bits (the GPU tests compare with the same tolerance).
// Call from uniform control flow; `s` is the caller's scratch of WG floats.

fn wg_sum(s: ptr<workgroup, array<f32, WG>>, lid: u32, x: f32) -> f32 {
  let part = subgroupAdd(x);
  // one slot per subgroup holds its sum (its first thread's); every other slot holds 0
  (*s)[lid] = select(0.0, part, lid == subgroupBroadcastFirst(lid));
  workgroupBarrier();
  var total = 0.0;
  for (var i = 0u; i < WG; i++) {
    total += (*s)[i];
  }
  workgroupBarrier(); // every thread has read the slots before the scratch is reused
  return total;
}

fn wg_max(s: ptr<workgroup, array<f32, WG>>, lid: u32, x: f32) -> f32 {
  (*s)[lid] = subgroupMax(x); // max is idempotent: every thread may write its subgroup's maximum
  workgroupBarrier();
  var m = (*s)[0];
  for (var i = 1u; i < WG; i++) {
    m = max(m, (*s)[i]);
  }
  workgroupBarrier();
  return m;
}
