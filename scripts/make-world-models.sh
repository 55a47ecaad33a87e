#!/usr/bin/env bash
# Makes the made-up world's models with the lab's own command-line trainer (issues 18-20), in order:
# the base (Brown + the world's biographies), lesson 3's recipe on it, lesson 4's preference stage,
# lesson 2's classifier on the base, then what each knows, the whole lesson 3 test split (the
# longest scoring), and last lesson 2's four choices for one pass each, as the README records them.
# The models come first so that a session cut short leaves the most to carry on from.
#
#   bash scripts/make-world-models.sh            # everything, under runs/world/
#   STOP_AFTER=sft bash scripts/make-world-models.sh
#
# On SwiftShader this takes hours; it can be stopped at any point (Ctrl-C, a closed session) and run
# again: a finished step is skipped (its runs/world/<step>.done marker), and the long ones save every
# 50 steps and continue from their file (--resume, bit-identical). Every step's output is kept in
# runs/world/<step>.log. SFT_ARGS, DPO_ARGS and CLASSIFY_ARGS add options to those steps (each
# runs its lesson's recipe by default; e.g. SFT_ARGS='--steps 200').
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=runs/world
BASE=$OUT/base-world-small.safetensors
SFT=$OUT/instruct-world-small.safetensors
DPO=$OUT/prefer-world-small.safetensors
SPAM=$OUT/spam-world-small.safetensors
mkdir -p "$OUT"

# LAB runs the trainer some other way, e.g. LAB=gpu-check/lab.sh on a GPU machine with the GPU check's pack.
lab() { ${LAB:-node scripts/lab.mjs} "$@"; }

# step NAME COMMAND...: runs COMMAND once (logged), unless NAME finished before.
step() {
  local name=$1
  shift
  if [ -e "$OUT/$name.done" ]; then
    echo "[world] $name: done before (remove $OUT/$name.done to redo it)"
  else
    echo "[world] $name: $*"
    "$@" 2>&1 | tee "$OUT/$name.log"
    # A training command stopped by a signal saves and exits 0: not done, continue it next time.
    if grep -qE '^(interrupted|stopped) at step' "$OUT/$name.log"; then
      echo "[world] $name stopped before its last step; run this script again to continue it"
      exit 1
    fi
    touch "$OUT/$name.done"
  fi
  if [ "${STOP_AFTER:-}" = "$name" ]; then exit 0; fi
}

# A resumable training command: continue FILE when a stopped run left it, else start it.
resumable() {
  local file=$1
  shift
  if [ -e "$file" ]; then lab "$1" --resume "$file" --out "$file"; else lab "$@" --out "$file"; fi
}

# Lesson 2's classifier on the base into FILE, scored on both test splits, with more options after it.
classify() {
  local file=$1
  shift
  resumable "$file" finetune-classify --checkpoint "$BASE" --everyday public/datasets/spam-everyday.jsonl --save-every 50 "$@"
}

step base resumable "$BASE" pretrain --preset small --batch 8 --steps 3200 --warmup 100 --bio-mix 0.8 --eval-every 200 --save-every 50
# shellcheck disable=SC2086 # SFT_ARGS, DPO_ARGS and CLASSIFY_ARGS are lists of options
step sft lab finetune-instruct --checkpoint "$BASE" ${SFT_ARGS:-} --out "$SFT"
# shellcheck disable=SC2086
step dpo resumable "$DPO" finetune-dpo --checkpoint "$SFT" --save-every 50 ${DPO_ARGS:-}
# shellcheck disable=SC2086
step spam classify "$SPAM" ${CLASSIFY_ARGS:-}
step score-sft-world lab score --checkpoint "$SFT" --families world
step score-dpo lab score --checkpoint "$DPO" --families world --pairs public/datasets/world-prefs.jsonl
step facts lab eval --checkpoint "$BASE" --facts
step brown lab eval --checkpoint "$BASE"
step score-base lab score --checkpoint "$BASE" --families world
step score-sft lab score --checkpoint "$SFT"
# lesson 2's four choices, one pass (300 steps) each, as the README's table compares them
for choice in head last-block all lora; do
  step "spam-$choice" classify "$OUT/spam-$choice-world-small.safetensors" --choice "$choice" --steps 300
done
echo "[world] all steps done; the figures are in $OUT/*.log"
