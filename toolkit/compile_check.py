"""Before a torch.compile'd UNet trains, check that its gradients are the eager model's.

With torch 2.13.0 on CPU, the inductor backend runs diffusers' UNet2DModel forward exactly but gives no gradient to
every layer between the first downsampler and the last upsampler (106 of the default model's 152 weight tensors, 85%
of its weights). Such a run trains only the outer layers, and nothing looks wrong until the export is scored
(BENCHMARKS.md, "A compiled run trains 15% of the UNet"). So a compiled run compares one batch's gradients with the
eager model's before its first step, and stops if they disagree.
"""

import torch

# Fused kernels sum in another order, so correct compiled gradients differ from eager ones in the last bits: correct
# compiles measured a cosine above 0.9999, in fp32 and under bf16 autocast alike.
MIN_COSINE = 0.99


def _gradients(model, params, loss_of):
    """{name: gradient} of `params` ((name, tensor) pairs) for the loss `loss_of(model)` returns; grads are reset."""
    for _, p in params:
        p.grad = None
    loss_of(model).backward()
    grads = {name: None if p.grad is None else p.grad.detach().float().clone() for name, p in params}
    for _, p in params:
        p.grad = None
    return grads


def gradient_disagreement(compiled, eager, loss_of):
    """None when `compiled` and `eager` (one model's two call paths, sharing its parameters) give the same gradients
    for `loss_of(model)`; else a dict: `lost`, the names of trainable weights only the eager path gives a gradient,
    `total`, how many trainable weights there are, and `cosine`, of the two gradients flattened."""
    params = [(name, p) for name, p in eager.named_parameters() if p.requires_grad]
    reference = _gradients(eager, params, loss_of)
    checked = _gradients(compiled, params, loss_of)

    def flat(grads):
        return torch.cat([(torch.zeros_like(p) if grads[name] is None else grads[name]).flatten().float()
                          for name, p in params])

    lost = [name for name, _ in params
            if reference[name] is not None and reference[name].abs().max() > 0
            and (checked[name] is None or checked[name].abs().max() == 0)]
    cosine = torch.nn.functional.cosine_similarity(flat(reference), flat(checked), dim=0).item()
    if not lost and cosine >= MIN_COSINE:
        return None
    return {"lost": lost, "total": len(params), "cosine": cosine}
