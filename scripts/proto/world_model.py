"""The world prototype's shared pieces (world_dpo.py runs the stages): the lab's `small` GPT in PyTorch, its
loss, AdamW and schedule, the data dumped by scripts/proto/dump-world.ts, the tokenizer, greedy generation and
`lab score --families world`'s scoring, and the world's groups (with the splits the preference runs try)."""
import argparse, json, math, os, random, struct, sys, time
import torch, torch.nn.functional as F
torch.set_num_threads(1)
DIR = '.cache/world'
D = json.load(open(f'{DIR}/data.json'))
CFG = D['config']; C, NH, L, T, V = CFG['nEmbd'], CFG['nHead'], CFG['nLayer'], CFG['blockSize'], CFG['vocabSize']
EOT, PAD = D['eot'], D['pad']

# ---- the model: GPT-2 layout as the lab's checkpoints store it (nn.Linear (out, in)), tied embeddings
def load_st(path):
    b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8 + n]); base = 8 + n
    out = {}
    for k, v in h.items():
        if k == '__metadata__' or k.startswith('optim.'): continue
        s, e = v['data_offsets']
        out[k] = torch.frombuffer(bytearray(b[base + s:base + e]), dtype=torch.float32).reshape(v['shape']).clone()
    return out

def new_params(w):
    return {k: v.clone().requires_grad_(True) for k, v in w.items()}

def lin(x, P, name, lora):
    y = F.linear(x, P[name + '.weight'], P[name + '.bias'])
    if lora and name in lora['A']:  # W + (alpha / r) B A, as the lab's LoRA
        y = y + lora['scale'] * F.linear(F.linear(x, lora['A'][name]), lora['B'][name])
    return y

