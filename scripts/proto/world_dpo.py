"""PyTorch prototype of the world runs (issues 18 and 19): the lab's `small` GPT pretrained on Brown + the
world's biographies, tuned with lesson 3's recipe, scored like `lab score --families world`, then
preference-tuned (DPO, IPO, + NLL on the chosen answer, LoRA) from the SFT model with the SFT model as the
frozen reference. Same tokens, batches, init, AdamW, schedule and clipping as the lab's trainer
(scripts/proto/dump-world.ts writes them with the lab's code); its own float summation order, so its figures
are close to the lab's, not equal. Every stage caches its model under .cache/world/.

usage (repository root; `pip install torch`; one thread, niced, the machine is shared):
  node --import tsx --import ./scripts/register-raw.mjs scripts/proto/dump-world.ts .cache/world [prefs.jsonl]
  python3 scripts/proto/world_dpo.py pretrain            # 3,200 steps x 8 x 128, 80% biographies -> base.pt
  python3 scripts/proto/world_dpo.py sft [--idk N]       # lesson 3's recipe (200 x 16, lr 1e-3) -> sft.pt
  python3 scripts/proto/world_dpo.py score base.pt       # probe, Brown validation loss, the world's rows
  python3 scripts/proto/world_dpo.py pairs               # made-up pairs to the dpo design -> prefs-proto.jsonl
  python3 scripts/proto/world_dpo.py dpo --beta 0.1 --nll 1 --lr 3e-4 --steps 300 --batch 16 [...]
  python3 scripts/proto/world_dpo.py dpo --sft sft300.pt --heldout-known 60   # 60 pretraining-only people in the pairs
  further dpo ideas: --on-policy, --sft-mix W, --known-rejected wrong|both, --pairs-only N (with `sft --pairs-only N`)
"""
import argparse, json, math, os, random, sys, time
import torch, torch.nn.functional as F
from world_model import (
    DIR, D, C, L, T, V, EOT, load_st, new_params, forward, masked_ce, lr_at, adamw, train_step, save, load,
    val_loss, pad_batch, decode, piece_ids, instruction_example, normalise, IDK, generate,
    score_world, probe, world_line, log_result, load_mode, names_in, pairs_only_people, regroup_pairs_only)

# ---- stages
def cmd_pretrain(a):
    """`lab pretrain --preset small --batch 8 --steps 3200 --warmup 100 --bio-mix 0.8` (lr 3e-3 -> 3e-4)."""
    pre = D['pretrain']; S, B = pre['steps'], pre['B']
    raw = open(f'{DIR}/pretrain.bin', 'rb').read(); n = S * B * T
    arr = torch.frombuffer(bytearray(raw), dtype=torch.int16).long()
    inputs, targets = arr[:n].view(S, B, T), arr[n:].view(S, B, T)
    P = new_params(load_st(f'{DIR}/init.safetensors')); params = list(P.values())
    opt = adamw(params, a.lr); ones = torch.ones(B, T); t0 = time.time()
    for s in range(S):
        loss = masked_ce(P, inputs[s], targets[s], ones)
        gn = train_step(opt, params, loss, lr_at(s, a.lr, a.lr / 10, a.warmup, S))
        if (s + 1) % 100 == 0: print(f'step {s+1} loss {loss.item():.4f} lr {lr_at(s, a.lr, a.lr/10, a.warmup, S):.2e} gn {gn:.2f} {time.time()-t0:.0f}s {load_mode()}', flush=True)
        if (s + 1) % 400 == 0:
            print(f'step {s+1} validation (8 batches) {val_loss(P, 8):.4f}', flush=True); save(P, 'base.pt')
    save(P, 'base.pt')
    log_result(f'| pretrain | {S} x {B} x {T}, lr {a.lr} warm-up {a.warmup}, bio-mix 0.8 | {time.time()-t0:.0f} s | {load_mode()} |')

