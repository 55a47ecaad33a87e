"""The tiny GPT-2 of the golden fixtures, in torch.nn, and a safetensors writer: shared by
make_gpt2_golden.py (cross-entropy) and make_dpo_golden.py (DPO), so both goldens run one model.
Pre-LayerNorm blocks, tanh GELU, tied token embedding and LM head, as the lab's model.
"""
import json
import math
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F


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


def init_nontrivial(model):
    """Non-trivial values everywhere (biases and norms too), so every gradient path is exercised."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('ln_1.weight') or name.endswith('ln_2.weight') or name == 'ln_f.weight':
                p.copy_(1 + 0.1 * torch.randn_like(p))
            else:
                p.copy_(0.1 * torch.randn_like(p))


def adamw(model, hp):
    """AdamW with weight decay on matrices and embeddings only (dim >= 2), as nanoGPT does."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([
        {'params': decay, 'weight_decay': hp['weight_decay']},
        {'params': no_decay, 'weight_decay': 0.0},
    ], lr=hp['lr'], betas=(hp['beta1'], hp['beta2']), eps=hp['eps'])


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
