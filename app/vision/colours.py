"""Garment colours: the garment's own pixels (learned mask), white-balanced, clustered in CIELAB, named
with CIEDE2000 against one documented palette (PALETTE; corrections are validated against it too).

OpenCV does the Lab conversion and k-means (measured 0.25 vs 1.6 ms and 5 vs 26 ms on a 64x64 sample
against the numpy versions this module used to carry).
"""

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from app.vision.features import as_rgb

FloatArray = NDArray[np.float64]

# A curated fashion palette: (name, hex, family). Families are the coarse groups people filter by.
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("black", "#111111", "black"),
    ("charcoal", "#36454F", "grey"),
    ("grey", "#808080", "grey"),
    ("light grey", "#C8C8C8", "grey"),
    ("white", "#F8F8F6", "white"),
    ("ivory", "#FFFFF0", "white"),
    ("cream", "#F3E9D2", "beige"),
    ("beige", "#D9C8A9", "beige"),
    ("stone", "#B8AE9C", "beige"),
    ("khaki", "#B9A97A", "beige"),
    ("camel", "#C19A6B", "brown"),
    ("tan", "#D2B48C", "brown"),
    ("brown", "#7B4B2A", "brown"),
    ("chocolate", "#4E2E1E", "brown"),
    ("rust", "#B7410E", "orange"),
    ("orange", "#F28C28", "orange"),
    ("coral", "#F88379", "orange"),
    ("mustard", "#D8AE3A", "yellow"),
    ("yellow", "#F5D547", "yellow"),
    ("red", "#C8102E", "red"),
    ("burgundy", "#7A1F2B", "red"),
    ("pink", "#F4A7B9", "pink"),
    ("blush", "#E8C4C4", "pink"),
    ("fuchsia", "#D1348C", "pink"),
    ("lavender", "#B9A7D6", "purple"),
    ("purple", "#6A3D9A", "purple"),
    ("plum", "#5E2750", "purple"),
    ("navy", "#1F2A44", "navy"),
    ("denim blue", "#4A6A8A", "blue"),
    ("blue", "#2F5DA8", "blue"),
    ("light blue", "#A7C7E7", "blue"),
    ("teal", "#1F7A7A", "blue"),
    ("turquoise", "#40B5AD", "blue"),
    ("mint", "#B5E3C8", "green"),
    ("green", "#2E8B57", "green"),
    ("olive", "#6B6B2E", "green"),
    ("khaki green", "#7C7C54", "green"),
    ("forest green", "#1F4D2E", "green"),
    ("gold", "#C9A449", "metallic"),
    ("silver", "#B5B7BB", "metallic"),
)

_SAMPLE_SIDE = 64  # pixels per side analysed: colour needs area, not detail
_MIN_SHARE = 0.08  # clusters smaller than this are trims, shadows or noise
SECONDARY_SHARE = 0.2  # a second colour is named only when it covers at least this share of the garment
FAMILY_LEAD_SHARE = 0.5  # a cluster of the head's family leads when it is at least half the largest one
# Folds and light fall-off split one fabric into clusters a few ΔE00 apart ("light blue" and "silver" on a plain
# shirt); a second colour a person would name lies further from the main one. On the 117 home photos of
# eval/home_photos.csv labelled solid, 66 had a second colour before this merge and 22 after; stripes and checks
# too fine for the 64-px sample were already averaged into one colour (python -m eval.secondary_colours).
SHADE_DELTA_E = 12.0
WHITE_BALANCE_STRENGTH = 0.0  # measured on eval/home_photos.csv: 0.5 gave 0.448 vs 0.462 family accuracy (clusters)
_MAX_GAIN = 1.25


