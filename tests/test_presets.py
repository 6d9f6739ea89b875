import pytest
import torch

from toolkit.errors import SpriteError
from toolkit.presets import PRESETS, build_unet, unet_config


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize("resolution", [16, 32])
def test_presets_run_at_sprite_sizes(preset, resolution):
    torch.manual_seed(0)
    unet = build_unet(unet_config(preset, resolution))
    x = torch.randn(2, 3, resolution, resolution)
    with torch.no_grad():
        out = unet(x, torch.tensor([1, 500])).sample
    assert out.shape == x.shape and torch.isfinite(out).all()


def test_presets_grow_in_size():
    sizes = [sum(p.numel() for p in build_unet(unet_config(name, 16)).parameters())
             for name in ("tiny", "fast", "quality")]
    assert sizes == sorted(sizes) and sizes[1] > 500_000


def test_too_many_down_blocks_for_the_resolution(tmp_path):
    # diffusers' example default: six blocks, which crashes at 16 px.
    config = tmp_path / "config.json"
    config.write_text('{"_class_name": "UNet2DModel", "block_out_channels": [32, 32, 64, 64, 128, 128], '
                      '"down_block_types": ["DownBlock2D", "DownBlock2D", "DownBlock2D", "DownBlock2D", '
                      '"DownBlock2D", "DownBlock2D"], "up_block_types": ["UpBlock2D", "UpBlock2D", "UpBlock2D", '
                      '"UpBlock2D", "UpBlock2D", "UpBlock2D"]}')
    with pytest.raises(SpriteError, match="Resolution 16 cannot go through the 6 down blocks.*multiple of 32"):
        unet_config(model_config_name_or_path=str(config), resolution=16)
    assert unet_config(model_config_name_or_path=str(config), resolution=32)["sample_size"] == 32


def test_odd_resolution_rejected():
    with pytest.raises(SpriteError, match="multiple of 4"):
        unet_config("fast", 18)
