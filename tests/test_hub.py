"""`sprite-diffusion push` against a local fake Hub: the real huggingface_hub client, real HTTP, no internet.

The fake Hub implements the routes the client calls for create_repo, create_branch and upload_folder (README
metadata validation, preupload, commit), answers every file as a "regular" upload so its content comes inline in
the NDJSON commit, records every request and keeps the committed files per repo and branch.
"""

import base64
import hashlib
import json
import logging
import os
import re
import shutil
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import huggingface_hub
import pytest
from huggingface_hub import constants

import toolkit.hub
from toolkit.cli import main
from toolkit.errors import SpriteError
from toolkit.hub import HUB_IGNORE_PATTERNS, push_folder

TOKEN = f"hf_SeCrEt{uuid.uuid4().hex}"  # unique, so finding it anywhere is a real leak
PIPELINE_FILES = {"model_index.json", "README.md", "scheduler/scheduler_config.json", "unet/config.json",
                  "unet/diffusion_pytorch_model.safetensors"}

_REPO = r"(?P<repo>[^/]+/[^/]+)"
ROUTES = [
    ("POST", re.compile(r"/api/repos/create"), "create"),
    ("POST", re.compile(r"/api/validate-yaml"), "validate"),
    ("GET", re.compile(r"/api/whoami-v2"), "whoami"),
    ("POST", re.compile(rf"/api/models/{_REPO}/branch/(?P<rev>[^/]+)"), "branch"),
    ("POST", re.compile(rf"/api/models/{_REPO}/preupload/(?P<rev>[^/]+)"), "preupload"),
    ("POST", re.compile(rf"/api/models/{_REPO}/commit/(?P<rev>[^/]+)"), "commit"),
    ("GET", re.compile(rf"/api/models/{_REPO}(?:/revision/(?P<rev>[^/]+))?"), "repo_info"),
]


