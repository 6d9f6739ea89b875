"""The demo in a real browser: headless Chromium, driven by selenium through chromedriver, clicks Generate, checks the
gallery, blends two classes and downloads the sprite sheet, against the app served on loopback with a tiny model.

Both come from Debian (chromium, chromium-driver), which `make test` installs, so nothing downloads a browser or a
driver at test time; where they are missing the tests are skipped with the command that installs them.

The README's screenshot is opt-in, never taken in CI:

    SPRITE_DEMO_SCREENSHOT=docs/demo_browser.png SPRITE_DEMO_MODEL=sprite-ddpm pytest tests/test_demo_browser.py
"""

import contextlib
import os
import shutil
import socket
import tempfile
import time

import pytest
from PIL import Image

from conftest import write_tiny_export
from toolkit.samplers import DEFAULT_SAMPLER

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
INSTALL = "sudo apt-get install chromium chromium-driver, or run `make test`, which installs them"
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason=f"the browser test needs Debian's chromium and chromium-driver: {INSTALL}")
LABELS = ["creature", "hero", "item", "food", "spell"]
UPSCALE = 8
TIMEOUT_S = 60


@pytest.fixture(scope="module")
def cond_model(tmp_path_factory):
    return write_tiny_export(tmp_path_factory.mktemp("browser-model") / "cond", labels=LABELS, rgba=True,
                             palette=True)


@pytest.fixture
def browser(tmp_path):
    pytest.importorskip("gradio", reason='the demo needs gradio: pip install -e ".[dev,demo]"')
    webdriver = pytest.importorskip("selenium.webdriver", reason='the browser test needs selenium: pip install -e '
                                                                 '".[dev,demo]"')
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # Headless, and quiet on a machine without a network: no background updates, sync or QUIC probes.
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--window-size=1280,1000", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    # The driver is given, so selenium's own driver manager never goes looking on the network.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


@contextlib.contextmanager
def served(model, **options):
    """The app for `model` on a free loopback port; yields its URL."""
    from toolkit.config import DemoConfig
    from toolkit.demo_app import start

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    blocks, url = start(DemoConfig(model=model, port=port, upscale=UPSCALE, **options))
    try:
        yield url
    finally:
        blocks.close()


def wait_for(driver, condition, what):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, TIMEOUT_S, poll_frequency=0.1).until(lambda d: condition(), message=what)


def set_number(driver, elem_id, value):
    """Type into the number box of a gr.Number or gr.Slider, as a person does, and leave it so it takes effect."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.CSS_SELECTOR, f"#{elem_id} input[type=number]")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(str(value), Keys.TAB)
    wait_for(driver, lambda: box.get_attribute("value") == str(value), f"#{elem_id} to read {value}")


def status(driver):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, "#status textarea, #status input").get_attribute("value")


def loaded_gallery(driver):
    """(width, height) of each gallery image once every one has loaded, else None."""
    sizes = driver.execute_script(
        "return Array.from(document.querySelectorAll('#gallery .thumbnail-item img, #gallery .grid-wrap img'))"
        ".map(i => i.complete ? [i.naturalWidth, i.naturalHeight] : [0, 0]);")
    return sizes if sizes and all(w > 0 for w, _ in sizes) else None


def generate_and_wait(driver, summary_start):
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "generate").click()
    wait_for(driver, lambda: status(driver).startswith(summary_start), f"the status to start with {summary_start!r}")
    return wait_for(driver, lambda: loaded_gallery(driver), "the gallery's images to load")


def test_generate_blend_and_download_in_a_browser(browser, cond_model):
    from selenium.webdriver.common.by import By

    with served(cond_model, num_images=4, num_inference_steps=3) as url:
        browser.get(url)
        wait_for(browser, lambda: browser.find_elements(By.ID, "generate"), "the app to render its controls")
        assert "5 classes (creature, hero, item, food, spell), a palette of" in browser.page_source

        sizes = generate_and_wait(browser, f"4 sprites of creature, {DEFAULT_SAMPLER} 3 steps")
        # four sprites, each 16 px upscaled 8x with NEAREST
        assert sizes == [[16 * UPSCALE, 16 * UPSCALE]] * 4

        browser.find_element(By.CSS_SELECTOR, "#condition input[value=blend]").click()
        set_number(browser, "blend-1", 0.7)
        set_number(browser, "count", 6)
        sizes = generate_and_wait(browser, "6 sprites of a blend (creature 1, hero 0.7)")
        assert sizes == [[16 * UPSCALE, 16 * UPSCALE]] * 6

        browser.find_element(By.ID, "sheet-download").click()
        sheet = wait_for(browser, lambda: [p for p in browser.downloads.iterdir() if p.suffix == ".png"],
                         "the sprite sheet to download")[0]
        with Image.open(sheet) as img:
            assert sheet.name == "sheet-seed0.png" and img.mode == "RGBA" and img.size == (3 * 16, 2 * 16)

        # bad input in the browser: one sentence in the status box, and the app goes on
        set_number(browser, "steps", 0)
        browser.find_element(By.ID, "generate").click()
        wait_for(browser, lambda: status(browser).startswith("Steps must be a whole number from 1 to 1000, got 0"),
                 "the steps error in the status box")
        set_number(browser, "steps", 2)
        generate_and_wait(browser, f"6 sprites of a blend (creature 1, hero 0.7), {DEFAULT_SAMPLER} 2 steps")


@pytest.mark.skipif(not os.environ.get("SPRITE_DEMO_SCREENSHOT"),
                    reason="opt-in: SPRITE_DEMO_SCREENSHOT=docs/demo_browser.png [SPRITE_DEMO_MODEL=sprite-ddpm]")
def test_screenshot_for_the_readme(browser, cond_model):
    from selenium.webdriver.common.by import By

    model = os.environ.get("SPRITE_DEMO_MODEL") or cond_model
    with served(model, num_images=16) as url:
        browser.get(url)
        wait_for(browser, lambda: browser.find_elements(By.ID, "generate"), "the app to render its controls")
        generate_and_wait(browser, "16 sprites")
        time.sleep(8.8)  # the denoising GIF plays once (100 frames of 80 ms), then holds the finished sprites
        path = os.environ["SPRITE_DEMO_SCREENSHOT"]
        with tempfile.TemporaryDirectory() as tmp:
            browser.save_screenshot(os.path.join(tmp, "shot.png"))
            Image.open(os.path.join(tmp, "shot.png")).convert("RGB").save(path, optimize=True)