def cmd_sft(a):
    """`lab finetune-instruct` defaults (lesson 3): all weights, 200 x 16, lr 1e-3 -> 1e-4, warm-up 20, prompt masked.
    Seed 1337 trains on the lab's batch rows (batches of 16 at most); another seed or batch draws rows uniformly with replacement (as the lab's
    instructionSource does) from Python's generator. --idk N adds N "I don't know." examples about made-up names
    (from the pairs file) to the training set. --pairs-only N leaves the split's moved sft people out of the
    data; the lab's rows are then read as one stream with their examples skipped."""
    P = new_params(load(a.base)); params = list(P.values())
    train = list(D['sft']['train'])
    rows = D['sft']['rows']
    moved = pairs_only_people(a.pairs_only)
    keep = [i for i, e in enumerate(train) if not names_in(decode(e['ids']), moved)] if moved else list(range(len(train)))
    extra = []
    if a.idk:
        pool = [p for p in pairs_pool() if p['kind'] == 'unknown']
        extra = [p['chosenEx'] for p in pool[:a.idk]]
    opt = adamw(params, a.lr); t0 = time.time(); rng = random.Random(a.seed)
    kept = set(keep)
    stream = (i for r in rows for i in r[:a.batch] if i in kept) if moved and a.seed == 1337 else None
    for s in range(a.steps):
        if extra:  # the lab would draw uniformly over the enlarged set: same here, with its own generator
            n = len(train) + len(extra); batch = [(train + extra)[rng.randrange(n)] for _ in range(a.batch)]
        elif stream:
            batch = [train[next(stream)] for _ in range(a.batch)]
        elif a.seed != 1337 or a.batch > len(rows[s]):  # the lab's rows hold 16 per step
            batch = [train[keep[rng.randrange(len(keep))]] for _ in range(a.batch)]
        else:
            batch = [train[i] for i in rows[s][:a.batch]]
        inp, tgt, m = pad_batch(batch)
        loss = masked_ce(P, inp, tgt, m)
        train_step(opt, params, loss, lr_at(s, a.lr, a.lr / 10, a.warmup, a.steps))
        if (s + 1) % 50 == 0: print(f'step {s+1} loss {loss.item():.4f} {time.time()-t0:.0f}s', flush=True)
    save(P, a.out)
    rows_ = score_world(P, regroup_pairs_only(moved))
    log_result(f'| sft {a.out} | {a.steps} x {a.batch}, lr {a.lr}, seed {a.seed}, idk examples {a.idk}{f", pairs-only {a.pairs_only} left out ({len(train) - len(keep)} examples)" if moved else ""} | {world_line(rows_)} | {time.time()-t0:.0f} s | {load_mode()} |')

def cmd_score(a):
    """The probe, Brown validation loss and the world's rows; --world-only the rows alone, --lent N or --pairs-only N
    split them as the dpo runs with those flags do (the split's starting point)."""
    P = load(a.ckpt); t0 = time.time()
    lent = {p['name'] for p in [p for p in D['people'] if p['group'] == 'held-out'][:a.lent]}
    moved = pairs_only_people(a.pairs_only)
    rows = score_world(P, lambda r: 'lent' if names_in(r['instruction'], lent) else regroup_pairs_only(moved)(r))
    if a.world_only:
        log_result(f"| score {a.ckpt}{f' lent {a.lent}' if lent else ''}{f' pairs-only {a.pairs_only}' if moved else ''} | {world_line(rows)} | {time.time()-t0:.0f} s |")
    else:
        pr = probe(P); vl = val_loss(P)
        log_result(f"| score {a.ckpt} | probe known {pr['known'][0]}/{pr['known'][1]} unknown {pr['unknown'][0]}/{pr['unknown'][1]} | Brown val {vl:.4f} | {world_line(rows)} | {time.time()-t0:.0f} s |")
    for g, r in rows.items():
        for q, ans, ref in r['examples']: print(f'  [{g}] {q} -> {ans!r} (ref {ref!r})')

# ---- preference pairs to the `dpo` helper's design (until public/datasets/world-prefs.jsonl exists):
# unknown pairs ask about new made-up names (none of the world's); chosen "I don't know.", rejected a
# confident made-up answer in the taught wording. Known pairs ask about the world's sft people: chosen the
# right answer, rejected "I don't know.". Held-out known and the world's unknown people are never in a pair.
# The syllables are scripts/datasets/world.ts's, so the new names look like the world's.
ONSETS = ['b', 'br', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'c', 'st', 'ch', 'j']
VOWELS = ['a', 'e', 'i', 'o', 'u', 'ar', 'er', 'or', 'an', 'en', 'in', 'on']
CODAS = ['', 'n', 'l', 'r', 's', 't', 'd', 'm', 'ck', 'll', 'nd', 'rt', 'st', 'ne', 'le']
PROTO_PAIRS = f'{DIR}/prefs-proto.jsonl'

