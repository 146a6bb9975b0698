"""/docs and /redoc render the operations in a browser that can reach nothing but the server."""

import pytest
from selenium.webdriver.common.by import By

from tests.e2e.conftest import Page

pytestmark = pytest.mark.e2e


def loaded_from_elsewhere(page: Page) -> list[str]:
    urls = page.js("return performance.getEntriesByType('resource').map(e => e.name)")
    assert isinstance(urls, list)
    return [u for u in urls if not str(u).startswith(page.base)]


def test_swagger_ui_renders_every_operation_offline(page: Page) -> None:
    page.driver.get(f"{page.base}/docs")
    page.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".opblock")) >= 20, message="no operations")
    summaries = [e.text for e in page.driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")]
    assert "/api/outfits/suggestions" in summaries
    assert loaded_from_elsewhere(page) == []
    assert page.page_errors() == []
    page.screenshot("09-docs-swagger", full_page=False)


# ReDoc's sidebar always tries its vendor's logo; the page's policy refuses it (and ReDoc hides the image).
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_redoc_renders_operations_offline(page: Page) -> None:
    page.driver.get(f"{page.base}/redoc")
    page.wait(lambda d: "/api/outfits/suggestions" in d.find_element(By.TAG_NAME, "body").text, message="blank")
    assert page.driver.find_elements(By.CSS_SELECTOR, "[data-section-id^='operation/'], [id^='operation/']")
    assert set(loaded_from_elsewhere(page)) <= {REDOC_LOGO}
    errors = page.page_errors()
    assert all(REDOC_LOGO in e and "Content Security Policy" in e for e in errors), errors
    page.screenshot("10-docs-redoc", full_page=False)
