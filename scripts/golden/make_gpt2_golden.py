#!/usr/bin/env python3
"""Golden values for the whole-model tests, computed independently with PyTorch.

A tiny GPT-2 (pre-LayerNorm blocks, tanh GELU, tied token embedding and LM head) is built with
torch.nn, initialised from a fixed seed, and run on a fixed batch. The script writes one
safetensors file (test/fixtures/gpt2-tiny-golden.safetensors) holding:
  - the initial weights, named like GPT-2 but in nn.Linear layout (out, in), e.g. h.0.attn.c_attn.weight
  - tokens and targets of the batch,
  - logits and loss at step 0, and the gradient of every weight ("grad.<name>"),
  - the loss of each of 10 AdamW steps ("trajectory"), with gradient clipping at norm 1.
Hyper-parameters are in the file's __metadata__. Everything runs in float64 so the fixtures are
exact to well below float32 noise.

Run with Debian's PyTorch:  apt-get install python3-torch && /usr/bin/python3 scripts/golden/make_gpt2_golden.py
"""
import json
import math
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

CFG = dict(nLayer=2, nHead=2, nEmbd=12, blockSize=8, vocabSize=19, dropout=0)
B, T = 2, 7  # T < blockSize, and sizes that are not powers of two
HP = dict(lr=1e-2, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, grad_clip=1.0, steps=10)
torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)


class Block(nn.Module):
    def __init__(self, C, NH):
        super().__init__()
        self.NH = NH
        self.ln_1 = nn.LayerNorm(C, eps=1e-5)
        self.attn = nn.Module()
        self.attn.c_attn = nn.Linear(C, 3 * C)
        self.attn.c_proj = nn.Linear(C, C)
        self.ln_2 = nn.LayerNorm(C, eps=1e-5)
        self.mlp = nn.Module()
        self.mlp.c_fc = nn.Linear(C, 4 * C)
        self.mlp.c_proj = nn.Linear(4 * C, C)

    def forward(self, x):
        Bx, Tx, C = x.shape
        q, k, v = self.attn.c_attn(self.ln_1(x)).split(C, dim=2)
        hs = C // self.NH
        q, k, v = (t.view(Bx, Tx, self.NH, hs).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hs)
        mask = torch.tril(torch.ones(Tx, Tx, dtype=torch.bool))
        att = att.masked_fill(~mask, float('-inf')).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(Bx, Tx, C)
        x = x + self.attn.c_proj(y)
        x = x + self.mlp.c_proj(F.gelu(self.mlp.c_fc(self.ln_2(x)), approximate='tanh'))
        return x


class GPT(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wte = nn.Embedding(c['vocabSize'], c['nEmbd'])
        self.wpe = nn.Embedding(c['blockSize'], c['nEmbd'])
        self.h = nn.ModuleList([Block(c['nEmbd'], c['nHead']) for _ in range(c['nLayer'])])
        self.ln_f = nn.LayerNorm(c['nEmbd'], eps=1e-5)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for blk in self.h:
            x = blk(x)
        return self.ln_f(x) @ self.wte.weight.T  # tied LM head


model = GPT(CFG)
with torch.no_grad():
    # Non-trivial values everywhere (biases and norms too), so every gradient path is exercised.
    for name, p in model.named_parameters():
        if name.endswith('ln_1.weight') or name.endswith('ln_2.weight') or name == 'ln_f.weight':
            p.copy_(1 + 0.1 * torch.randn_like(p))
        else:
            p.copy_(0.1 * torch.randn_like(p))
tokens = torch.randint(0, CFG['vocabSize'], (B, T))
targets = torch.randint(0, CFG['vocabSize'], (B, T))
out = {}
for name, p in model.named_parameters():
    out[name] = p.detach().clone()

logits = model(tokens)
loss = F.cross_entropy(logits.view(-1, CFG['vocabSize']), targets.view(-1))
loss.backward()
out['tokens'] = tokens.to(torch.int32)
out['targets'] = targets.to(torch.int32)
out['logits'] = logits.detach()
out['loss'] = loss.detach().reshape(1)
for name, p in model.named_parameters():
    out['grad.' + name] = p.grad.detach().clone()

# Weight decay on matrices and embeddings only (dim >= 2), as nanoGPT does.
decay = [p for p in model.parameters() if p.dim() >= 2]
no_decay = [p for p in model.parameters() if p.dim() < 2]
opt = torch.optim.AdamW([
    {'params': decay, 'weight_decay': HP['weight_decay']},
    {'params': no_decay, 'weight_decay': 0.0},
], lr=HP['lr'], betas=(HP['beta1'], HP['beta2']), eps=HP['eps'])
traj = []
grad_norms = []
model.zero_grad()
for step in range(HP['steps']):
    logits = model(tokens)
    loss = F.cross_entropy(logits.view(-1, CFG['vocabSize']), targets.view(-1))
    opt.zero_grad()
    loss.backward()
    grad_norms.append(float(torch.nn.utils.clip_grad_norm_(model.parameters(), HP['grad_clip'])))
    opt.step()
    traj.append(float(loss))
out['trajectory'] = torch.tensor(traj)
out['grad_norms'] = torch.tensor(grad_norms)


def write_safetensors(path, tensors, metadata):
    header = {'__metadata__': metadata}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        dtype = {torch.float64: 'F64', torch.float32: 'F32', torch.int32: 'I32'}[t.dtype]
        data = t.numpy().tobytes()
        header[name] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    hjson = json.dumps(header, separators=(',', ':')).encode()
    hjson += b' ' * ((8 - len(hjson) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)


path = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/gpt2-tiny-golden.safetensors'
write_safetensors(path, out, {'config': json.dumps(CFG), 'batch': json.dumps({'B': B, 'T': T}), 'hyper': json.dumps(HP), 'torch': torch.__version__})
print(f'wrote {path}: loss0={out["loss"].item():.6f} trajectory={[round(x, 5) for x in traj]}')