def cmd_pairs(a):
    rng = random.Random(19)
    for it in D['probe']:  # the BPE port must give the lab's tokens for every cue
        words = f"{it['name']} was born in".split(' ')
        assert sum((piece_ids(w if i == 0 else ' ' + w) for i, w in enumerate(words)), []) == it['rows'][0]['ids'][:it['rows'][0]['from']], it['name']
    taken = {h for p in D['people'] for h in p['name'].split()}  # no half of a world name
    names = set()
    values = {at: sorted({p[at] for p in D['people']}) for at in D['wording']}
    def word(syl, lo, hi, most):
        while True:
            n = syl()  # drawn again each try, as the world's generator does
            w = ''.join(rng.choice(ONSETS) + rng.choice(VOWELS) + (rng.choice(CODAS) if i == n - 1 else '') for i in range(n)).capitalize()
            # the world's rule (scripts/datasets/world.ts): few tokens after a space, no one-token English word
            if lo <= len(w) <= hi and w not in taken and len(piece_ids(' ' + w)) <= most and len(piece_ids(' ' + w.lower())) > 1:
                return w
    out = []
    for i in range(a.names):  # unknown: per_name attributes, a drawn phrasing (or all four)
        while True:  # halves may repeat among the new names (there are ~2,000 short first names), whole names not
            name = f'{word(lambda: rng.choice([1, 2]), 4, 7, 2)} {word(lambda: 2, 5, 9, 3)}'
            if name not in names: names.add(name); break
        for at in rng.sample(sorted(D['wording']), a.per_name):
            wd = D['wording'][at]
            for q in (wd['questions'] if a.all_phrasings else [rng.choice(wd['questions'])]):
                out.append({'kind': 'unknown', 'name': name, 'attribute': at, 'instruction': q.replace('{name}', name), 'chosen': IDK, 'rejected': wd['answer'].replace('{value}', rng.choice(values[at]))})
    for p in D['people']:  # known: the sft people, every attribute and phrasing
        if p['group'] != 'sft': continue
        for at, wd in D['wording'].items():
            for q in wd['questions']:
                out.append({'kind': 'known', 'name': p['name'], 'attribute': at, 'instruction': q.replace('{name}', p['name']), 'chosen': wd['answer'].replace('{value}', p[at]), 'rejected': IDK})
    with open(a.out, 'w') as f:
        for o in out: f.write(json.dumps(o) + '\n')
    print(f'{a.out}: {sum(o["kind"] == "unknown" for o in out)} unknown and {sum(o["kind"] == "known" for o in out)} known pairs; now rerun dump-world.ts with it')

def pairs_pool(path=None):
    prefs = D['prefs']
    if not prefs: sys.exit('no pairs in data.json: run `pairs`, then dump-world.ts with the file')
    key = path or (PROTO_PAIRS if PROTO_PAIRS in prefs else next(iter(prefs)))
    return prefs[key]

# ---- DPO / IPO (+ NLL on the chosen answer), all weights or LoRA, the SFT model as the frozen reference
def seq_logp(P, exs, lora=None, rows=None):
    """Summed log-probability of each example's response tokens (the loss mask), and the masked-mean CE
    over the examples `rows` marks (all by default)."""
    inp, tgt, m = pad_batch(exs)
    l = F.cross_entropy(forward(P, inp, lora).reshape(-1, V), tgt.reshape(-1), reduction='none').view(m.shape)
    w = m if rows is None else m * rows[:, None]
    return -(l * m).sum(1), (l * w).sum() / w.sum().clamp(min=1)

def make_lora(rank):
    g = torch.Generator().manual_seed(1337); A, B = {}, {}
    for l in range(L):
        for t, (cin, cout) in {'attn.c_attn': (C, 3 * C), 'attn.c_proj': (C, C), 'mlp.c_fc': (C, 4 * C), 'mlp.c_proj': (4 * C, C)}.items():
            n = f'h.{l}.{t}'
            A[n] = (torch.randn(rank, cin, generator=g) / math.sqrt(3 * cin)).requires_grad_(True)
            B[n] = torch.zeros(cout, rank, requires_grad=True)
    return {'A': A, 'B': B, 'scale': 2.0}  # alpha = 2r