class FakeHub:
    """State and route handlers of the fake Hub; `fail()` makes a route answer with an error status."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.repos = {}  # repo id -> {"private": bool, "branches": {name: {path: bytes}}}
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
            self.repos[repo] = {"private": private, "branches": {"main": {}}}
        return 200, {"url": f"{base}/{repo}", "name": repo}, {}

    def validate(self, request, **_):
        assert request["json"]["repoType"] == "model"
        return 200, {"errors": [], "warnings": []}, {}

    def whoami(self, **_):
        return 200, {"type": "user", "name": "me"}, {}

    def branch(self, repo, rev, **_):
        with self.lock:
            if repo not in self.repos:
                return _not_found("RepoNotFound")
            branches = self.repos[repo]["branches"]
            if rev in branches:
                return 409, {"error": "Reference already exists"}, {}
            branches[rev] = dict(branches["main"])
        return 200, {}, {}

    def preupload(self, request, repo, rev, **_):
        if repo not in self.repos or rev not in self.repos[repo]["branches"]:
            return _not_found("RepoNotFound" if repo not in self.repos else "RevisionNotFound")
        files = [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False, "oid": None}
                 for f in request["json"]["files"]]
        return 200, {"files": files}, {}

    def commit(self, request, base, repo, rev, **_):
        if repo not in self.repos or rev not in self.repos[repo]["branches"]:
            return _not_found("RepoNotFound" if repo not in self.repos else "RevisionNotFound")
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

    def repo_info(self, repo, **_):
        if repo not in self.repos:
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


@pytest.fixture(scope="module")
def pristine_export(tmp_path_factory):
    """A real (tiny) DDPMPipeline export, written once for the module."""
    from toolkit.export import export_pipeline
    from toolkit.presets import build_scheduler, build_unet, unet_config

    folder = tmp_path_factory.mktemp("export") / "sprite-ddpm"
    export_pipeline(build_unet(unet_config("tiny", 16)), build_scheduler(num_train_timesteps=50), str(folder),
                    {"title": "Test sprites"})
    return folder


@pytest.fixture
def export_dir(tmp_path, pristine_export):
    """The export plus the training state and leftovers that must never reach the Hub."""
    folder = tmp_path / "sprite-ddpm"
    shutil.copytree(pristine_export, folder)
    junk = ["checkpoint-3/model.safetensors", "checkpoint-3/optimizer.bin", "checkpoint-3/trainer_state.json",
            "checkpoint-3/unet_ema/diffusion_pytorch_model.safetensors", ".tmp-checkpoint-4/model.safetensors",
            "logs/events.out.tfevents.1.host", "optimizer.bin", "optimizer_1.bin", "scheduler.bin",
            "random_states_0.pkl", "trainer_state.json", "unet_ema/config.json", "sprite-ddpm.tmp-export/x.json",
            "unet/optimizer.bin", "unet/logs/run.txt"]
    for path in junk:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(b"training state")
    return folder


def _sent_private(body):
    # huggingface_hub >= 1.0 sends `visibility`; older releases sent a `private` boolean.
    return body["visibility"] == "private" if "visibility" in body else body.get("private")


def test_ignore_patterns_come_from_the_checkpoint_constants():
    from toolkit.checkpoints import CHECKPOINT_GLOB

    assert CHECKPOINT_GLOB in HUB_IGNORE_PATTERNS and "logs/**" in HUB_IGNORE_PATTERNS


def test_push_uploads_only_the_pipeline(hub, export_dir, pristine_export):
    url = push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)

    files = hub.files("me/sprites")
    assert set(files) == PIPELINE_FILES
    for path, content in files.items():
        assert content == (pristine_export / path).read_bytes()
    assert [c["revision"] for c in hub.commits] == ["main"]
    assert url == f"{hub.url}/me/sprites/commit/{hub.commits[0]['oid']}"
    assert _sent_private(hub.calls("create")[0]["json"]) is False
    assert hub.repos["me/sprites"]["private"] is False
    assert {r["route"] for r in hub.requests} <= {"create", "validate", "preupload", "commit"}
    assert all(r["headers"]["authorization"] == f"Bearer {TOKEN}" for r in hub.requests)
    assert not hub.sleeps


def test_private_repo_via_the_cli(hub, export_dir, capsys):
    assert main(["push", "--folder", str(export_dir), "--hub_model_id", "me/secret-sprites", "--hub_private_repo",
                 "--hub_endpoint", hub.url, "--hub_token", TOKEN, "--commit_message", "First sprites"]) == 0
    assert _sent_private(hub.calls("create")[0]["json"]) is True
    assert hub.repos["me/secret-sprites"]["private"] is True
    assert set(hub.files("me/secret-sprites")) == PIPELINE_FILES
    assert hub.commits[0]["summary"] == "First sprites"
    assert f"to {hub.url}/me/secret-sprites/commit/" in capsys.readouterr().out


def test_token_is_sent_but_never_logged_raised_or_written(hub, export_dir, capfd, caplog, monkeypatch):
    monkeypatch.setattr(constants, "HF_DEBUG", True)  # the library's most talkative mode
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="huggingface_hub")
    push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)
    hub.fail("commit", 403, echo_auth=True)  # a server that echoes the header back in its error
    with pytest.raises(SpriteError) as err:
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)

    assert "403" in str(err.value) and "may not write" in str(err.value)
    assert len(hub.calls("commit")) == 2  # a refusal is not retried
    assert all(r["headers"]["authorization"] == f"Bearer {TOKEN}" for r in hub.requests)
    out, errout = capfd.readouterr()
    assert caplog.records  # the check below looked at real log output
    for text in (out, errout, caplog.text, str(err.value), repr(err.value)):
        assert TOKEN not in text
    for root, _, names in os.walk(export_dir):
        for name in names:
            assert TOKEN.encode() not in open(os.path.join(root, name), "rb").read()


def test_token_from_hf_token_env(hub, export_dir, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN + "env")
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    push_folder(export_dir, "me/sprites")
    assert hub.calls("commit")[0]["headers"]["authorization"] == f"Bearer {TOKEN}env"


def test_missing_token(hub, export_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    with pytest.raises(SpriteError, match="no Hub token: run `hf auth login`, set HF_TOKEN or pass --hub_token"):
        push_folder(export_dir, "me/sprites", endpoint=hub.url)
    assert not hub.requests


@pytest.mark.parametrize("repo_id", ["sprites", "me/", "/sprites", "me/spr ites", "me/a--b", "me/a..b", "-me/x",
                                     "me/x-", "me/.x", "a/b/c", "me/x.git", "me/" + "a" * 97, "me/ü"])
def test_bad_repo_id(hub, export_dir, repo_id):
    with pytest.raises(SpriteError, match="is not a valid Hub id"):
        push_folder(export_dir, repo_id, token=TOKEN, endpoint=hub.url)
    assert not hub.requests


def test_folder_that_is_not_an_export(hub, tmp_path):
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(SpriteError, match="is not an exported pipeline or adapter"):
        push_folder(tmp_path, "me/sprites", token=TOKEN, endpoint=hub.url)
    with pytest.raises(SpriteError, match="does not exist"):
        push_folder(tmp_path / "missing", "me/sprites", token=TOKEN, endpoint=hub.url)
    assert not hub.requests


def test_adapter_folder_is_accepted(hub, tmp_path):
    (tmp_path / "adapter_config.json").write_text("{}")
    (tmp_path / "adapter_model.safetensors").write_bytes(b"weights")
    push_folder(tmp_path, "me/lora", token=TOKEN, endpoint=hub.url)
    assert set(hub.files("me/lora")) == {"adapter_config.json", "adapter_model.safetensors"}


def test_cli_requires_hub_model_id(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["push", "--folder", "sprite-ddpm"])
    assert exit_info.value.code == 2
    assert "error: --hub_model_id is required" in capsys.readouterr().err


def test_offline_mode_is_a_clear_error(hub, export_dir, monkeypatch):
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(SpriteError, match="HF_HUB_OFFLINE is set"):
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)
    assert not hub.requests


def test_transient_503_is_retried(hub, export_dir):
    hub.fail("create", 503, times=2)
    url = push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, retries=3)
    assert len(hub.calls("create")) == 3
    assert len(hub.sleeps) == 2 and hub.sleeps[0] < hub.sleeps[1]
    assert set(hub.files("me/sprites")) == PIPELINE_FILES and "/commit/" in url


def test_persistent_503_keeps_the_folder_and_says_how_to_retry(hub, export_dir):
    hub.fail("create", 503, echo_auth=True)
    before = sorted(p.relative_to(export_dir) for p in export_dir.rglob("*"))
    with pytest.raises(SpriteError) as err:
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, retries=2)
    message = str(err.value)
    assert "failed after 3 attempts" in message and "503" in message
    assert f"the local folder is kept at {os.path.abspath(export_dir)}" in message
    assert f"sprite-diffusion push --folder {export_dir} --hub_model_id me/sprites" in message
    assert TOKEN not in message
    assert len(hub.calls("create")) == 3 and len(hub.sleeps) == 2
    assert sorted(p.relative_to(export_dir) for p in export_dir.rglob("*")) == before


def test_unauthorized_fails_at_once(hub, export_dir):
    hub.fail("create", 401)
    with pytest.raises(SpriteError, match="rejected the token"):
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)
    assert len(hub.calls("create")) == 1 and not hub.sleeps and not hub.commits


def test_network_error_is_retried_then_reported(hub, export_dir):
    dead = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(SpriteError, match="failed after 2 attempts"):
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=dead, retries=1)
    assert len(hub.sleeps) == 1


def test_revision_creates_the_branch_and_commits_to_it(hub, export_dir):
    push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, revision="dev")
    assert [r["path"] for r in hub.calls("branch")] == ["/api/models/me/sprites/branch/dev"]
    assert all(r["path"].endswith("/dev") for r in hub.calls("preupload") + hub.calls("commit"))
    assert set(hub.files("me/sprites", "dev")) == PIPELINE_FILES
    assert hub.files("me/sprites", "main") == {}

    # A second push to the existing repo and branch goes through (409s are fine).
    push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, revision="dev")
    assert [c["revision"] for c in hub.commits] == ["dev", "dev"]


def test_training_with_push_to_hub_uploads_the_export_and_never_the_token(hub, tmp_path):
    from conftest import tiny_config
    from toolkit.training import train

    token = "hf_trainingSecretToken0123456789"
    cfg = tiny_config(tmp_path, max_train_steps=2, push_to_hub=True, hub_model_id="me/sprites", hub_token=token,
                      hub_private_repo=True, hub_endpoint=hub.url, logger="tensorboard")
    train(cfg)
    assert set(hub.files("me/sprites")) == {"model_index.json", "README.md", "samples.png", "loss_curve.png",
                                            "unet/config.json", "unet/diffusion_pytorch_model.safetensors",
                                            "scheduler/scheduler_config.json"}
    assert _sent_private(hub.calls("create")[0]["json"])
    for folder in (cfg.output_dir, cfg.run_dir):  # model card, tensorboard hparams, checkpoints
        for root, _, names in os.walk(folder):
            for name in names:
                assert token.encode() not in open(os.path.join(root, name), "rb").read(), name


def test_run_dir_inside_output_dir_is_refused(tmp_path):
    from conftest import tiny_config

    with pytest.raises(SpriteError, match="must not be inside --output_dir"):
        tiny_config(tmp_path, run_dir=str(tmp_path / "export" / "state"))


def test_intermediate_exports_go_to_a_branch(hub, tmp_path):
    from conftest import tiny_config
    from toolkit.training import train

    cfg = tiny_config(tmp_path, max_train_steps=16, max_train_samples=16, save_model_epochs=1, push_to_hub=True,
                      hub_model_id="me/sprites", hub_token="hf_x", hub_endpoint=hub.url,
                      hub_intermediate_revision="training")
    train(cfg)  # 16 sprites / batch 8: 2 steps an epoch, so intermediate exports at steps 2, 4, ..., 14
    assert "model_index.json" in hub.files("me/sprites", branch="training")
    assert len([c for c in hub.calls("commit") if "training" in c["path"]]) == 7
    assert "model_index.json" in hub.files("me/sprites")  # and the final export on main
