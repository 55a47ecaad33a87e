"""Issue 19's follow-up in PyTorch (not the lab's trainer): routes toward a preference stage that meets the bar
robustly, starting from the LAB's shipped models (public/models/instruct-small.safetensors as the SFT model and
reference; base-small.safetensors for the SFT-with-"I don't know." route) and the lab's own pairs file
(public/datasets/world-prefs.jsonl: 100 made-up names x 3, 100 sft + 60 lent held-out people x 12).
Scored greedily as `lab score --families world --pairs public/datasets/world-prefs.jsonl`: the held-out
row is the 40 held-out people the pairs do not ask about; the lent 60 are their own row.

usage (repository root, after `dump-world.ts .cache/world public/datasets/world-prefs.jsonl`; one process at a time):
  nice -n 10 python3 scripts/proto/world_routes.py score lab-instruct
  nice -n 10 python3 scripts/proto/world_routes.py dpo --loss ipo --beta 0.02 --seed 2       # route 1: IPO (tau = beta)
  nice -n 10 python3 scripts/proto/world_routes.py sft --idk 300 --out sft-idk300.pt         # route 2: IDK records in lesson 3
  nice -n 10 python3 scripts/proto/world_routes.py dpo --sft sft-idk300.pt --seed 2
  nice -n 10 python3 scripts/proto/world_routes.py dpo --lr 2e-4 --steps 450 --seed 3       # route 3
Each run appends a row to .cache/world/routes.md.
"""
import argparse, os, random, sys, time
sys.path.insert(0, os.path.dirname(__file__))
import torch, torch.nn.functional as F
from world_model import (DIR, D, T, EOT, load_st, new_params, masked_ce, lr_at, adamw, train_step, save, load, pad_batch,
                         decode, normalise, IDK, generate, score_world, names_in, load_mode)
torch.set_num_threads(1)
PAIRS = 'public/datasets/world-prefs.jsonl'

def model(name):
    """lab-instruct / lab-base: the lab's shipped models (converted once); anything else a .pt under .cache/world."""
    src = {'lab-instruct': 'public/models/instruct-small.safetensors', 'lab-base': 'public/models/base-small.safetensors'}
    if name in src:
        if not os.path.exists(f'{DIR}/{name}.pt'): torch.save(load_st(src[name]), f'{DIR}/{name}.pt')
        name = f'{name}.pt'
    return load(name)

pool = D['prefs'][PAIRS]
sft_names = {p['name'] for p in D['people'] if p['group'] == 'sft'}
LENT = {p['name'] for p in pool if p['kind'] == 'known'} - sft_names  # the 60 held-out people the pairs lend

def score(P):
    rows = score_world(P, lambda r: 'lent' if names_in(r['instruction'], LENT) else None)
    h, u = rows['held-out'], rows['unknown']
    ok = u['idk'] >= 0.5 and h['exact'] >= 0.8 and h['idk'] <= 0.1
    return rows, ok

def line(tag, rows, ok, t0):
    s, h, u, l = rows['sft'], rows['held-out'], rows['unknown'], rows.get('lent', {'exact': 0, 'idk': 0})
    out = (f"| {tag} | {100*s['exact']:.0f} / {100*s['idk']:.0f} | {100*l['exact']:.0f} / {100*l['idk']:.0f} | "
           f"**{100*h['exact']:.1f} / {100*h['idk']:.1f}** (n {h['n']}) | **{100*u['idk']:.0f}** / {100*u['exact']:.0f} / {u['conf']:.2f} | "
           f"{'**meets**' if ok else 'no'} | {time.time()-t0:.0f} s, {load_mode()} |")
    with open(f'{DIR}/routes.md', 'a') as f: f.write(out + '\n')
    print(out, flush=True)

def cmd_score(a):
    t0 = time.time(); rows, ok = score(model(a.ckpt)); line(f'score {a.ckpt}', rows, ok, t0)

def cmd_sft(a):
    """Lesson 3's recipe (300 x 16, lr 1e-3 -> 1e-4, 20 warm-up, prompt masked) from the lab's base, with the first
    --idk of the pairs' "I don't know." records (made-up names, chosen side) added; rows drawn uniformly with
    replacement over the enlarged set (the lab's instructionSource's law, Python's generator)."""
    t0 = time.time(); P = new_params(model(a.base)); params = list(P.values())
    train = list(D['sft']['train']) + [p['chosenEx'] for p in pool if p['kind'] == 'unknown'][:a.idk]
    opt = adamw(params, a.lr); rng = random.Random(a.seed)
    for s in range(a.steps):
        loss = masked_ce(P, *pad_batch([train[rng.randrange(len(train))] for _ in range(a.batch)]))
        train_step(opt, params, loss, lr_at(s, a.lr, a.lr / 10, a.warmup, a.steps))
        if (s + 1) % 100 == 0: print(f'step {s+1} loss {loss.item():.4f} {time.time()-t0:.0f}s', flush=True)
    save(P, a.out); rows, ok = score(P)
    line(f'SFT {a.out}: lab base + {a.idk} IDK records, {a.steps} x {a.batch} lr {a.lr} seed {a.seed}', rows, ok, t0)

