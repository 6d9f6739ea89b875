"""The DeepLearning.AI course's training recipe, written from its description in ../shared/seeds, for comparisons.

ContextUnet: two down blocks of residual conv blocks (n_feat 64), a pooled bottleneck, time and context embeddings
that scale and shift the up path; T=500 with beta 1e-4..0.02, batch 100, Adam at 1e-3 decayed linearly per epoch,
sprites turned into tensors one at a time in the Dataset (as the course's torchvision transforms do).
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualConvBlock(nn.Module):
    def __init__(self, in_channels, out_channels, is_res=False):
        super().__init__()
        self.is_res = is_res
        self.conv1 = nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, 1, 1), nn.BatchNorm2d(out_channels),
                                   nn.GELU())
        self.conv2 = nn.Sequential(nn.Conv2d(out_channels, out_channels, 3, 1, 1), nn.BatchNorm2d(out_channels),
                                   nn.GELU())
        # The course builds this 1x1 projection inside forward(); registering it once is the fix, same compute.
        self.shortcut = nn.Conv2d(in_channels, out_channels, 1) if in_channels != out_channels else nn.Identity()

    def forward(self, x):
        h = self.conv2(self.conv1(x))
        return (self.shortcut(x) + h) / 1.414 if self.is_res else h


class UnetDown(nn.Sequential):
    def __init__(self, in_channels, out_channels):
        super().__init__(ResidualConvBlock(in_channels, out_channels), ResidualConvBlock(out_channels, out_channels),
                         nn.MaxPool2d(2))


class UnetUp(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.model = nn.Sequential(nn.ConvTranspose2d(in_channels, out_channels, 2, 2),
                                   ResidualConvBlock(out_channels, out_channels),
                                   ResidualConvBlock(out_channels, out_channels))

    def forward(self, x, skip):
        return self.model(torch.cat((x, skip), 1))


class EmbedFC(nn.Sequential):
    def __init__(self, input_dim, emb_dim):
        super().__init__(nn.Linear(input_dim, emb_dim), nn.GELU(), nn.Linear(emb_dim, emb_dim))


class ContextUnet(nn.Module):
    """The course's U-Net: predicts the noise from (noisy image, t/T, context vector)."""

    def __init__(self, in_channels=3, n_feat=64, n_cfeat=5, height=16):
        super().__init__()
        self.n_feat, self.n_cfeat = n_feat, n_cfeat
        self.init_conv = ResidualConvBlock(in_channels, n_feat, is_res=True)
        self.down1, self.down2 = UnetDown(n_feat, n_feat), UnetDown(n_feat, 2 * n_feat)
        self.to_vec = nn.Sequential(nn.AvgPool2d(4), nn.GELU())
        self.timeembed1, self.timeembed2 = EmbedFC(1, 2 * n_feat), EmbedFC(1, n_feat)
        self.contextembed1, self.contextembed2 = EmbedFC(n_cfeat, 2 * n_feat), EmbedFC(n_cfeat, n_feat)
        self.up0 = nn.Sequential(nn.ConvTranspose2d(2 * n_feat, 2 * n_feat, height // 4, height // 4),
                                 nn.GroupNorm(8, 2 * n_feat), nn.ReLU())
        self.up1, self.up2 = UnetUp(4 * n_feat, n_feat), UnetUp(2 * n_feat, n_feat)
        self.out = nn.Sequential(nn.Conv2d(2 * n_feat, n_feat, 3, 1, 1), nn.GroupNorm(8, n_feat), nn.ReLU(),
                                 nn.Conv2d(n_feat, in_channels, 3, 1, 1))

    def forward(self, x, t, c=None):
        x = self.init_conv(x)
        down1 = self.down1(x)
        down2 = self.down2(down1)
        hidden = self.to_vec(down2)
        if c is None:
            c = torch.zeros(x.shape[0], self.n_cfeat, device=x.device)
        t = t.view(-1, 1)
        cemb1 = self.contextembed1(c).view(-1, 2 * self.n_feat, 1, 1)
        temb1 = self.timeembed1(t).view(-1, 2 * self.n_feat, 1, 1)
        cemb2 = self.contextembed2(c).view(-1, self.n_feat, 1, 1)
        temb2 = self.timeembed2(t).view(-1, self.n_feat, 1, 1)
        up1 = self.up0(hidden)
        up2 = self.up1(cemb1 * up1 + temb1, down2)
        up3 = self.up2(cemb2 * up2 + temb2, down1)
        return self.out(torch.cat((up3, x), 1))


class CourseSchedule:
    """The course's DDPM schedule: T=500, beta linear from 1e-4 to 0.02, indices 1..T."""

    def __init__(self, timesteps=500, beta1=1e-4, beta2=0.02):
        self.T = timesteps
        self.b_t = (beta2 - beta1) * torch.linspace(0, 1, timesteps + 1) + beta1
        self.a_t = 1 - self.b_t
        self.ab_t = torch.cumsum(self.a_t.log(), dim=0).exp()
        self.ab_t[0] = 1

    def perturb(self, x, t, noise):
        ab = self.ab_t.to(x.device)[t, None, None, None]
        return ab.sqrt() * x + (1 - ab).sqrt() * noise


class PerSampleSprites(torch.utils.data.Dataset):
    """Sprites as (H, W, 3) uint8 arrays, turned into normalised tensors one at a time, like ToTensor + Normalize."""

    def __init__(self, sprites_hwc, onehot):
        self.sprites, self.onehot = sprites_hwc, onehot

    def __len__(self):
        return len(self.sprites)

    def __getitem__(self, i):
        x = torch.from_numpy(self.sprites[i]).permute(2, 0, 1).float().div(255)
        return (x - 0.5) / 0.5, torch.as_tensor(self.onehot[i], dtype=torch.float32)


def course_step(model, schedule, optimizer, x, c=None):
    """One course training step: random t in 1..T, perturb, predict the noise, MSE, Adam."""
    noise = torch.randn_like(x)
    t = torch.randint(1, schedule.T + 1, (x.shape[0],), device=x.device)
    pred = model(schedule.perturb(x, t, noise), t / schedule.T, c)
    loss = F.mse_loss(pred, noise)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss
