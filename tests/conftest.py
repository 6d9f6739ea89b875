"""Shared fixtures: small sprite sources made in tmp folders, tiny training configs, and a fake Hub on loopback.

No network: the `hub` fixture serves the routes the real huggingface_hub client calls for create_repo, create_branch
and upload_folder of model, dataset and Space repos (README metadata validation, preupload, commit), answers every
file as a "regular" upload so its content comes inline in the NDJSON commit, records every request and keeps the
committed files per repo and branch.
"""

import base64
import hashlib
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from huggingface_hub import constants  # noqa: E402
from PIL import Image  # noqa: E402

from toolkit.config import TrainConfig  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tiny_config(tmp_path, **overrides):
    """A TrainConfig for a few-second CPU run of the tiny preset, in fp32 and the contiguous layout on every CPU (the
    defaults would pick bf16 on CPUs with bf16 units, and whichever layout times faster)."""
    values = dict(preset="tiny", output_dir=str(tmp_path / "export"), train_batch_size=8, max_train_steps=4,
                  max_train_samples=64, checkpointing_steps=2, eval_batch_size=4, preview_inference_steps=2,
                  lr_warmup_steps=0, logger="none", ddpm_num_steps=50, cpu_threads=2, mixed_precision="no",
                  memory_format="contiguous")
    values.update(overrides)
    return TrainConfig(**values)


def write_course_arrays(folder, count=40, seed=0):
    """Course-style arrays in `folder`: `count` random 16x16x3 uint8 sprites and one-hot labels (count, 5)."""
    folder.mkdir(parents=True, exist_ok=True)
    sprites = np.random.default_rng(seed).integers(0, 256, size=(count, 16, 16, 3), dtype=np.uint8)
    np.save(folder / f"sprites_{count}_16x16.npy", sprites)
    np.save(folder / f"sprite_labels_nc_{count}_16x16.npy", np.eye(5)[np.arange(count) % 5])
    return folder


def write_tiny_export(folder, labels=None, rgba=False, palette=False, seed=0):
    """An untrained tiny-preset 16 px export in `folder` (seeded), conditional on `labels` when given, RGBA with a
    sprite format and its palette (from random binary-alpha sprites) when `palette`; returns the folder as a str."""
    import torch

    from toolkit.export import export_pipeline
    from toolkit.palette import describe_format
    from toolkit.presets import build_scheduler, build_unet, unet_config

    fmt = None
    if palette:
        sprites = np.random.default_rng(seed).integers(0, 4, size=(8, 16, 16, 4), dtype=np.uint8) * 85
        sprites[..., 3] = np.where(sprites[..., 3] > 127, 255, 0)
        fmt = describe_format(sprites if rgba else sprites[..., :3])
    torch.manual_seed(seed)
    channels, classes = (4 if rgba else 3), (len(labels) if labels else None)
    unet = build_unet(unet_config("tiny", 16, in_channels=channels, num_classes=classes))
    id2label = {str(i): name for i, name in enumerate(labels)} if labels else None
    return export_pipeline(unet, build_scheduler(50), str(folder), {"title": "test"}, id2label=id2label,
                           sprite_format=fmt)


# Prepended to scripts run in a subprocess: loading an export there must not need (or import) the toolkit.
NO_TOOLKIT = """import sys, importlib.abc
class NoToolkit(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "toolkit" or name.startswith("toolkit."):
            raise ImportError("the toolkit must not be needed to load an export")
sys.meta_path.insert(0, NoToolkit())
"""


# Tiny runs shared by several test files (each trains once per session). They are read-only: a test that changes a
# run's files, or needs other settings, trains its own.
@pytest.fixture(scope="session")
def tiny_export(tmp_path_factory):
    """A 2-step unconditional run on the embedded (RGBA) sprites, its checkpoint-2 and its export, with the default
    1000-step noise schedule of a real run (tiny_config's 50 would refuse the README's 100-step DDPM)."""
    from toolkit.training import train

    cfg = tiny_config(tmp_path_factory.mktemp("tiny-export"), max_train_steps=2, ddpm_num_steps=1000)
    train(cfg)
    return cfg


@pytest.fixture(scope="session")
def tiny_lora(tiny_export, tmp_path_factory):
    """A rank-2 LoRA adapter trained for 3 steps (a high learning rate, so it visibly changes samples) on
    `tiny_export`."""
    from toolkit.training import train

    cfg = tiny_config(tmp_path_factory.mktemp("tiny-lora"), pretrained_model_name_or_path=tiny_export.output_dir,
                      use_lora=True, lora_rank=2, max_train_steps=3, learning_rate=1e-2)
    train(cfg)
    return cfg


