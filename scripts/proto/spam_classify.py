"""PyTorch prototype of `lab finetune-classify`'s default recipe, to try a recipe in minutes before
the lab's own trainer spends an hour on it. Same model (the shipped base-small's weights), same
tokens (scripts/proto/dump-spam.ts), same head, AdamW settings, warm-up, cosine schedule, batch and
clipping; its own random order and init, so its figures are close to the lab's, not equal. It prints
validation and everyday-message accuracy every 300 steps and the test split at the end.

usage (repository root; `pip install torch`):  python3 scripts/proto/spam_classify.py .cache/spam-ids.json [steps] [lr]
"""
import json, math, os, struct, sys, time
import torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(int(os.environ.get('SEED', 1337)))
torch.set_num_threads(int(os.environ.get('THREADS', 2)))
def load_st(path):
    b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8+n]); base = 8 + n
    out = {}
    for k, v in h.items():
        if k == '__metadata__': continue
        s, e = v['data_offsets']
        out[k] = torch.frombuffer(bytearray(b[base+s:base+e]), dtype=torch.float32).reshape(v['shape']).clone()
    return out, json.loads(h['__metadata__']['config'])
W, cfg = load_st('public/models/base-small.safetensors')
C, NH, L = cfg['nEmbd'], cfg['nHead'], cfg['nLayer']
P = nn.ParameterDict({k.replace('.', '_'): nn.Parameter(v) for k, v in W.items()})
g = lambda k: P[k.replace('.', '_')]
P['cls_weight'] = nn.Parameter(torch.randn(2, C) * 0.02); P['cls_bias'] = nn.Parameter(torch.zeros(2))
def forward(idx, last):
    B, T = idx.shape
    x = g('wte.weight')[idx] + g('wpe.weight')[:T]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for l in range(L):
        p = f'h.{l}.'
        h = F.layer_norm(x, (C,), g(p+'ln_1.weight'), g(p+'ln_1.bias'), 1e-5)
        q, k, v = F.linear(h, g(p+'attn.c_attn.weight'), g(p+'attn.c_attn.bias')).split(C, 2)
        q, k, v = (t.view(B, T, NH, C // NH).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, C)
        x = x + F.linear(y, g(p+'attn.c_proj.weight'), g(p+'attn.c_proj.bias'))
        h = F.layer_norm(x, (C,), g(p+'ln_2.weight'), g(p+'ln_2.bias'), 1e-5)
        x = x + F.linear(F.gelu(F.linear(h, g(p+'mlp.c_fc.weight'), g(p+'mlp.c_fc.bias')), approximate='tanh'), g(p+'mlp.c_proj.weight'), g(p+'mlp.c_proj.bias'))
    x = F.layer_norm(x, (C,), g('ln_f.weight'), g('ln_f.bias'), 1e-5)
    return F.linear(x[torch.arange(B), last], g('cls.weight'), g('cls.bias'))
D = json.load(open(sys.argv[1]))
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 900
lr = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-3
PAD = 1023
def batch(rows):
    T = max(len(r['ids']) for r in rows)
    idx = torch.full((len(rows), T), PAD)
    for i, r in enumerate(rows): idx[i, :len(r['ids'])] = torch.tensor(r['ids'])
    return idx, torch.tensor([r['last'] for r in rows]), torch.tensor([r['label'] for r in rows])
decay = [p for k, p in P.items() if p.dim() >= 2]; nodecay = [p for k, p in P.items() if p.dim() < 2]
opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1}, {'params': nodecay, 'weight_decay': 0}], lr=lr, betas=(0.9, 0.95), eps=1e-8)
def lr_at(s): 
    if s < 20: return lr * (s + 1) / 20
    t = (s - 20) / max(1, steps - 20); return lr / 10 + 0.5 * (lr - lr / 10) * (1 + math.cos(math.pi * t))
def evaluate(name):
    rows = D[name]; conf = [[0, 0], [0, 0]]
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            idx, last, y = batch(rows[i:i+64]); pred = forward(idx, last).argmax(1)
            for a, b in zip(y.tolist(), pred.tolist()): conf[a][b] += 1
    n = sum(map(sum, conf)); acc = (conf[0][0] + conf[1][1]) / n
    return f'{name} {100*acc:.1f}% (ham recall {100*conf[0][0]/sum(conf[0]):.1f}%, spam recall {100*conf[1][1]/sum(conf[1]):.1f}%)'
train = D['train']; rng = torch.Generator().manual_seed(1337); order = []
t0 = time.time()
for s in range(steps):
    if not order: order = torch.randperm(len(train), generator=rng).tolist()
    rows = [train[order.pop()] for _ in range(min(8, len(order)))]
    idx, last, y = batch(rows)
    for gr in opt.param_groups: gr['lr'] = lr_at(s)
    loss = F.cross_entropy(forward(idx, last), y)
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(list(P.values()), 1.0); opt.step()
    if (s + 1) % 300 == 0: print(s + 1, f'{time.time()-t0:.0f}s', evaluate('val'), evaluate('everyday'), flush=True)
print('final:', evaluate('test'), '|', evaluate('everyday'), flush=True)
