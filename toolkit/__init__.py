"""Sprite diffusion toolkit: train and sample small pixel-art diffusion models with diffusers and accelerate."""

__version__ = "0.1.0"
