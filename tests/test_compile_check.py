"""A compiled UNet is trained only when its gradients are the eager model's (toolkit.compile_check).

torch 2.13.0's inductor on CPU drops the gradients of the UNet's inner layers; compiling it takes minutes, so these
tests emulate that with a dynamo backend that cuts the graph's gradient at its first upsampling, as inductor does.
"""

import os

import pytest
import torch
import torch.nn.functional as F
from diffusers import UNet2DModel
from safetensors.torch import load_file as load_weights

from conftest import tiny_config
from toolkit.compile_check import gradient_disagreement
from toolkit.errors import SpriteError
from toolkit.training import train


def faithful_backend(graph_module, example_inputs):
    return graph_module.forward


def gradient_cutting_backend(graph_module, example_inputs):
    """Runs the traced graph with the first upsampling's output detached: its forward stays exact, but everything
    before that upsampling on the inner path gets no gradient (what inductor does to UNet2DModel on CPU)."""
    graph = graph_module.graph
    upsample = next(n for n in graph.nodes if n.op == "call_function" and n.target is F.interpolate)
    with graph.inserting_after(upsample):
        cut = graph.call_method("detach", (upsample,))
    upsample.replace_all_uses_with(cut, delete_user_cb=lambda user: user is not cut)
    graph_module.recompile()
    return graph_module.forward


def tiny_unet():
    torch.manual_seed(0)
    return UNet2DModel(sample_size=8, in_channels=4, out_channels=4, block_out_channels=(8, 16), layers_per_block=1,
                       down_block_types=("DownBlock2D",) * 2, up_block_types=("UpBlock2D",) * 2, norm_num_groups=4)


def loss_on_a_batch(model):
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(4, 4, 8, 8, generator=generator)
    t = torch.randint(0, 1000, (4,), generator=generator)
    return model(x, t).sample.pow(2).mean()


def test_a_faithful_compile_passes():
    unet = tiny_unet()
    torch._dynamo.reset()
    assert gradient_disagreement(torch.compile(unet, backend=faithful_backend), unet, loss_on_a_batch) is None
    assert all(p.grad is None for p in unet.parameters())  # the check leaves no gradients behind


def test_weights_that_lose_their_gradient_are_named():
    unet = tiny_unet()
    torch._dynamo.reset()
    found = gradient_disagreement(torch.compile(unet, backend=gradient_cutting_backend), unet, loss_on_a_batch)
    assert found is not None
    trainable = [name for name, _ in unet.named_parameters()]
    assert found["total"] == len(trainable)
    # Everything between the first downsampler and the upsampling that was cut, and nothing outside it.
    assert "down_blocks.0.downsamplers.0.conv.weight" in found["lost"]
    assert "mid_block.resnets.0.conv1.weight" in found["lost"]
    assert not any(name.startswith(("conv_in", "conv_out", "up_blocks.1.")) for name in found["lost"])
    assert found["cosine"] < 0.999


def test_gradients_pointing_elsewhere_are_caught():
    # No weight loses its gradient, but the compiled path computes another loss: the cosine gives it away.
    unet = tiny_unet()

    def loss_of(model):
        loss = loss_on_a_batch(model)
        return loss if model is unet else -loss

    found = gradient_disagreement(unet.forward, unet, loss_of)
    assert found == {"lost": [], "total": len(list(unet.parameters())), "cosine": pytest.approx(-1.0, abs=1e-4)}


def compile_with(monkeypatch, backend):
    """What `accelerate launch --dynamo_backend eager` does, with torch.compile given `backend` instead."""
    real_compile = torch.compile
    monkeypatch.setenv("ACCELERATE_DYNAMO_BACKEND", "eager")
    monkeypatch.setattr(torch, "compile", lambda model, **kwargs: real_compile(model, backend=backend))
    torch._dynamo.reset()


def test_training_stops_before_the_first_step_when_compiled_gradients_are_wrong(tmp_path, monkeypatch):
    compile_with(monkeypatch, gradient_cutting_backend)
    cfg = tiny_config(tmp_path, max_train_steps=2)
    with pytest.raises(SpriteError, match=r"torch.compile \(eager\) computes wrong gradients for this UNet .*: "
                                          r"\d+ of its \d+ weight tensors get none .*train without --dynamo_backend"):
        train(cfg)
    assert not os.path.exists(cfg.output_dir)
    assert not os.path.exists(os.path.join(cfg.run_dir, "samples"))


def test_compiled_training_with_right_gradients_exports_a_plain_pipeline(tmp_path, monkeypatch):
    from diffusers import DDPMPipeline

    compile_with(monkeypatch, faithful_backend)
    cfg = tiny_config(tmp_path, max_train_steps=2)
    train(cfg)
    weights = load_weights(os.path.join(cfg.output_dir, "unet", "diffusion_pytorch_model.safetensors"))
    assert not any("_orig_mod" in k for k in weights)  # no torch.compile wrapper in the saved names
    images = DDPMPipeline.from_pretrained(cfg.output_dir)(batch_size=1, num_inference_steps=2, output_type="np").images
    assert images.shape[0] == 1 and images.shape[-1] in (3, 4)
