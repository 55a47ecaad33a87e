#!/usr/bin/env python3
"""Golden values for the DPO step (src/model/dpo.gpu.test.ts), computed independently with PyTorch.

The tiny GPT-2 of gpt2_tiny.py plays both parts: a reference model (fixed seed) and a policy (the
reference plus a small perturbation, so the two differ and the pairs start unordered). A batch of
P pairs is B = 2P rows, chosen responses first, then the rejected ones in the same order; each row
has masked prompt positions, response positions (weight 1) and padding. The script writes
test/fixtures/gpt2-tiny-dpo-golden.safetensors holding:
  - the policy's weights (GPT-2 names, nn.Linear layout) and the reference's ("ref.<name>"),
  - tokens, targets and weights of the batch, and the reference's summed log-probabilities ("ref_seq"),
  - the policy's summed log-probabilities ("seq"), the step-0 figures ("stats": loss, DPO loss, NLL,
    reward margin, chosen and rejected log-probabilities) and the gradient of every weight ("grad.<name>"),
  - the loss and margin of each of 6 AdamW steps ("trajectory", "margins"), clipping at norm 1.
loss = mean_p -log sigmoid(beta * ((seq_c - ref_c) - (seq_r - ref_r))) + nll * (-sum_p seq_c / chosen tokens).
With TEXT_ROWS L > 0 (pretraining replay), L rows of plain text follow the pairs (every position
counted, the last row's end padded) and the loss adds LM x their mean token NLL, which "stats" gains
as a seventh figure; the pairs' tokens and every other draw are those of L = 0.
Everything runs in float64.

Run:  cd scripts/golden && python3 make_dpo_golden.py ../../test/fixtures/gpt2-tiny-dpo-golden.safetensors
      cd scripts/golden && python3 make_dpo_golden.py ../../test/fixtures/gpt2-tiny-dpo-replay-golden.safetensors 2 0.6
"""
import json
import sys

import torch
import torch.nn.functional as F

from gpt2_tiny import GPT, adamw, init_nontrivial, write_safetensors

CFG = dict(nLayer=2, nHead=2, nEmbd=12, blockSize=8, vocabSize=19, dropout=0)
P, T = 3, 7  # 6 pair rows; T < blockSize, and sizes that are not powers of two
L = int(sys.argv[2]) if len(sys.argv) > 2 else 0  # text rows after the pairs
B = 2 * P + L
HP = dict(lr=1e-2, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.1, grad_clip=1.0, steps=6, beta=0.5, nll=0.7)
if L:
    HP.update(text_rows=L, lm=float(sys.argv[3]))
torch.manual_seed(4321)
torch.set_default_dtype(torch.float64)

ref = GPT(CFG)
init_nontrivial(ref)
policy = GPT(CFG)
with torch.no_grad():
    for (_, p), (_, r) in zip(policy.named_parameters(), ref.named_parameters()):
        p.copy_(r + 0.05 * torch.randn_like(r))
tokens = torch.randint(0, CFG['vocabSize'], (2 * P, T))
targets = torch.randint(0, CFG['vocabSize'], (2 * P, T))
# Prompt (0) then response (1) then padding (0): each row its own lengths.
starts = [2, 3, 1, 2, 4, 3]
ends = [6, 7, 4, 5, 7, 6]
weights = torch.tensor([[1.0 if s <= t < e else 0.0 for t in range(T)] for s, e in zip(starts, ends)])
if L:  # plain text: every position counts, the last row padded after 5 tokens
    tokens = torch.cat([tokens, torch.randint(0, CFG['vocabSize'], (L, T))])
    targets = torch.cat([targets, torch.randint(0, CFG['vocabSize'], (L, T))])
    weights = torch.cat([weights, torch.tensor([[1.0 if (b < L - 1 or t < 5) else 0.0 for t in range(T)] for b in range(L)])])


def seq_logp(model):
    logits = model(tokens)
    lp = -F.cross_entropy(logits.reshape(-1, CFG['vocabSize']), targets.reshape(-1), reduction='none').view(B, T)
    return (lp * weights).sum(1)


def dpo_loss(seq, ref_seq):
    rew = HP['beta'] * (seq[:2 * P] - ref_seq[:2 * P])
    h = rew[:P] - rew[P:]
    pref = -F.logsigmoid(h).mean()
    nll = -seq[:P].sum() / weights[:P].sum()
    lm = -seq[2 * P:].sum() / weights[2 * P:].sum() if L else torch.tensor(0.0)
    return pref + HP['nll'] * nll + HP.get('lm', 0) * lm, pref, nll, h.mean(), lm


with torch.no_grad():
    ref_seq = seq_logp(ref)
out = {'ref.' + n: p.detach().clone() for n, p in ref.named_parameters()}
out.update({n: p.detach().clone() for n, p in policy.named_parameters()})
seq = seq_logp(policy)
loss, pref, nll, margin, lm = dpo_loss(seq, ref_seq)
loss.backward()
out['tokens'] = tokens.to(torch.int32)
out['targets'] = targets.to(torch.int32)
out['weights'] = weights
out['ref_seq'] = ref_seq
out['seq'] = seq.detach()
out['stats'] = torch.stack([loss, pref, nll, margin, seq[:P].mean(), seq[P:2 * P].mean()] + ([lm] if L else [])).detach()
for n, p in policy.named_parameters():
    out['grad.' + n] = p.grad.detach().clone()

opt = adamw(policy, HP)
traj, margins = [], []
for step in range(HP['steps']):
    loss, _, _, margin, _ = dpo_loss(seq_logp(policy), ref_seq)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(policy.parameters(), HP['grad_clip'])
    opt.step()
    traj.append(loss.item())
    margins.append(margin.item())
out['trajectory'] = torch.tensor(traj)
out['margins'] = torch.tensor(margins)

path = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/gpt2-tiny-dpo-golden.safetensors'
write_safetensors(path, out, {'config': json.dumps(CFG), 'batch': json.dumps({'B': B, 'T': T}), 'hyper': json.dumps(HP), 'torch': torch.__version__})
print(f'wrote {path}: stats={[round(x, 5) for x in out["stats"].tolist()]} trajectory={[round(x, 5) for x in traj]} margins={[round(x, 5) for x in margins]}')