@dataclass(frozen=True)
class ColourShare:
    name: str
    hex: str
    family: str
    share: float  # fraction of the garment's area


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_lab(rgb: NDArray[np.generic]) -> FloatArray:
    """sRGB (…, 3) in 0-255 to CIELAB (D65)."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = linear @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


def ciede2000(lab1: FloatArray, lab2: FloatArray) -> FloatArray:
    """CIEDE2000 colour difference, broadcast over leading dimensions."""
    l1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    l2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0, dh)
    dhp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    lp_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    hp_mean = np.where(
        c1p * c2p == 0,
        h_sum,
        np.where(np.abs(h1p - h2p) <= 180, h_sum / 2, np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2)),
    )
    t = (
        1
        - 0.17 * np.cos(np.radians(hp_mean - 30))
        + 0.24 * np.cos(np.radians(2 * hp_mean))
        + 0.32 * np.cos(np.radians(3 * hp_mean + 6))
        - 0.20 * np.cos(np.radians(4 * hp_mean - 63))
    )
    sl = 1 + 0.015 * (lp_mean - 50) ** 2 / np.sqrt(20 + (lp_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = (
        -2
        * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
        * np.sin(np.radians(60 * np.exp(-(((hp_mean - 275) / 25) ** 2))))
    )
    return np.sqrt(  # type: ignore[no-any-return]
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhp / sh) ** 2 + rt * (dcp / sc) * (dhp / sh)
    )


_PALETTE_LAB = rgb_to_lab(np.array([hex_to_rgb(h) for _, h, _ in PALETTE]))


def name_colour(lab: FloatArray, family: str | None = None) -> tuple[str, str]:
    """Nearest palette entry by CIEDE2000: (name, family); within `family` when one is imposed."""
    distances = ciede2000(np.broadcast_to(lab, _PALETTE_LAB.shape), _PALETTE_LAB)
    if family is not None:
        distances = np.where([f == family for _, _, f in PALETTE], distances, np.inf)
    name, _, found = PALETTE[int(np.argmin(distances))]
    return name, found


def name_colours(labs: FloatArray) -> list[tuple[str, str]]:
    """name_colour of each row of `labs` (k, 3), in one CIEDE2000 call (k calls cost ~0.1 ms each)."""
    distances = ciede2000(np.broadcast_to(labs[:, None, :], (len(labs), *_PALETTE_LAB.shape)), _PALETTE_LAB)
    return [(PALETTE[i][0], PALETTE[i][2]) for i in np.argmin(distances, axis=1)]


def foreground_mask(lab: FloatArray) -> NDArray[np.bool_]:
    """Pixels that are not the backdrop, judged against the colour of the image border.

    User photos are flat-lays on beds and floors or shop shots on white: the border is mostly backdrop.
    When the border is not one colour (a busy room), fall back to the central region.
    """
    h, w, _ = lab.shape
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    backdrop = np.median(border, axis=0)
    border_spread = np.median(np.linalg.norm(border - backdrop, axis=1))
    if border_spread < 10:
        mask = np.linalg.norm(lab - backdrop, axis=2) > max(12.0, 2.5 * border_spread)
        if mask.mean() > 0.05:
            return mask  # type: ignore[no-any-return]
    mask = np.zeros((h, w), dtype=bool)
    mask[h // 5 : h - h // 5, w // 5 : w - w // 5] = True
    return mask


def _kmeans(points: FloatArray, k: int) -> tuple[FloatArray, NDArray[np.intp]]:
    k = max(1, min(k, len(points)))
    cv2.setRNGSeed(0)  # the same photo always gets the same colours
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 0.5)
    data = np.ascontiguousarray(points, dtype=np.float32)
    _, labels, centres = cv2.kmeans(data, k, None, criteria, 1, cv2.KMEANS_PP_CENTERS)  # type: ignore[call-overload]
    return np.asarray(centres, dtype=np.float64), np.asarray(labels, dtype=np.intp).ravel()


def white_balanced(rgb: NDArray[np.float32]) -> NDArray[np.float32]:
    """Part-way towards neutral light: shades-of-grey (p=6) illuminant estimate over the whole photo.

    Warm bulbs turn grey into beige and white into cream; a full grey-world correction would in turn
    bleach a photo that is mostly one colourful blanket, hence the partial strength and capped gains.
    """
    illuminant = np.power(np.mean(np.power(rgb.reshape(-1, 3), 6), axis=0), 1 / 6) + 1e-6
    gains = np.clip(illuminant.mean() / illuminant, 1 / _MAX_GAIN, _MAX_GAIN) ** WHITE_BALANCE_STRENGTH
    return np.asarray(np.clip(rgb * gains.astype(np.float32), 0, 1), dtype=np.float32)


def garment_lab(image: Image.Image, mask: NDArray[np.bool_] | None = None) -> FloatArray:
    """CIELAB of the garment's pixels on a small sample: the learned mask's, else the border heuristic's."""
    small = as_rgb(image).resize((_SAMPLE_SIDE, _SAMPLE_SIDE), Image.Resampling.BILINEAR)
    rgb = white_balanced(np.asarray(small, dtype=np.float32) / 255.0)
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab).astype(np.float64)
    if mask is None:
        return lab[foreground_mask(lab)]
    sample = cv2.resize(mask.astype(np.uint8), (_SAMPLE_SIDE, _SAMPLE_SIDE), interpolation=cv2.INTER_NEAREST)
    points = lab[sample > 0]
    return points if len(points) >= 16 else lab.reshape(-1, 3)


