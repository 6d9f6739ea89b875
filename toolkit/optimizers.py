"""The trainer's optimizers: fused AdamW (the default), or Muon for the UNet's weight matrices with AdamW for the rest.

Muon (Jordan et al. 2024, "Muon: an optimizer for hidden layers"; Liu et al. 2025, "Muon is scalable for LLM
training") replaces each weight matrix's momentum with the nearest semi-orthogonal matrix before the update, so every
direction of the matrix moves by the same amount. A conv kernel is a matrix of out-channels by (in-channels x kernel
taps) for this purpose. Its update is scaled to the RMS size of an AdamW update (0.2 * sqrt(max(rows, cols)), the
second paper's rule), so --learning_rate means about the same for both. The first and last convolutions, embeddings,
norms and biases stay with AdamW, as both papers do.
"""
import math

import torch
from torch.optim.adam import adam

OPTIMIZERS = ("adamw", "muon")
MUON_MOMENTUM = 0.95
# The quintic Newton-Schulz iteration's coefficients and step count from Jordan et al.: five steps take every singular
# value of a normalised matrix to within about [0.7, 1.2], which is orthogonal enough for an update direction.
NEWTON_SCHULZ = (3.4445, -4.7750, 2.0315)
NEWTON_SCHULZ_STEPS = 5
ADAMW_ONLY = ("conv_in.", "conv_out.", "class_embedding.")  # input and output layers and embeddings (by name prefix)
FUSED_DEVICES = ("cpu", "cuda")  # where torch has a fused AdamW kernel


def build_optimizer(cfg, model, device, mixed_precision="no"):
    """The optimizer `cfg.optimizer` names over `model`'s trainable parameters. Under bf16 mixed precision Muon
    orthogonalises in bf16 (2.3x faster for a stack of the fast preset's largest kernels on a CPU with AMX, though
    the whole step gained little; the iteration needs no more precision, as its authors found), else in fp32."""
    named = [(name, p) for name, p in model.named_parameters() if p.requires_grad]
    adamw = dict(lr=cfg.learning_rate, betas=(cfg.adam_beta1, cfg.adam_beta2), weight_decay=cfg.adam_weight_decay,
                 eps=cfg.adam_epsilon)
    if cfg.optimizer == "adamw":
        return torch.optim.AdamW([p for _, p in named], fused=device.type in FUSED_DEVICES, **adamw)
    matrices = [p for name, p in named if p.ndim >= 2 and not _adamw_only(name)]
    others = [p for name, p in named if p.ndim < 2 or _adamw_only(name)]
    orthogonal_dtype = torch.bfloat16 if mixed_precision == "bf16" else torch.float32
    return MuonWithAdamW(matrices, others, orthogonal_dtype=orthogonal_dtype, **adamw)


def _adamw_only(name):
    # peft and torch.compile prefix the names (base_model.model., _orig_mod.); the layer's own name comes last.
    return any(f".{prefix}" in f".{name}" for prefix in ADAMW_ONLY)


def orthogonalise(matrices):
    """The semi-orthogonal matrix nearest each of `matrices` (..., rows, cols): about U V^T of its SVD, by the
    Newton-Schulz iteration. Matrices of one shape go through together, a few large products instead of many small
    ones (per-matrix products cost the fast preset 17 ms a step on a 2-core CPU)."""
    a, b, c = NEWTON_SCHULZ
    x = matrices / (torch.linalg.matrix_norm(matrices, keepdim=True) + 1e-7)
    wide = x.shape[-2] <= x.shape[-1]
    if not wide:
        x = x.mT  # iterate on the smaller Gram matrix
    batched = x.reshape(-1, *x.shape[-2:])
    for _ in range(NEWTON_SCHULZ_STEPS):
        gram = batched @ batched.mT
        # x <- a x + (b G + c G^2) x, as two fused multiply-adds
        batched = torch.baddbmm(batched, torch.baddbmm(gram, gram, gram, beta=b, alpha=c), batched, beta=a)
    x = batched.reshape(x.shape)
    return x if wide else x.mT


class MuonWithAdamW(torch.optim.Optimizer):
    """Muon with Nesterov momentum for `matrices` (tensors of 2 or more dimensions), AdamW for `others`.

    One optimizer, so accelerate, the learning-rate schedule and checkpoints see one object; the two kinds are two
    parameter groups told apart by their `muon` flag, and both follow the scheduled `lr`.
    """

    def __init__(self, matrices, others, lr, betas, weight_decay, eps, orthogonal_dtype=torch.float32):
        groups = [dict(params=list(matrices), muon=True), dict(params=list(others), muon=False)]
        super().__init__([g for g in groups if g["params"]],
                         dict(lr=lr, betas=betas, weight_decay=weight_decay, eps=eps, momentum=MUON_MOMENTUM))
        self.orthogonal_dtype = orthogonal_dtype

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            params = [p for p in group["params"] if p.grad is not None]
            if params:
                (self._muon_step if group["muon"] else self._adamw_step)(group, params)
        return loss

    def _muon_step(self, group, params):
        lr, momentum = group["lr"], group["momentum"]
        by_shape = {}
        for p in params:
            state = self.state[p]
            if not state:
                state["momentum_buffer"] = torch.zeros_like(p)
            state["momentum_buffer"].lerp_(p.grad, 1 - momentum)
            by_shape.setdefault((p.shape[0], p[0].numel()), []).append(p)
        for (rows, cols), same in by_shape.items():
            grads = torch.stack([p.grad.reshape(rows, cols) for p in same])
            buffers = torch.stack([self.state[p]["momentum_buffer"].reshape(rows, cols) for p in same])
            updates = orthogonalise(grads.lerp_(buffers, momentum).to(self.orthogonal_dtype))  # Nesterov
            scale = -lr * 0.2 * math.sqrt(max(rows, cols))
            for p, update in zip(same, updates):
                if group["weight_decay"]:
                    p.mul_(1 - lr * group["weight_decay"])
                p.add_(update.reshape(p.shape).to(p.dtype), alpha=scale)

    def _adamw_step(self, group, params):
        # torch's own AdamW arithmetic, fused into one kernel over the group where torch has one (CPU and CUDA).
        for p in params:
            if not self.state[p]:
                self.state[p].update(step=torch.zeros((), dtype=torch.float32, device=p.device),
                                     exp_avg=torch.zeros_like(p), exp_avg_sq=torch.zeros_like(p))
        states = [self.state[p] for p in params]
        beta1, beta2 = group["betas"]
        adam(params, [p.grad for p in params], [s["exp_avg"] for s in states], [s["exp_avg_sq"] for s in states], [],
             [s["step"] for s in states], fused=params[0].device.type in FUSED_DEVICES, decoupled_weight_decay=True,
             amsgrad=False, beta1=beta1, beta2=beta2, lr=group["lr"], weight_decay=group["weight_decay"],
             eps=group["eps"], maximize=False)