@pytest.fixture(scope="session")
def tiny_conditional_export(tmp_path_factory):
    """A 2-step class-conditional run on the embedded (RGBA) sprites: five labels, a 50-step noise schedule."""
    from toolkit.training import train

    cfg = tiny_config(tmp_path_factory.mktemp("tiny-cond"), conditioning="class", max_train_steps=2,
                      eval_batch_size=5)
    train(cfg)
    return cfg


@pytest.fixture
def course_dir(tmp_path):
    """A folder with course-style arrays: 40 sprites (16x16x3 uint8) and one-hot labels (40, 5)."""
    return write_course_arrays(tmp_path / "course")


@pytest.fixture
def image_folder(tmp_path):
    """An imagefolder with two classes of 8x8 sprites in RGBA, palette and greyscale modes."""
    root = tmp_path / "sprites"
    rng = np.random.default_rng(1)
    for cls in ("knights", "potions"):
        (root / cls).mkdir(parents=True)
        for i in range(6):
            rgba = rng.integers(0, 256, size=(8, 8, 4), dtype=np.uint8)
            img = Image.fromarray(rgba, "RGBA")
            if i % 3 == 1:
                img = img.convert("RGB").convert("P", palette=Image.ADAPTIVE, colors=8)
            elif i % 3 == 2:
                img = img.convert("L")
            img.save(root / cls / f"{cls}_{i}.png")
    return root


