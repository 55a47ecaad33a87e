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
import sys

import torch
import torch.nn.functional as F

from gpt2_tiny import GPT, adamw, init_nontrivial, write_safetensors

CFG = dict(nLayer=2, nHead=2, nEmbd=12, blockSize=8, vocabSize=19, dropout=0)
B, T = 2, 7  # T < blockSize, and sizes that are not powers of two
HP = dict(lr=1e-2, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, grad_clip=1.0, steps=10)
torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)


model = GPT(CFG)
init_nontrivial(model)
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

opt = adamw(model, HP)
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


path = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/gpt2-tiny-golden.safetensors'
write_safetensors(path, out, {'config': json.dumps(CFG), 'batch': json.dumps({'B': B, 'T': T}), 'hyper': json.dumps(HP), 'torch': torch.__version__})
print(f'wrote {path}: loss0={out["loss"].item():.6f} trajectory={[round(x, 5) for x in traj]}')