def seq_logp(P, exs):
    inp, tgt, m = pad_batch(exs)
    from world_model import forward, V
    l = F.cross_entropy(forward(P, inp).reshape(-1, V), tgt.reshape(-1), reduction='none').view(m.shape)
    return -(l * m).sum(1), (l * m).sum() / m.sum()

def cmd_dpo(a):
    """DPO -log sig(beta h) or IPO (h - 1/(2 beta))^2 on summed response log-probs, + nll x chosen masked-mean CE;
    AdamW (wd 0.1), warm-up then cosine to lr/10, clip 1, batches of pairs drawn uniformly (seeded); all weights."""
    t0 = time.time(); ref = model(a.sft); pairs = [dict(p) for p in D['prefs'][a.pairs]]
    with torch.no_grad():
        for i in range(0, len(pairs), 64):
            ch = pairs[i:i + 64]
            rc, _ = seq_logp(ref, [p['chosenEx'] for p in ch]); rr, _ = seq_logp(ref, [p['rejectedEx'] for p in ch])
            for p, x, y in zip(ch, rc.tolist(), rr.tolist()): p['refc'], p['refr'] = x, y
    P = new_params(ref); params = list(P.values()); opt = adamw(params, a.lr); rng = random.Random(a.seed)
    if a.ptx:  # replay of the pretraining stream (Brown + the world's biographies, the base's own batches), as InstructGPT's PPO-ptx
        pre = D['pretrain']; S, B = pre['steps'], pre['B']; n = S * B * T
        arr = torch.frombuffer(bytearray(open(f'{DIR}/pretrain.bin', 'rb').read()), dtype=torch.int16).long()
        pin, ptg = arr[:n].view(S, B, T), arr[n:].view(S, B, T); ones = torch.ones(B, T)
    for s in range(a.steps):
        batch = [pairs[rng.randrange(len(pairs))] for _ in range(a.batch)]
        lc, nll = seq_logp(P, [p['chosenEx'] for p in batch]); lr_, _ = seq_logp(P, [p['rejectedEx'] for p in batch])
        h = (lc - torch.tensor([p['refc'] for p in batch])) - (lr_ - torch.tensor([p['refr'] for p in batch]))
        pref = -F.logsigmoid(a.beta * h).mean() if a.loss == 'dpo' else ((h - 1 / (2 * a.beta)) ** 2).mean()
        loss = pref + a.nll * nll
        if a.ptx:
            k = rng.randrange(S); rows = torch.tensor([rng.randrange(B) for _ in range(a.ptx_rows)]); o = rng.randrange(T - a.ptx_len + 1)
            xi, yt = pin[k][rows, o:o + a.ptx_len], ptg[k][rows, o:o + a.ptx_len]
            loss = loss + a.ptx * masked_ce(P, xi, yt, torch.ones_like(xi, dtype=torch.float32))
        train_step(opt, params, loss, lr_at(s, a.lr, a.lr / 10, min(a.warmup, a.steps), a.steps))
        if (s + 1) % 100 == 0: print(f'step {s+1} pref {pref.item():.4f} nll {nll.item():.4f} h {h.mean().item():.2f} acc {(h > 0).float().mean().item():.2f} {time.time()-t0:.0f}s', flush=True)
    if a.save: save(P, a.save)
    rows, ok = score(P)
    pairs_tag = ('' if a.pairs == PAIRS else f' pairs {os.path.basename(a.pairs)}') + (f' ptx {a.ptx} x {a.ptx_rows}x{a.ptx_len}' if a.ptx else '')
    line(a.tag or f'{a.loss} b{a.beta} nll{a.nll} lr{a.lr} s{a.steps} B{a.batch} from {a.sft} seed {a.seed}{pairs_tag}', rows, ok, t0)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('score'); p.add_argument('ckpt')
    p = sub.add_parser('sft'); p.add_argument('--base', default='lab-base'); p.add_argument('--out', required=True)
    p.add_argument('--idk', type=int, default=300); p.add_argument('--steps', type=int, default=300); p.add_argument('--batch', type=int, default=16)
    p.add_argument('--lr', type=float, default=1e-3); p.add_argument('--warmup', type=int, default=20); p.add_argument('--seed', type=int, default=1337)
    p = sub.add_parser('dpo'); p.add_argument('--sft', default='lab-instruct'); p.add_argument('--loss', choices=['dpo', 'ipo'], default='dpo')
    p.add_argument('--beta', type=float, default=0.1); p.add_argument('--nll', type=float, default=1.0); p.add_argument('--lr', type=float, default=3e-4)
    p.add_argument('--steps', type=int, default=300); p.add_argument('--batch', type=int, default=16); p.add_argument('--warmup', type=int, default=20)
    p.add_argument('--seed', type=int, default=1337); p.add_argument('--tag'); p.add_argument('--save')
    p.add_argument('--ptx', type=float, default=0, help='weight of a pretraining-stream LM loss (one base batch a step)')
    p.add_argument('--ptx-rows', type=int, default=8, help='pretraining rows a step (drawn from one base batch)')
    p.add_argument('--ptx-len', type=int, default=T, help='tokens a pretraining row (a window of the base batch row)')
    p.add_argument('--pairs', default=PAIRS, help='a prefs file dumped into .cache/world by dump-world.ts (default: the lab\'s)')
    a = ap.parse_args()
    {'score': cmd_score, 'sft': cmd_sft, 'dpo': cmd_dpo}[a.cmd](a)