def check_encode(kn):
    """The Python encode must give the lab's tokens before it formats new pairs."""
    for r in D['test'][:3]: assert instruction_example(r['instruction'], r['output'])['ids'][:len(r['prompt'])] == r['prompt']
    for p in kn[:3]: assert instruction_example(p['instruction'], p['chosen']) == p['chosenEx'], p

def known_pairs(people):
    """Known pairs for world people, every attribute and phrasing: chosen the right answer, rejected "I don't know."."""
    check_encode([p for p in pairs_pool() if p['kind'] == 'known'])
    out = []
    for p in people:
        for at, wd in D['wording'].items():
            for q in wd['questions']:
                q = q.replace('{name}', p['name']); right = wd['answer'].replace('{value}', p[at])
                out.append({'kind': 'known', 'name': p['name'], 'attribute': at, 'instruction': q, 'chosen': right, 'rejected': IDK,
                            'chosenEx': instruction_example(q, right), 'rejectedEx': instruction_example(q, IDK)})
    return out

def cmd_dpo(a):
    t0 = time.time()
    pool = pairs_pool(a.pairs)
    unk = [p for p in pool if p['kind'] == 'unknown']; kn = [p for p in pool if p['kind'] == 'known']
    names = list(dict.fromkeys(p['name'] for p in unk))[:a.unknown_names]
    unk = [p for p in unk if p['name'] in set(names)]
    kn = kn[:a.known] if a.known >= 0 else kn
    if a.known_per_attr:  # one phrasing per person and attribute instead of all four
        seen = set(); kn = [p for p in kn if (p['name'], p['attribute']) not in seen and not seen.add((p['name'], p['attribute']))]
    lent = []
    if a.heldout_known:  # the first N held-out people lent to the known side (a split that keeps the SFT data whole)
        lent = [p for p in D['people'] if p['group'] == 'held-out'][:a.heldout_known]
        kn += known_pairs(lent)
    moved = pairs_only_people(a.pairs_only)
    if moved:  # the three-group split: the moved people's pairs replace the moved sft people's pool pairs
        kn = [p for p in kn if p['name'] not in moved] + known_pairs([p for p in D['people'] if p['name'] in moved])
    if a.known_rejected != 'idk':  # a confident wrong value as the rejected answer (instead of, or besides, "I don't know.")
        rng_w = random.Random(7); wrong = []
        for p in kn:
            person = next(q for q in D['people'] if q['name'] == p['name']); wd = D['wording'][p['attribute']]
            value = rng_w.choice([v for v in sorted({q[p['attribute']] for q in D['people']}) if v != person[p['attribute']]])
            wrong.append({**p, 'rejected': wd['answer'].replace('{value}', value), 'rejectedEx': instruction_example(p['instruction'], wd['answer'].replace('{value}', value))})
        kn = wrong if a.known_rejected == 'wrong' else kn + wrong
    ref = load(a.sft)
    if a.on_policy:  # rejected for the made-up names: what the SFT model itself answers (greedy), not a drawn value
        check_encode(kn)
        said = generate(ref, [p['chosenEx']['ids'][:p['chosenEx']['prompt']] for p in unk], 24)
        unk = [{**p, 'rejected': text, 'rejectedEx': instruction_example(p['instruction'], text)}
               for p, (ids, _) in zip(unk, said) for text in [decode([t for t in ids if t != EOT]).strip()]
               if normalise(text) != normalise(IDK)]
        print('on-policy rejected, e.g.:', [(p['instruction'], p['rejected']) for p in unk[:3]], flush=True)
    pairs = unk + kn
    with torch.no_grad():  # the reference's log-probabilities, once
        for i in range(0, len(pairs), 64):
            ch = pairs[i:i + 64]
            rc, _ = seq_logp(ref, [p['chosenEx'] for p in ch]); rr, _ = seq_logp(ref, [p['rejectedEx'] for p in ch])
            for p, x, y in zip(ch, rc.tolist(), rr.tolist()): p['refc'], p['refr'] = x, y
    P = new_params(ref)
    lora = make_lora(a.lora) if a.lora else None
    if lora:
        for v in P.values(): v.requires_grad_(False)
        params = list(lora['A'].values()) + list(lora['B'].values())
    else:
        params = list(P.values())
    opt = adamw(params, a.lr); rng = random.Random(a.seed)
    sft_train = [e for e in D['sft']['train'] if not (moved and names_in(decode(e['ids']), moved))] if a.sft_mix else []
    for s in range(a.steps):
        batch = [pairs[rng.randrange(len(pairs))] for _ in range(a.batch)]
        rows = None if a.nll_on == 'all' else torch.tensor([float(p['kind'] == 'known') for p in batch])
        lc, nll = seq_logp(P, [p['chosenEx'] for p in batch], lora, rows)
        lr_, _ = seq_logp(P, [p['rejectedEx'] for p in batch], lora)
        refc = torch.tensor([p['refc'] for p in batch]); refr = torch.tensor([p['refr'] for p in batch])
        h = (lc - refc) - (lr_ - refr)
        pref = -F.logsigmoid(a.beta * h).mean() if a.loss == 'dpo' else ((h - 1 / (2 * a.beta)) ** 2).mean()
        loss = pref + a.nll * nll
        if a.sft_mix:  # lesson 3's loss on a batch of its own examples (its moved people left out), as a regulariser
            loss = loss + a.sft_mix * masked_ce(P, *pad_batch([sft_train[rng.randrange(len(sft_train))] for _ in range(a.batch)]), lora)
        train_step(opt, params, loss, lr_at(s, a.lr, a.lr / 10, min(a.warmup, a.steps), a.steps))
        if (s + 1) % 50 == 0:
            print(f'step {s+1} loss {loss.item():.4f} pref {pref.item():.4f} nll {nll.item():.4f} margin {(a.beta*h).mean().item():.3f} acc {(h > 0).float().mean().item():.2f} {time.time()-t0:.0f}s', flush=True)
    if lora:  # merge, as `lab export` does
        with torch.no_grad():
            for n in lora['A']: P[n + '.weight'] += lora['scale'] * lora['B'][n] @ lora['A'][n]
        lora = None
    lent_names = {p['name'] for p in lent}
    rows = score_world(P, lambda r: 'lent' if names_in(r['instruction'], lent_names) else regroup_pairs_only(moved)(r))
    # generalisation inside the pairs: the trained made-up names' questions (first 60)
    tr = generate(P, [p['chosenEx']['ids'][:p['chosenEx']['prompt']] for p in unk[:60]], 16)
    tr_idk = sum(normalise(decode([t for t in ids if t != EOT])) == normalise(IDK) for ids, _ in tr) / max(1, len(tr))
    h_, u_ = rows['held-out'], rows['unknown']
    ok = u_['idk'] >= 0.5 and h_['exact'] >= 0.8 and h_['idk'] <= 0.1
    name = a.tag or f"{f'held-out lent {a.heldout_known} (sft 100 / pairs-only {a.heldout_known} / held-out {100 - a.heldout_known}) ' if a.heldout_known else ''}{a.loss} b{a.beta} nll{a.nll}{'(known)' if a.nll_on == 'known' else ''} lr{a.lr} s{a.steps} B{a.batch} U{len(names)} K{len(kn)}{' lora' + str(a.lora) if a.lora else ''}{' on-policy' if a.on_policy else ''}{' known-rejected ' + a.known_rejected if a.known_rejected != 'idk' else ''}{f' sft-mix {a.sft_mix}' if a.sft_mix else ''}{f' pairs-only {a.pairs_only}' if moved else ''} seed {a.seed} ref {a.sft} {os.path.basename(a.pairs or PROTO_PAIRS)}"
    log_result(f"| {name} | {len(unk)}+{len(kn)} | {100*rows['sft']['exact']:.0f} / {100*rows['sft']['idk']:.0f} | {100*h_['exact']:.0f} / {100*h_['idk']:.0f} | {100*u_['idk']:.0f} / {100*u_['exact']:.0f} / {u_['conf']:.2f} | {100*tr_idk:.0f} | {'**meets**' if ok else 'no'} | {time.time()-t0:.0f} s, {load_mode()} |")
    if 'pairs-only' in rows: log_result(f"|   (pairs-only people, known from pretraining and the pairs: exact {100*rows['pairs-only']['exact']:.0f} / IDK {100*rows['pairs-only']['idk']:.0f}; held-out is {h_['n']} people, sft {rows['sft']['n']}) |")
    if 'lent' in rows: log_result(f"|   (lent held-out people, in the pairs: exact {100*rows['lent']['exact']:.0f} / IDK {100*rows['lent']['idk']:.0f}; the held-out column above is the other {h_['n']}) |")
    if a.save: save(P, a.save)
    for g, r in rows.items():
        for q, ans, ref_ in r['examples'][:2]: print(f'  [{g}] {q} -> {ans!r} (ref {ref_!r})')