def _shades_merged(
    ranked: list[tuple[str, tuple[float, FloatArray, str]]],
) -> list[tuple[str, tuple[float, FloatArray, str]]]:
    """Clusters within SHADE_DELTA_E of the largest are shades of it: their share goes to it."""
    (name, (share, centre, family)), rest = ranked[0], ranked[1:]
    distances = [float(ciede2000(other[1][1], centre)) for other in rest]
    shades = sum(other[1][0] for other, distance in zip(rest, distances, strict=True) if distance < SHADE_DELTA_E)
    others = [other for other, distance in zip(rest, distances, strict=True) if distance >= SHADE_DELTA_E]
    return [(name, (share + shades, centre, family)), *others]


def dominant_colours(
    image: Image.Image,
    max_colours: int = 4,
    primary_family: str | None = None,
    mask: NDArray[np.bool_] | None = None,
) -> list[ColourShare]:
    """The 1-4 main colours of the garment, largest first, merged when a human would call them one.

    `mask` is the garment's pixels (app.vision.mask) at the image's size. `primary_family` is the
    trained colour head's verdict: studio light turns navy into dark grey for k-means, so when the
    head is sure, the largest cluster is named within the family it says. Colours after the first
    are kept only when they cover SECONDARY_SHARE of the garment and are not a shade of the first.
    """
    points = garment_lab(image, mask)
    centres, labels = _kmeans(points, k=max_colours + 2)
    shares = np.bincount(labels, minlength=len(centres)) / len(labels)
    by_name: dict[str, tuple[float, FloatArray, str]] = {}
    for centre, share, (name, family) in zip(centres, shares, name_colours(centres), strict=True):
        previous = by_name.get(name)
        total = share + (previous[0] if previous else 0.0)
        best = centre if previous is None or share > previous[0] else previous[1]
        by_name[name] = (total, best, family)
    ranked = _shades_merged(sorted(by_name.items(), key=lambda item: -item[1][0]))
    kept = [(n, s, c, f) for n, (s, c, f) in ranked if s >= _MIN_SHARE][:max_colours] or [
        (n, s, c, f) for n, (s, c, f) in ranked[:1]
    ]
    kept = kept[:1] + [k for k in kept[1:] if k[1] >= SECONDARY_SHARE]
    if primary_family is not None and kept[0][3] != primary_family:
        kept = _led_by_family(kept, ranked, primary_family)
    total = sum(s for _, s, _, _ in kept)
    return [ColourShare(name=n, hex=_lab_hex(c), family=f, share=round(float(s / total), 3)) for n, s, c, f in kept]


_Kept = tuple[str, float, FloatArray, str]  # name, share, measured centre (Lab), family


def _led_by_family(
    kept: list[_Kept], ranked: list[tuple[str, tuple[float, FloatArray, str]]], family: str
) -> list[_Kept]:
    """The colour head's family names the garment. A cluster of that family covering at least FAMILY_LEAD_SHARE of
    what the largest covers leads, with its own measured colour as the swatch (a white shirt whose mask kept some of
    a brown bed is white, shown white); otherwise the largest cluster is named within the family (studio light turns
    a navy jumper's pixels near black: it is navy, shown as seen)."""
    own = next(((n, s, c, f) for n, (s, c, f) in ranked if f == family and s >= FAMILY_LEAD_SHARE * kept[0][1]), None)
    if own is not None:
        return [own, *(k for k in kept if k[0] != own[0])]
    name, found = name_colour(kept[0][2], family)
    share = kept[0][1] + sum(k[1] for k in kept[1:] if k[0] == name)
    return [(name, share, kept[0][2], found), *(k for k in kept[1:] if k[0] != name)]


def _lab_hex(lab: FloatArray) -> str:
    """Hex of the measured colour (not the palette's), so clients can show what was actually seen."""
    lightness, a, b = lab
    fy = (lightness + 16) / 116
    f = np.array([fy + a / 500, fy, fy - b / 200])
    xyz = np.where(f**3 > 216 / 24389, f**3, (116 * f - 16) / (24389 / 27)) * np.array([0.95047, 1.0, 1.08883])
    m = np.array([[3.2406, -1.5372, -0.4986], [-0.9689, 1.8758, 0.0415], [0.0557, -0.2040, 1.0570]])
    linear = np.clip(m @ xyz, 0, 1)
    srgb = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    r, g, bl = (round(float(v) * 255) for v in srgb)
    return f"#{r:02X}{g:02X}{bl:02X}"
