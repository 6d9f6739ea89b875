"""--optimizer: AdamW by default, or Muon for the UNet's matrices with AdamW for the rest."""
import os
import shutil

import pytest
import torch

from conftest import tiny_config
from toolkit.config import TrainConfig
from toolkit.errors import SpriteError
from toolkit.optimizers import MuonWithAdamW, build_optimizer, orthogonalise
from toolkit.presets import build_unet, unet_config
from toolkit.training import train


@pytest.mark.parametrize("shape", [(16, 72), (72, 16), (24, 40)])
def test_orthogonalise_evens_out_the_singular_values(shape):
    matrix = torch.randn(*shape, generator=torch.Generator().manual_seed(0))
    matrix[:, 0] *= 100  # one direction far stronger than the rest, as in a raw gradient
    values = torch.linalg.svdvals(orthogonalise(matrix))
    assert values.min() > 0.6 and values.max() < 1.25
    assert torch.linalg.svdvals(matrix).max() / torch.linalg.svdvals(matrix).min() > 50


def test_muon_takes_the_hidden_matrices_and_adamw_the_rest():
    unet = build_unet(unet_config("tiny", 16, None))
    optimizer = build_optimizer(TrainConfig(optimizer="muon"), unet, torch.device("cpu"))
    assert isinstance(optimizer, MuonWithAdamW)
    names = {id(p): name for name, p in unet.named_parameters()}
    muon, adamw = ({names[id(p)] for p in group["params"]} for group in optimizer.param_groups)
    assert "down_blocks.0.resnets.0.conv1.weight" in muon and "mid_block.attentions.0.to_q.weight" in muon
    assert {"conv_in.weight", "conv_out.weight", "conv_in.bias"} <= adamw
    assert all(unet.get_parameter(name).ndim == 1 for name in adamw - {"conv_in.weight", "conv_out.weight"})
    assert muon | adamw == set(names.values()) and not muon & adamw
    assert isinstance(build_optimizer(TrainConfig(), unet, torch.device("cpu")), torch.optim.AdamW)


def test_muon_step_moves_each_matrix_by_the_scaled_orthogonal_update():
    weight = torch.nn.Parameter(torch.zeros(8, 4, 3, 3))
    bias = torch.nn.Parameter(torch.zeros(8))
    optimizer = MuonWithAdamW([weight], [bias], lr=0.1, betas=(0.9, 0.99), weight_decay=0.0, eps=1e-8)
    weight.grad = torch.randn(8, 4, 3, 3, generator=torch.Generator().manual_seed(1))
    bias.grad = torch.full((8,), 2.0)
    optimizer.step()
    # Nesterov on a zero buffer: the update is the orthogonalised gradient, times lr * 0.2 * sqrt(36).
    expected = -0.1 * 0.2 * 6 * orthogonalise(weight.grad.reshape(8, -1)).reshape(8, 4, 3, 3)
    torch.testing.assert_close(weight.detach(), expected)
    # AdamW's first step moves each entry by lr against the gradient's sign.
    torch.testing.assert_close(bias.detach(), torch.full((8,), -0.1), atol=1e-6, rtol=0)


def test_unknown_optimizer_is_an_error():
    with pytest.raises(SpriteError, match="--optimizer must be one of adamw, muon"):
        TrainConfig(optimizer="sgd")


def test_muon_trains_and_resumes_exactly(tmp_path):
    straight = tiny_config(tmp_path / "a", optimizer="muon")
    train(straight)
    resumed = tiny_config(tmp_path / "b", optimizer="muon", resume_from_checkpoint="latest")
    os.makedirs(resumed.run_dir)
    shutil.copytree(os.path.join(straight.run_dir, "checkpoint-2"), os.path.join(resumed.run_dir, "checkpoint-2"))
    train(resumed)
    from safetensors.torch import load_file
    first = load_file(os.path.join(straight.run_dir, "checkpoint-2", "model.safetensors"))
    a = load_file(os.path.join(straight.run_dir, "checkpoint-4", "model.safetensors"))
    b = load_file(os.path.join(resumed.run_dir, "checkpoint-4", "model.safetensors"))
    assert any(not torch.equal(first[key], a[key]) for key in a)
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=1e-6)
