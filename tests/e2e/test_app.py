"""A new user's whole path through /app in headless Chromium, against the real server process.

Sign up, see what is missing, upload the fixture photos (one duplicate, one non-image), see the tags, correct one,
get outfits for a rainy day, like one and see it move, rate an outfit, chat with a follow-up, come back to the
history, sign out and in with the token, rotate it. Each screen is screenshotted at desktop width and at 390 px,
and checked with axe-core (no serious or critical findings).
"""

import base64
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from app.styling.garments import HYPHENATED
from app.vision.taxonomy import TYPES
from tests.e2e.conftest import PHONE, Page

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "images"
PHOTOS = sorted(FIXTURES.glob("*.jpg"))


def css(page: Page, selector: str) -> WebElement:
    return page.driver.find_element(By.CSS_SELECTOR, selector)


def all_css(page: Page, selector: str) -> list[WebElement]:
    return page.driver.find_elements(By.CSS_SELECTOR, selector)


def visible(page: Page, selector: str, timeout: float = 30) -> WebElement:
    element = page.wait(ec.visibility_of_element_located((By.CSS_SELECTOR, selector)), timeout, selector)
    assert isinstance(element, WebElement)
    return element


def open_section(page: Page, name: str) -> None:
    css(page, f'#nav a[data-section="{name}"]').click()
    visible(page, f"#view-{name}")


def check_screen(page: Page, name: str) -> None:
    """Screenshot and accessibility check of the screen as it is now."""
    page.screenshot(name)
    assert page.axe_violations() == [], name
    assert page.page_errors() == [], name


