"""One seed formula (toolkit.seeds): the user's seed means itself, every draw is a function of its indices."""

import itertools

import torch

from toolkit.seeds import DATA_ORDER, FLIPS, M, NOISE, seed_for, seeded_generator


def test_no_indices_is_the_seed_itself_and_indices_are_higher_digits():
    assert seed_for(7) == 7 and seed_for(7, 2) == 7 + 2 * M and seed_for(7, 2, 3) == 7 + M * (2 + 3 * M)
    assert torch.equal(torch.rand(5, generator=seeded_generator(7)), torch.rand(5, generator=torch.manual_seed(7)))


def test_the_training_draws_are_distinct_streams():
    tuples = list(itertools.product(range(3), (DATA_ORDER, FLIPS, NOISE), range(40), range(3)))
    assert len({seed_for(seed, tag, index, process) for seed, tag, index, process in tuples}) == len(tuples)
    a = torch.rand(4, generator=seeded_generator(0, NOISE, 5, 0))
    assert not torch.equal(a, torch.rand(4, generator=seeded_generator(0, NOISE, 5, 1)))
    assert torch.equal(a, torch.rand(4, generator=seeded_generator(0, NOISE, 5, 0)))
