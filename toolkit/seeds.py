"""Seeded random generators: every random draw of the toolkit comes from one made here.

`seeded_generator(seed, *indices)` seeds a `torch.Generator` with

    seed + M * (i1 + M * (i2 + M * (...)))      M = 1,000,003 (a prime), taken modulo 2**64

that is, the indices are the higher "digits" of the seed in base M. Two consequences are relied on:

- With no indices the generator is seeded by `seed` itself, so `sample --seed s` draws what the evaluator's first
  batch draws with seed s, and a user's seed means what it says.
- A draw depends only on (seed, indices), never on what was drawn before, so a resumed run (or another process)
  draws exactly what an uninterrupted run would: training draws are indexed by purpose, batch and process.

Limits: tuples stay distinct only while every index is below M and the tuple is short enough not to wrap modulo
2**64 (four digits do); trailing zero indices give the same seed as leaving them out, so a purpose tag (never 0)
comes first. Streams of different purposes may coincide for some index tuples (say a training batch's noise and an
evaluation batch); they are used for unrelated things, so that does no harm.
"""

import torch

M = 1_000_003
# Purpose tags, the first index of the training loop's draws.
DATA_ORDER, FLIPS, NOISE, REFERENCE = 1, 2, 3, 4


def seed_for(seed, *indices):
    """The integer seed of (seed, *indices) as the module docstring describes."""
    value = 0
    for index in reversed(indices):
        value = value * M + int(index)
    return (int(seed) + M * value) % 2 ** 64


def seeded_generator(seed, *indices, device="cpu"):
    """A `torch.Generator` on `device` seeded by `seed_for(seed, *indices)`."""
    return torch.Generator(device).manual_seed(seed_for(seed, *indices))