def sign_up(page: Page, username: str) -> str:
    page.driver.get(f"{page.base}/app")
    page.wait(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    visible(page, "#view-welcome")
    check_screen(page, "01-welcome")
    css(page, "#signup-username").send_keys(username)
    css(page, "#signup-preferences").send_keys("relaxed, navy and grey, no neon")
    css(page, "#signup-form button[type=submit]").click()
    token_input = visible(page, "#token-value")
    page.wait(lambda _: token_input.get_attribute("value"))
    token = token_input.get_attribute("value") or ""
    assert token.startswith("sty_")
    css(page, "#token-copy").click()
    page.wait(lambda _: css(page, "#token-copied").text)
    check_screen(page, "02-token-shown-once")
    css(page, "#token-continue").click()
    visible(page, "#view-wardrobe")
    return token


def upload(page: Page, paths: list[Path]) -> list[WebElement]:
    before = len(all_css(page, "#upload-list li"))
    css(page, "#file-input").send_keys("\n".join(str(p) for p in paths))
    page.wait(
        lambda _: len(all_css(page, "#upload-list li[data-outcome]")) == before + len(paths),
        timeout=90,
        message="uploads did not finish",
    )
    return all_css(page, "#upload-list li")[: len(paths)]  # newest first


def drop_file(page: Page, path: Path) -> WebElement:
    before = len(all_css(page, "#upload-list li"))
    page.js(
        "const [b64, name] = arguments;"
        "const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));"
        "const data = new DataTransfer(); data.items.add(new File([bytes], name, {type: 'image/jpeg'}));"
        "const zone = document.getElementById('dropzone');"
        "for (const kind of ['dragover', 'drop']) zone.dispatchEvent("
        "  new DragEvent(kind, {dataTransfer: data, bubbles: true, cancelable: true}));",
        base64.b64encode(path.read_bytes()).decode(),
        path.name,
    )
    page.wait(lambda _: len(all_css(page, "#upload-list li[data-outcome]")) == before + 1, message="drop ignored")
    return all_css(page, "#upload-list li")[0]


def outcomes(rows: list[WebElement]) -> dict[str, str]:
    return {row.find_element(By.CSS_SELECTOR, ".name").text: row.get_attribute("data-outcome") or "" for row in rows}


def test_new_user_from_empty_wardrobe_to_outfits_and_chat(page: Page, tmp_path: Path) -> None:
    token = sign_up(page, "e2e-ana")

    # An empty wardrobe: the outfits screen says what to add.
    open_section(page, "outfits")
    page.wait(lambda _: "add" in css(page, "#outfits-message").text.lower(), message="no 'what is missing'")
    assert "shoes" in css(page, "#outfits-message").text
    check_screen(page, "03-outfits-missing")

    # Upload every fixture photo at once; each row ends with its own result.
    open_section(page, "wardrobe")
    assert css(page, "#camera-input").get_attribute("capture") == "environment"
    rows = upload(page, PHOTOS)
    assert set(outcomes(rows).values()) == {"created"}, outcomes(rows)
    tiles = page.wait(lambda _: len(all_css(page, "#grid li")) == len(PHOTOS) and all_css(page, "#grid li"))
    assert tiles
    types = [chip.text.lower() for chip in all_css(page, "#grid .chip.type")]
    assert "jeans" in types or "pants" in types, types
    assert not [t for t in types if re.search(r"\w{2}-\w", t)], types  # "formal shoes", not the key "formal-shoes"
    assert all_css(page, "#grid .chip.colour .swatch")

    # The same photo again is a duplicate; a text file is rejected with the reason.
    not_a_photo = tmp_path / "notes.jpg"
    not_a_photo.write_text("this is not a picture")
    rows = upload(page, [PHOTOS[0], not_a_photo])
    results = outcomes(rows)
    assert results[PHOTOS[0].name] == "duplicate", results
    assert results["notes.jpg"] == "rejected", results
    assert "Rejected:" in rows[0].text or "Rejected:" in rows[1].text
    # Dropped on the page (a real drop event carrying the file): the same photo again is a duplicate.
    dropped = drop_file(page, PHOTOS[1])
    assert dropped.get_attribute("data-outcome") == "duplicate", dropped.text
    pictures_shown(page, "#grid img")
    check_screen(page, "04-wardrobe")

    # Filter by slot: only shoes.
    Select(css(page, "#filter-slot")).select_by_value("shoes")
    page.wait(lambda _: len(all_css(page, "#grid li")) == 1)
    Select(css(page, "#filter-slot")).select_by_value("")
    page.wait(lambda _: len(all_css(page, "#grid li")) == len(PHOTOS))

    # Open the jeans: every tag with a confidence; correct the pattern.
    jeans = next(t for t in all_css(page, "#grid li a") if "jeans" in t.text.lower() or "pants" in t.text.lower())
    jeans.click()
    visible(page, "#view-item")
    page.wait(lambda _: len(all_css(page, "#item-tags tr")) >= 10)
    confidences = [row.find_elements(By.CSS_SELECTOR, "td")[1].text for row in all_css(page, "#item-tags tr")]
    assert any(c.endswith("%") for c in confidences), confidences
    Select(css(page, "#correct-field")).select_by_value("pattern")
    value = visible(page, '#correct-value[data-field="pattern"]')
    if value.tag_name == "select":
        Select(value).select_by_value("solid")
    else:
        value.clear()
        value.send_keys("solid")
    css(page, "#correct-form button[type=submit]").click()
    row = page.wait(lambda _: css(page, '#item-tags tr[data-field="pattern"]'))
    page.wait(lambda _: "corrected by you" in css(page, '#item-tags tr[data-field="pattern"]').text)
    assert "Solid" in css(page, '#item-tags tr[data-field="pattern"]').text, row
    page.wait(lambda _: css(page, "#item-image").get_attribute("src"))
    check_screen(page, "05-item")

    # Outfits for a rainy 12 °C day, as pictures with a score and an explanation.
    open_section(page, "outfits")
    css(page, "#ctx-temperature").send_keys("12")
    css(page, "#ctx-rain").click()
    css(page, "#context-form button[type=submit]").click()
    visible(page, '#outfit-list[data-rain="true"][data-temperature="12"]:not([aria-busy])')
    assert all_css(page, "#outfit-list li.outfit"), css(page, "#outfits-message").text
    first = all_css(page, "#outfit-list li.outfit")[0]
    assert first.find_elements(By.CSS_SELECTOR, ".pieces img")
    assert first.find_element(By.CSS_SELECTOR, ".explanation").text
    # each caption is the API's name for the piece, the words the explanation uses ("black formal shoes")
    names = [name.text.lower() for name in first.find_elements(By.CSS_SELECTOR, ".piece-name")]
    explanation = first.find_element(By.CSS_SELECTOR, ".explanation").text.lower()
    assert names and all(name in explanation for name in names), (names, explanation)
    key = first.get_attribute("data-items")
    before = float(first.find_element(By.CSS_SELECTOR, "meter").get_attribute("value") or 0)

    # Like it: the list is asked again, and the liked outfit scores higher than before.
    first.find_element(By.CSS_SELECTOR, 'button[data-signal="like"]').click()
    liked = visible(page, f'#outfit-list:not([aria-busy]) li.outfit[data-items="{key}"] .badge')
    assert isinstance(liked, WebElement) and "liked" in liked.text.lower()
    after = float(css(page, f'#outfit-list li.outfit[data-items="{key}"] meter').get_attribute("value") or 0)
    assert after > before, (before, after)
    pictures_shown(page, "#outfit-list img")

    # Rate my outfit (still raining, 12 °C): a top, the jeans, the boots and the jacket.
    for slot in ("top", "bottom", "shoes", "outerwear"):
        click_when_ready(page, f'#rate-items li[data-category="{slot}"] input')
    # Each piece is named in words, as outfits name it ("Black formal shoes", never the tag "formal-shoes").
    names = [element.text.lower() for element in all_css(page, "#rate-items li label")]
    raw_keys = [key for key in TYPES if "-" in key and key not in HYPHENATED]
    assert names and not [name for name in names if any(key in name for key in raw_keys)], names
    css(page, "#rate-button").click()
    page.wait(lambda _: "%" in css(page, "#rate-result").text)
    assert not all_css(page, "#rate-result .broken"), css(page, "#rate-result").text
    check_screen(page, "06-outfits")

    # Chat: an answer streams in, names the user's own items; a follow-up question keeps the thread.
    open_section(page, "chat")
    ask(page, "What should I wear on a rainy day?")
    page.wait(lambda _: all_css(page, "#chat-log .named img"), message="the answer shows no item")
    ask(page, "And what shoes go with that?")
    assert len(all_css(page, "#chat-log li.turn")) == 2
    page.driver.refresh()  # the history comes back from the API
    page.wait(lambda _: len(all_css(page, "#chat-log li.turn")) == 2)
    pictures_shown(page, "#chat-log img")
    check_screen(page, "07-chat")
    named = all_css(page, "#chat-log .named a")[0]
    named.click()
    visible(page, "#view-item")

    phone_screens(page)
    keyboard_reaches_the_sections(page)
    sign_out_and_back_in(page, token)


def click_when_ready(page: Page, selector: str) -> None:
    """Clicks the first match, again if the list was re-rendered under the click (a stale element)."""

    def click(_: object) -> bool:
        element = css(page, selector)
        page.js("arguments[0].scrollIntoView({block: 'center'})", element)  # not under the sticky header
        element.click()
        return True

    page.wait(click, message=f"could not click {selector}")


def pictures_shown(page: Page, selector: str) -> None:
    page.wait(lambda _: all(img.get_attribute("src") for img in all_css(page, selector)), message=selector)


def ask(page: Page, question: str) -> None:
    visible(page, "#chat-question:enabled")  # the history is loaded
    turns = len(all_css(page, "#chat-log li.turn"))
    css(page, "#chat-question").send_keys(question)
    css(page, "#chat-form button[type=submit]").click()
    page.wait(lambda _: len(all_css(page, "#chat-log li.turn")) == turns + 1)
    page.wait(lambda _: not all_css(page, "#chat-log li.turn[aria-busy]"), timeout=60, message="answer not done")
    answer = all_css(page, "#chat-log li.turn .answer")[-1].text
    assert len(answer) > 40 and not answer.startswith("Sorry"), answer


def phone_screens(page: Page) -> None:
    """At 390 px: every screen fits the width (no sideways scrolling) and stays accessible."""
    page.size(PHONE)
    for section in ("wardrobe", "outfits", "chat", "account"):
        open_section(page, section)
        if section == "outfits":
            page.wait(lambda _: all_css(page, "#outfit-list li.outfit"))
        pictures_shown(page, f"#view-{section} img")
        overflow = page.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"{section} scrolls sideways by {overflow}px at 390 px"
        check_screen(page, f"08-phone-{section}")
    open_section(page, "wardrobe")
    click_when_ready(page, "#grid li a")
    visible(page, "#view-item")
    page.wait(lambda _: css(page, "#item-image").get_attribute("src"))
    check_screen(page, "08-phone-item")
    page.size((1280, 900))


def keyboard_reaches_the_sections(page: Page) -> None:
    """Tab from the top: the skip link first, then the section links, each opened with Enter."""

    def press(key: str) -> None:
        ActionChains(page.driver).send_keys(key).perform()

    for section in ("wardrobe", "outfits"):
        # Start where a fresh page starts: focus on the document itself.
        page.js("const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex')")
        press(Keys.TAB)
        assert page.js("return document.activeElement.className") == "skip"
        for _ in range(6):
            if page.js("return document.activeElement.dataset.section") == section:
                break
            press(Keys.TAB)
        press(Keys.ENTER)
        visible(page, f"#view-{section}")


def sign_out_and_back_in(page: Page, token: str) -> None:
    open_section(page, "account")
    css(page, "#sign-out").click()
    visible(page, "#view-welcome")
    assert page.js("return localStorage.length") == 0
    assert not all_css(page, "#grid li, #chat-log li, #outfit-list li"), "the last user's wardrobe is still on the page"
    css(page, "#signin-token").send_keys(token, Keys.ENTER)  # the keyboard alone signs in
    visible(page, "#view-wardrobe")
    page.wait(lambda _: len(all_css(page, "#grid li")) == len(PHOTOS))

    # Delete one item: it leaves the grid (and the server).
    click_when_ready(page, "#grid li a")
    visible(page, "#view-item")
    css(page, "#item-delete").click()
    page.wait(ec.alert_is_present()).accept()  # type: ignore[attr-defined]
    visible(page, "#view-wardrobe")
    page.wait(lambda _: len(all_css(page, "#grid li")) == len(PHOTOS) - 1, message="the item is still listed")

    # A new token replaces the old one: the old one no longer signs in.
    open_section(page, "account")
    css(page, "#rotate-token").click()
    page.wait(ec.alert_is_present()).accept()  # type: ignore[attr-defined]
    new_token = visible(page, "#token-value").get_attribute("value")
    assert new_token and new_token != token
    css(page, "#token-continue").click()
    open_section(page, "account")
    css(page, "#sign-out").click()
    css(page, "#signin-token").send_keys(token)
    css(page, "#signin-form button[type=submit]").click()
    page.wait(lambda _: "not valid" in css(page, "#signin-error").text)