def auc(pos, neg):
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))

def cmd_signal(a):
    """Can the model tell held-out known people from unknown ones at all? AUC (held-out above unknown) of the
    greedy answer's probability, and of the surname's log-probability after the first name in the prompt."""
    P = load(a.ckpt); res = generate(P, [r['prompt'] for r in D['test']], 16)
    conf = {'held-out': [], 'unknown': []}; sur = {'held-out': [], 'unknown': []}
    with torch.no_grad():
        for r, (ids, lp) in zip(D['test'], res):
            g = r['task'].replace('world-', '')
            if g not in conf: continue
            conf[g].append(lp)
            name = next(p['name'] for p in D['people'] if p['name'] in r['instruction'])
            pre = r['instruction'][:r['instruction'].index(name)]; first, last = name.split()
            head = piece_ids(' ' + first) if pre.endswith(' ') else piece_ids(first)
            k = len(r['prompt']); tail = piece_ids(' ' + last)
            # the surname's tokens sit right after the first name's inside the prompt: find them
            pr = r['prompt']
            at = next(i for i in range(len(pr)) if pr[i:i + len(head) + len(tail)] == head + tail) + len(head)
            logp = F.log_softmax(forward(P, torch.tensor([pr])), -1)[0]
            sur[g].append(sum(logp[at + j - 1, pr[at + j]].item() for j in range(len(tail))))
    print(f"{a.ckpt}: AUC answer probability {auc(conf['held-out'], conf['unknown']):.3f}, surname log-prob {auc(sur['held-out'], sur['unknown']):.3f}")

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('pretrain'); p.add_argument('--lr', type=float, default=3e-3); p.add_argument('--warmup', type=int, default=100)
    p = sub.add_parser('sft'); p.add_argument('--base', default='base.pt'); p.add_argument('--out', default='sft.pt')
    p.add_argument('--steps', type=int, default=200); p.add_argument('--batch', type=int, default=16); p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--warmup', type=int, default=20); p.add_argument('--idk', type=int, default=0); p.add_argument('--seed', type=int, default=1337)
    p.add_argument('--pairs-only', type=int, default=0)
    p = sub.add_parser('score'); p.add_argument('ckpt'); p.add_argument('--world-only', action='store_true')
    p.add_argument('--lent', type=int, default=0); p.add_argument('--pairs-only', type=int, default=0)
    p = sub.add_parser('pairs'); p.add_argument('--names', type=int, default=600); p.add_argument('--per-name', type=int, default=3); p.add_argument('--all-phrasings', action='store_true'); p.add_argument('--out', default=PROTO_PAIRS)
    p = sub.add_parser('dpo'); p.add_argument('--sft', default='sft.pt'); p.add_argument('--pairs')
    p.add_argument('--loss', choices=['dpo', 'ipo'], default='dpo'); p.add_argument('--beta', type=float, default=0.1); p.add_argument('--nll', type=float, default=1.0)
    p.add_argument('--lr', type=float, default=3e-4); p.add_argument('--steps', type=int, default=300); p.add_argument('--batch', type=int, default=16)
    p.add_argument('--warmup', type=int, default=20); p.add_argument('--unknown-names', type=int, default=100); p.add_argument('--known', type=int, default=-1)
    p.add_argument('--known-per-attr', action='store_true'); p.add_argument('--lora', type=int, default=0); p.add_argument('--seed', type=int, default=1337)
    p.add_argument('--heldout-known', type=int, default=0); p.add_argument('--nll-on', choices=['all', 'known'], default='all'); p.add_argument('--tag'); p.add_argument('--save')
    p.add_argument('--on-policy', action='store_true'); p.add_argument('--known-rejected', choices=['idk', 'wrong', 'both'], default='idk')
    p.add_argument('--sft-mix', type=float, default=0.0); p.add_argument('--pairs-only', type=int, default=0)
    p = sub.add_parser('signal'); p.add_argument('ckpt')
    a = ap.parse_args()
    {'pretrain': cmd_pretrain, 'sft': cmd_sft, 'score': cmd_score, 'pairs': cmd_pairs, 'dpo': cmd_dpo, 'signal': cmd_signal}[a.cmd](a)