def make_sheet(path, tiles, columns, tile=(16, 16), margin=0, spacing=0, background=(0, 0, 0, 0)):
    """Write a sprite sheet: `tiles` (H, W, C) uint8 arrays (None: an empty tile) in rows of `columns`, `margin` px
    around the grid and `spacing` px between tiles, on `background` (RGBA: a 4-tuple, RGB: a 3-tuple)."""
    width, height = tile
    rows = -(-len(tiles) // columns)
    size = (2 * margin + columns * width + (columns - 1) * spacing, 2 * margin + rows * height + (rows - 1) * spacing)
    sheet = np.empty((size[1], size[0], len(background)), dtype=np.uint8)
    sheet[:] = background
    for i, pixels in enumerate(tiles):
        if pixels is not None:
            row, col = divmod(i, columns)
            y, x = margin + row * (height + spacing), margin + col * (width + spacing)
            sheet[y:y + height, x:x + width] = pixels
    Image.fromarray(sheet, "RGBA" if len(background) == 4 else "RGB").save(path)
    return path


def random_sprite(seed, size=(16, 16), channels=4):
    """Opaque random pixels filling the whole tile, so tile edges are unambiguous."""
    pixels = np.random.default_rng(seed).integers(1, 255, size=(size[1], size[0], channels), dtype=np.uint8)
    if channels == 4:
        pixels[..., 3] = 255
    return pixels


_KIND = r"(?P<kind>models|datasets|spaces)"
_REPO = r"(?P<repo>[^/]+/[^/]+)"
ROUTES = [
    ("POST", re.compile(r"/api/repos/create"), "create"),
    ("POST", re.compile(r"/api/validate-yaml"), "validate"),
    ("GET", re.compile(r"/api/whoami-v2"), "whoami"),
    ("POST", re.compile(rf"/api/{_KIND}/{_REPO}/branch/(?P<rev>[^/]+)"), "branch"),
    ("POST", re.compile(rf"/api/{_KIND}/{_REPO}/preupload/(?P<rev>[^/]+)"), "preupload"),
    ("POST", re.compile(rf"/api/{_KIND}/{_REPO}/commit/(?P<rev>[^/]+)"), "commit"),
    ("GET", re.compile(rf"/api/{_KIND}/{_REPO}(?:/revision/(?P<rev>[^/]+))?"), "repo_info"),
]


class FakeHub:
    """State and route handlers of the fake Hub; `fail()` makes a route answer with an error status."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.repos = {}  # repo id -> {"type": model|dataset|space, "private": bool, "sdk": a Space's SDK or None,
        #                               "branches": {name: {path: bytes}}}
        self.commits = []
        self.failures = {}  # route -> [status, remaining (None: forever), echo the Authorization header]

    def fail(self, route, status, times=None, echo_auth=False):
        self.failures[route] = [status, times, echo_auth]

    def calls(self, route):
        return [r for r in self.requests if r["route"] == route]

    def files(self, repo, branch="main"):
        return self.repos[repo]["branches"][branch]

    def take_failure(self, route):
        with self.lock:
            failure = self.failures.get(route)
            if failure is None or failure[1] == 0:
                return None
            if failure[1] is not None:
                failure[1] -= 1
            return failure

    # Each handler returns (status, JSON payload, extra headers).
    def create(self, request, base, **_):
        body = request["json"]
        repo = f"{body['organization']}/{body['name']}"
        with self.lock:
            if repo in self.repos:
                return 409, {"error": "You already created this model repo", "url": f"{base}/{repo}"}, {}
            private = body["visibility"] == "private" if "visibility" in body else bool(body.get("private"))
            self.repos[repo] = {"type": body.get("type", "model"), "private": private, "sdk": body.get("sdk"),
                                "branches": {"main": {}}}
        return 200, {"url": f"{base}/{repo}", "name": repo}, {}

    def validate(self, request, **_):
        assert request["json"]["repoType"] in ("model", "dataset", "space")
        return 200, {"errors": [], "warnings": []}, {}

    def whoami(self, **_):
        return 200, {"type": "user", "name": "me"}, {}

    def has(self, repo, kind, rev="main"):
        """Whether a repo of this kind ("models", "datasets" or "spaces", as in the URL) and branch exists."""
        found = self.repos.get(repo)
        return found is not None and found["type"] + "s" == kind and rev in found["branches"]

    def branch(self, repo, kind, rev, **_):
        with self.lock:
            if not self.has(repo, kind):
                return _not_found("RepoNotFound")
            branches = self.repos[repo]["branches"]
            if rev in branches:
                return 409, {"error": "Reference already exists"}, {}
            branches[rev] = dict(branches["main"])
        return 200, {}, {}

    def preupload(self, request, repo, kind, rev, **_):
        if not self.has(repo, kind, rev):
            return _not_found("RepoNotFound" if not self.has(repo, kind) else "RevisionNotFound")
        files = [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False, "oid": None}
                 for f in request["json"]["files"]]
        return 200, {"files": files}, {}

    def commit(self, request, base, repo, kind, rev, **_):
        if not self.has(repo, kind, rev):
            return _not_found("RepoNotFound" if not self.has(repo, kind) else "RevisionNotFound")
        header, added = None, {}
        for item in request["ndjson"]:
            if item["key"] == "header":
                header = item["value"]
            elif item["key"] == "file" and item["value"]["encoding"] == "base64":
                added[item["value"]["path"]] = base64.b64decode(item["value"]["content"])
            else:  # LFS/xet would need storage this fake does not have: fail loudly
                return 422, {"error": f"fake hub takes inline files only, got {item['key']}"}, {}
        with self.lock:
            self.repos[repo]["branches"][rev].update(added)
            oid = hashlib.sha1(f"{len(self.commits)}{sorted(added)}".encode()).hexdigest()
            self.commits.append({"repo": repo, "revision": rev, "summary": header["summary"], "paths": set(added),
                                 "oid": oid})
        return 200, {"commitUrl": f"{base}/{repo}/commit/{oid}", "commitOid": oid, "pullRequestUrl": None}, {}

    def repo_info(self, repo, kind, **_):
        if not self.has(repo, kind):
            return _not_found("RepoNotFound")
        sha = self.commits[-1]["oid"] if self.commits else "0" * 40
        return 200, {"id": repo, "modelId": repo, "sha": sha, "private": self.repos[repo]["private"]}, {}


def _not_found(code):
    return 404, {"error": code}, {"X-Error-Code": code}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output free of access logs
        pass

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def _handle(self, method):
        hub = self.server.hub
        url = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        content_type = self.headers.get("Content-Type", "")
        request = {"method": method, "path": url.path, "query": url.query,
                   "headers": {key.lower(): value for key, value in self.headers.items()},  # httpx sends lowercase
                   "json": json.loads(raw) if raw and "application/json" in content_type else None,
                   "ndjson": [json.loads(line) for line in raw.splitlines() if line]
                   if "ndjson" in content_type else None,
                   "route": None}
        params = {}
        for route_method, pattern, name in ROUTES:
            match = pattern.fullmatch(url.path)
            if route_method == method and match:
                request["route"] = name
                params = {key: unquote(value) for key, value in match.groupdict().items() if value is not None}
                break
        with hub.lock:
            hub.requests.append(request)
        failure = hub.take_failure(request["route"])
        if request["route"] is None:
            status, payload, headers = 404, {"error": f"fake hub has no route {method} {url.path}"}, {}
        elif failure is not None:
            status, _, echo = failure
            message = f"injected {status}" + (f" for {self.headers.get('Authorization')}" if echo else "")
            payload, headers = {"error": message}, {}
        else:
            handler = getattr(hub, request["route"])
            status, payload, headers = handler(request=request, base=f"http://{self.headers['Host']}", **params)
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hub(monkeypatch):
    """A running fake Hub; the client is allowed online (conftest sets HF_HUB_OFFLINE) but only towards it."""
    import toolkit.hub

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.hub = FakeHub()
    server.hub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    # Anything that forgot the endpoint hits a closed local port instead of huggingface.co.
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    sleeps = []
    monkeypatch.setattr(toolkit.hub, "_sleep", sleeps.append)
    server.hub.sleeps = sleeps
    try:
        yield server.hub
    finally:
        server.shutdown()
        server.server_close()
