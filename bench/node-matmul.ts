/**
 * The Node half of `npm run bench:kernels`: times our matmul variants on Dawn (a real GPU when
 * Node reaches one, else SwiftShader). Started by kernels.mjs with the GPU environment; prints
 * progress on stderr and one JSON line `{ adapter, rows }` on stdout.
 */
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { requestNodeDevice } from '../src/gpu/node.ts';
import { MATMUL_VARIANTS, type MatmulVariant } from '../src/kernels/matmul.ts';
import { benchOurs, type MatmulTiming } from './lib/matmul-bench.ts';
import { BENCH_PRESETS, matmulShapes } from './lib/shapes.ts';

const presets = (process.env.BENCH_PRESETS ?? 'test,small,medium').split(',');
const variants = (process.env.BENCH_VARIANTS ?? MATMUL_VARIANTS.join(',')).split(',') as MatmulVariant[];

const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
const rows: MatmulTiming[] = [];
for (const p of BENCH_PRESETS.filter((q) => presets.includes(q.id))) {
  for (const s of matmulShapes(p)) rows.push(...(await benchOurs(device, cache, s, variants, (l) => console.error(`[node] ${l}`))));
}
process.stdout.write(`${JSON.stringify({ adapter: report.name, rows })}\n`);
device.destroy();
process.exit(0);