def forward(P, idx, lora=None):
    B_, T_ = idx.shape
    x = P['wte.weight'][idx] + P['wpe.weight'][:T_]
    for l in range(L):
        p = f'h.{l}.'
        h = F.layer_norm(x, (C,), P[p + 'ln_1.weight'], P[p + 'ln_1.bias'], 1e-5)
        q, k, v = lin(h, P, p + 'attn.c_attn', lora).split(C, 2)
        q, k, v = (t.view(B_, T_, NH, C // NH).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B_, T_, C)
        x = x + lin(y, P, p + 'attn.c_proj', lora)
        h = F.layer_norm(x, (C,), P[p + 'ln_2.weight'], P[p + 'ln_2.bias'], 1e-5)
        x = x + lin(F.gelu(lin(h, P, p + 'mlp.c_fc', lora), approximate='tanh'), P, p + 'mlp.c_proj', lora)
    x = F.layer_norm(x, (C,), P['ln_f.weight'], P['ln_f.bias'], 1e-5)
    return F.linear(x, P['wte.weight'])

def masked_ce(P, inp, tgt, mask, lora=None):
    """The lab's loss: cross-entropy averaged over the counted positions (mask 1)."""
    logits = forward(P, inp, lora)
    l = F.cross_entropy(logits.reshape(-1, V), tgt.reshape(-1), reduction='none').view(mask.shape)
    return (l * mask).sum() / mask.sum()

def lr_at(step, max_lr, min_lr, warmup, total):  # src/train/schedule.ts
    if step < warmup: return max_lr * (step + 1) / warmup
    if step >= total: return min_lr
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2

def adamw(params, lr, wd=0.1):
    """AdamW as the lab's: betas (0.9, 0.95), eps 1e-8, decay on 2-D tensors only."""
    dec = [p for p in params if p.dim() >= 2]; nodec = [p for p in params if p.dim() < 2]
    return torch.optim.AdamW([{'params': dec, 'weight_decay': wd}, {'params': nodec, 'weight_decay': 0.0}], lr=lr, betas=(0.9, 0.95), eps=1e-8)

def train_step(opt, params, loss, lr):
    for g in opt.param_groups: g['lr'] = lr
    opt.zero_grad(); loss.backward()
    gn = torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    return gn.item()

def save(P, name): torch.save({k: v.detach() for k, v in P.items()}, f'{DIR}/{name}')
def load(name): return torch.load(f'{DIR}/{name}')

# ---- data
def val_loss(P, batches=None, B=8):
    """Brown validation loss: windows at 0, T, 2T... of the stream (`lab eval`; the trainer's eval takes 8 batches)."""
    raw = open(f'{DIR}/val.bin', 'rb').read()
    toks = torch.tensor(struct.unpack(f'<{len(raw) // 2}h', raw))
    w = (len(toks) - 1) // T
    n = w if batches is None else min(w, batches * B)
    tot, cnt = 0.0, 0
    with torch.no_grad():
        for i in range(0, n, 64):
            k = min(64, n - i)
            win = torch.stack([toks[(i + j) * T:(i + j) * T + T + 1] for j in range(k)])
            logits = forward(P, win[:, :-1])
            tot += F.cross_entropy(logits.reshape(-1, V), win[:, 1:].reshape(-1), reduction='sum').item(); cnt += k * T
    return tot / cnt

def pad_batch(exs):
    """Instruction examples (ids, mask) as inputs/targets/mask: the lab's instructionBatch, cut to the longest."""
    Lm = min(T, max(len(e['ids']) for e in exs) - 1)
    inp = torch.full((len(exs), Lm), PAD); tgt = torch.full((len(exs), Lm), PAD); m = torch.zeros(len(exs), Lm)
    for b, e in enumerate(exs):
        ids = e['ids'][:Lm + 1]; n = len(ids) - 1
        inp[b, :n] = torch.tensor(ids[:-1]); tgt[b, :n] = torch.tensor(ids[1:]); m[b, :n] = torch.tensor(e['mask'][1:Lm + 1], dtype=torch.float)
    return inp, tgt, m

# ---- tokens to text (byte-level BPE: ids < 256 are bytes, merge r makes id 256 + r)
TOK = json.load(open('public/models/tokenizer.json'))
BYTES = [bytes([i]) for i in range(256)]
for a, b in TOK['merges']: BYTES.append(BYTES[a] + BYTES[b])
def decode(ids): return b''.join(BYTES[i] for i in ids if i < len(BYTES)).decode('utf-8', 'replace')

HEADERS = ['### Instruction:', '### Input:', '### Response:']
RANKS = {(a, b): r for r, (a, b) in enumerate(TOK['merges'])}
def piece_ids(word):
    """BPE of one pre-split piece (" Brenlik"): merge the lowest-ranked adjacent pair until none is left (tokenizer.ts)."""
    ids = list(word.encode('utf-8'))
    while True:
        best = min(((RANKS[p], i) for i, p in enumerate(zip(ids, ids[1:])) if p in RANKS), default=None)
        if best is None: return ids
        r = best[0]; a, b = TOK['merges'][r]; out = []; i = 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == a and ids[i + 1] == b: out.append(256 + r); i += 2
            else: out.append(ids[i]); i += 1
        ids = out

SPLIT = None
def encode(text):
    """The lab's encode (GPT-2 pre-split, then BPE per piece); checked against the lab's tokens where used."""
    global SPLIT
    import regex
    SPLIT = SPLIT or regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
    return [t for piece in SPLIT.findall(text) for t in piece_ids(piece)]

def instruction_example(instruction, output):
    """formatInstruction: the prompt's tokens (masked), then the response's and end-of-text (counted)."""
    prompt = encode(f'### Instruction:\n{instruction}\n\n### Response:\n'); resp = encode(output) + [EOT]
    return {'ids': (prompt + resp)[:T + 1], 'mask': ([0] * len(prompt) + [1] * len(resp))[:T + 1], 'prompt': len(prompt)}

def normalise(s):  # src/data/scorers.ts
    import re
    s = s.strip(); s = re.sub(r'^["\'“”]+|["\'“”]+$', '', s); s = re.sub(r'[.!?]+$', '', s)
    return re.sub(r'\s+', ' ', s).strip().lower()
IDK = "I don't know."

def generate(P, prompts, max_tokens=72):
    """Greedy answers, prompts of one length batched: (token ids with the end-of-text if it came, log-prob before it)."""
    out = [None] * len(prompts)
    by_len = {}
    for i, p in enumerate(prompts): by_len.setdefault(len(p), []).append(i)
    with torch.no_grad():
        for n, idxs in by_len.items():
            seq = torch.tensor([prompts[i] for i in idxs]); done = [False] * len(idxs)
            gen = [[] for _ in idxs]; lp = [0.0] * len(idxs)
            for _ in range(max_tokens):
                logits = forward(P, seq[:, -T:])[:, -1]
                logp = F.log_softmax(logits, -1); nxt = logits.argmax(-1)
                for j in range(len(idxs)):
                    if done[j]: continue
                    t = nxt[j].item(); gen[j].append(t)
                    if t == EOT: done[j] = True; continue
                    lp[j] += logp[j, t].item()
                    if any(h in decode(gen[j]) for h in HEADERS): done[j] = True
                if all(done): break
                seq = torch.cat([seq, nxt[:, None]], 1)
            for j, i in enumerate(idxs): out[i] = (gen[j], lp[j])
    return out

def score_world(P, regroup=lambda r: None):
    """`lab score --families world`: per group format, exact, mean confidence, and the share answering "I don't know."."""
    res = generate(P, [r['prompt'] for r in D['test']])
    rows = {}
    for r, (ids, lp) in zip(D['test'], res):
        ended = bool(ids) and ids[-1] == EOT
        text = decode(ids[:-1] if ended else ids)
        cut = min([text.index(h) for h in HEADERS if h in text] + [len(text)])
        ans = text[:cut].strip()
        fmt = text.strip() != '' and not any(h in text for h in HEADERS) and ended
        g = rows.setdefault(regroup(r) or r['task'].replace('world-', ''), {'n': 0, 'format': 0, 'exact': 0, 'idk': 0, 'conf': 0.0, 'examples': []})
        g['n'] += 1; g['format'] += fmt; g['exact'] += normalise(ans) == normalise(r['output'])
        g['idk'] += normalise(ans) == normalise(IDK); g['conf'] += math.exp(lp)
        if len(g['examples']) < 3: g['examples'].append((r['instruction'], ans, r['output']))
    for g in rows.values():
        for k in ('format', 'exact', 'idk', 'conf'): g[k] /= g['n']
    return rows

def probe(P):
    """`lab eval --facts` (town): the true town's summed log-probability after the cue is strictly the highest of 16."""
    rows = [(i, r) for i, it in enumerate(D['probe']) for r in it['rows']]
    ll = []
    with torch.no_grad():
        for s in range(0, len(rows), 256):
            chunk = [r for _, r in rows[s:s + 256]]; Lm = max(len(r['ids']) for r in chunk)
            idx = torch.full((len(chunk), Lm), PAD)
            for b, r in enumerate(chunk): idx[b, :len(r['ids'])] = torch.tensor(r['ids'])
            logp = F.log_softmax(forward(P, idx), -1)
            for b, r in enumerate(chunk):
                ll.append(sum(logp[b, t - 1, r['ids'][t]].item() for t in range(r['from'], len(r['ids']))))
    out = {'known': [0, 0], 'unknown': [0, 0]}; k = 0
    for it in D['probe']:
        c = ll[k:k + len(it['candidates'])]; k += len(it['candidates'])
        right = all(x < c[it['answer']] for j, x in enumerate(c) if j != it['answer'])
        out[it['side']][0] += right; out[it['side']][1] += 1
    return out

def world_line(rows):
    return ' | '.join(f"{g}: fmt {100*r['format']:.0f}% exact {100*r['exact']:.0f}% idk {100*r['idk']:.0f}% conf {r['conf']:.2f}" for g, r in rows.items())

def log_result(line):
    with open(f'{DIR}/results.md', 'a') as f: f.write(line + '\n')
    print(line, flush=True)

def load_mode(): return f'load {os.getloadavg()[0]:.1f}'

# ---- the world's groups
def names_in(text, names):
    """The people of `names` a text mentions (whole words, so "Ann Bell" is not found in "Ann Bellamy")."""
    import re
    return {n for n in names if re.search(r'(?<![\w])' + re.escape(n) + r'(?![\w])', text)}

def pairs_only_people(n):
    """The three-group split (issue 19, idea b): n of the world's 200 known people move out of both the SFT data
    and the held-out row into a group asked about only in the preference pairs: the last n/2 sft people and the
    first n - n/2 held-out ones. Pretraining already covers all 200, so no new base is needed."""
    if not n: return set()
    sft = [p['name'] for p in D['people'] if p['group'] == 'sft']; held = [p['name'] for p in D['people'] if p['group'] == 'held-out']
    return set(sft[len(sft) - n // 2:] + held[:n - n // 2])

def regroup_pairs_only(moved):
    """Score rows with the moved people in their own row ('pairs-only'); sft and held-out shrink by them."""
    return lambda r: 'pairs-only' if names_in(r['instruction'], moved) else None
