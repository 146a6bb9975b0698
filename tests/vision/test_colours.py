import numpy as np
import pytest
from PIL import Image

from app.vision.colours import ciede2000, dominant_colours, name_colour, rgb_to_lab
from tests.factories import garment_image

# Reference pairs from Sharma, Wu & Dalal (2005), the CIEDE2000 test data.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_reference_data(lab1, lab2, expected) -> None:
    assert ciede2000(np.array(lab1), np.array(lab2)) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_and_black() -> None:
    assert rgb_to_lab(np.array([255, 255, 255])) == pytest.approx([100, 0, 0], abs=0.1)
    assert rgb_to_lab(np.array([0, 0, 0])) == pytest.approx([0, 0, 0], abs=0.1)


@pytest.mark.parametrize(
    ("rgb", "name"),
    [((31, 42, 68), "navy"), ((122, 31, 43), "burgundy"), ((193, 154, 107), "camel"), ((107, 107, 46), "olive")],
)
def test_palette_naming(rgb, name) -> None:
    assert name_colour(rgb_to_lab(np.array(rgb)))[0] == name


def test_background_is_not_the_garment() -> None:
    # A small burgundy garment on a large white backdrop: the backdrop must not win.
    colours = dominant_colours(garment_image(colour=(122, 31, 43), background=(250, 250, 250)))
    assert colours[0].name == "burgundy"
    assert all(c.family != "white" for c in colours)


def test_two_coloured_item_reports_both_with_shares() -> None:
    image = Image.new("RGB", (300, 300), (245, 245, 245))
    image.paste((31, 42, 68), (60, 60, 240, 150))
    image.paste((193, 154, 107), (60, 150, 240, 240))
    colours = dominant_colours(image)
    assert {c.name for c in colours} == {"navy", "camel"}
    assert sum(c.share for c in colours) == pytest.approx(1.0, abs=0.01)


def test_trusted_family_renames_the_main_colour_within_it() -> None:
    # Studio-lit navy reads as charcoal to k-means; the colour head's family decides the name.
    image = garment_image(colour=(52, 56, 66))
    assert dominant_colours(image)[0].family != "navy"
    assert dominant_colours(image, primary_family="navy")[0].name == "navy"


def test_the_head_s_family_leads_with_its_own_pixels_and_swatch() -> None:
    # A white shirt whose mask kept a brown bed (55% bed, 45% shirt): the head says white, and the photo holds
    # white, so white leads with a light swatch; it was "white" shown as #5A3A22 (the bed's brown).
    image = Image.new("RGB", (300, 300), (245, 245, 245))
    image.paste((90, 58, 34), (40, 40, 260, 161))
    image.paste((242, 242, 238), (40, 161, 260, 260))
    garment = np.zeros((300, 300), dtype=bool)
    garment[40:260, 40:260] = True  # the learned mask: bed and shirt (white on white is no backdrop to it)
    colours = dominant_colours(image, primary_family="white", mask=garment)
    assert colours[0].family == "white"
    assert rgb_to_lab(np.array(hex_rgb(colours[0].hex)))[0] > 85
    assert [c.family for c in colours[1:]] == ["brown"]


def test_a_small_patch_of_the_head_s_family_does_not_lead() -> None:
    # A navy jumper read mostly near-black, a sliver of it navy: the largest is named navy, not the sliver.
    image = Image.new("RGB", (300, 300), (245, 245, 245))
    image.paste((30, 30, 34), (40, 40, 260, 230))
    image.paste((31, 42, 98), (40, 230, 260, 260))
    colours = dominant_colours(image, primary_family="navy")
    assert colours[0].name == "navy" and colours[0].share > 0.7
    assert rgb_to_lab(np.array(hex_rgb(colours[0].hex)))[0] < 20


def hex_rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def test_light_falloff_on_a_plain_garment_is_one_colour_not_two() -> None:
    # A plain blue-grey shirt lit from one side, as photographed at home: the lit half (7 ΔE00 away, nearest to
    # "silver" in the palette) is the same fabric, not a second, metallic colour.
    image = Image.new("RGB", (300, 300), (245, 245, 245))
    image.paste((134, 151, 164), (60, 60, 240, 150))
    image.paste((157, 174, 186), (60, 150, 240, 240))
    colours = dominant_colours(image)
    assert len(colours) == 1, colours
    assert colours[0].share == pytest.approx(1.0)
