"""Push an exported pipeline (or adapter) folder to a model repo on the Hugging Face Hub, a dataset folder (made by
`sprite-diffusion dataset`) to a dataset repo, or a Space folder (made by `sprite-diffusion space`) to a Space.

Only the pipeline goes up: checkpoints, optimizer and RNG state, logs and half-written export folders are filtered
out by `HUB_IGNORE_PATTERNS`, so pointing the command at a folder that also holds training state is harmless.
The token is only ever handed to `HfApi`; it is never printed, logged, written or put into an error message.
"""

import glob
import os
import re
import shlex
import sys
import time

import huggingface_hub
import yaml
from huggingface_hub import HfApi, constants
from huggingface_hub.utils import HfHubHTTPError, HFValidationError, OfflineModeIsEnabled, validate_repo_id

from . import __version__
from .checkpoints import CHECKPOINT_GLOB, EMA_FOLDER, TRAINER_STATE
from .errors import SpriteError
from .export import EXPORT_MARKERS

# huggingface_hub matches these with fnmatch on repo-relative paths, where `*` also crosses `/`:
# "checkpoint-*" already covers everything below a top-level checkpoint folder, and the "**/" forms
# catch the same names one or more folders down.
_TRAINING_STATE = [
    CHECKPOINT_GLOB,
    f".tmp-{CHECKPOINT_GLOB}",  # a checkpoint that was still being written
    TRAINER_STATE,
    f"{EMA_FOLDER}/**",
    "optimizer*.bin",
    "scheduler*.bin",  # accelerate's LR-scheduler state; the pipeline's scheduler/ holds only JSON
    "random_states*",
    "*.pkl",
    "logs/**",
    "*.tmp-*",  # export_pipeline's temporary folder
    "*.old-*",  # and the previous export it swaps out
]
HUB_IGNORE_PATTERNS = _TRAINING_STATE + [f"**/{pattern}" for pattern in _TRAINING_STATE if not pattern.startswith("*")]
# Python's bytecode caches, which a Space folder's code gains as soon as it is run locally.
HUB_IGNORE_PATTERNS += ["*__pycache__/*", "*.pyc"]

# What a folder must hold to be pushed as each kind of repo (glob patterns), and what to do when it does not.
REPO_MARKERS = {"model": EXPORT_MARKERS, "dataset": ("data/*.parquet",), "space": ("app.py",)}
_NOT_A_REPO_FOLDER = {
    "model": "is not an exported pipeline or adapter (no model_index.json or adapter_config.json); pass the "
             "--output_dir of a training run or of `sprite-diffusion export`.",
    "dataset": "is not a Hub dataset folder (no data/*.parquet); make one with `sprite-diffusion dataset`.",
    "space": "is not a Space folder (no app.py); make one with `sprite-diffusion space`.",
}
# A Space is created with the SDK its README names (Spaces' `sdk:` key); folders from `sprite-diffusion space` use
# gradio.
DEFAULT_SPACE_SDK = "gradio"

# Where the retries wait; tests replace it to stay fast.
_sleep = time.sleep
_BACKOFF_S = 2.0


def check_repo_id(repo_id, flag="--hub_model_id"):
    """Raise a SpriteError unless `repo_id` (given with `flag`) is a valid `owner/name` Hub id."""
    try:
        validate_repo_id(repo_id)  # huggingface_hub's own naming rules
        problem = None if repo_id.count("/") == 1 else "it needs an owner: owner/name"
    except HFValidationError as err:
        problem = str(err).split(":")[0].rstrip(".")
    if problem:
        raise SpriteError(f"{flag} {repo_id!r} is not a valid Hub id ({problem}); use owner/name with letters, "
                          f"digits, '-', '_' or '.'.")


def resolve_token(token=None):
    """The token to push with: the argument, else the library's own (HF_TOKEN, then the `hf auth login` token)."""
    token = token or huggingface_hub.get_token()
    if not token:
        raise SpriteError("no Hub token: run `hf auth login`, set HF_TOKEN or pass --hub_token.")
    return token


def check_can_push(token=None):
    """The token to push with, once it is clear that a push may reach the Hub at all; a SpriteError otherwise."""
    # The library reads HF_HUB_OFFLINE once at import and would fail every request with a long message.
    if constants.HF_HUB_OFFLINE:
        raise SpriteError("HF_HUB_OFFLINE is set, so nothing may reach the Hub; unset it to push.")
    return resolve_token(token)


def push_folder(folder, repo_id, token=None, private=False, revision=None, endpoint=None, commit_message=None,
                retries=3, repo_type="model", retry_hint=None):
    """Create `repo_id` (a `repo_type` repo: model, dataset or space) if needed and upload the repo files of `folder`;
    returns the commit (or repo) URL. `retry_hint`: the command that retries a failed push, when it is not
    `sprite-diffusion push` on this folder."""
    check_repo_id(repo_id)
    folder = os.fspath(folder)
    if not os.path.isdir(folder):
        raise SpriteError(f"--folder {folder} does not exist; pass the --output_dir of a training run or of "
                          f"`sprite-diffusion export`.")
    if not any(glob.glob(os.path.join(glob.escape(folder), marker)) for marker in REPO_MARKERS[repo_type]):
        raise SpriteError(f"--folder {folder} {_NOT_A_REPO_FOLDER[repo_type]}")
    token = check_can_push(token)
    endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")
    api = HfApi(endpoint=endpoint, token=token, library_name="sprite-diffusion-toolkit", library_version=__version__)
    # A folder made only for this push (retry_hint given) is not kept, so only `push` folders are promised back.
    kept = "" if retry_hint else f"the local folder is kept at {os.path.abspath(folder)}, "
    retry_hint = retry_hint or _retry_command(folder, repo_id, private, revision, repo_type)

    for attempt in range(retries + 1):
        try:
            return _push_once(api, folder, repo_id, private, revision, commit_message, repo_type)
        except Exception as err:  # noqa: BLE001 - sorted below into retryable, refused and unexpected
            status = _status(err)
            transient = (status is not None and (status >= 500 or status in (408, 429))) or (
                status is None and _is_network_error(err))
            reason = _describe(err, status, token)
            if not transient:
                raise _refused(status, reason, repo_id, revision, retry_hint) from None
            if attempt == retries:
                raise SpriteError(f"Pushing {folder} to {repo_id} failed after {retries + 1} attempts ({reason}); "
                                  f"{kept}retry later with `{retry_hint}`.") from None
            wait = _BACKOFF_S * 2 ** attempt
            print(f"Push attempt {attempt + 1} of {retries + 1} failed ({reason}); retrying in {wait:g}s.",
                  file=sys.stderr)
            _sleep(wait)


def _push_once(api, folder, repo_id, private, revision, commit_message, repo_type="model"):
    # Every step is idempotent (exist_ok, and files the Hub already holds unchanged are skipped),
    # so a retry simply starts over.
    extra = {"space_sdk": space_sdk(folder)} if repo_type == "space" else {}
    repo_url = api.create_repo(repo_id, private=private, exist_ok=True, repo_type=repo_type, **extra)
    if revision and revision != "main":
        api.create_branch(repo_id, branch=revision, exist_ok=True, repo_type=repo_type)
    message = commit_message or f"Upload {os.path.basename(os.path.abspath(folder))} with the sprite diffusion toolkit"
    # A copy: upload_folder appends its own defaults to the list it is given.
    info = api.upload_folder(repo_id=repo_id, folder_path=folder, revision=revision, commit_message=message,
                             ignore_patterns=list(HUB_IGNORE_PATTERNS), repo_type=repo_type)
    return str(getattr(info, "commit_url", None) or repo_url)


def _status(err):
    response = getattr(err, "response", None) if isinstance(err, HfHubHTTPError) else None
    return getattr(response, "status_code", None)


def _is_network_error(err):
    # huggingface_hub 1.x+ talks through httpx(2), older releases through requests (whose errors are OSErrors).
    if isinstance(err, (ConnectionError, TimeoutError)) and not isinstance(err, OfflineModeIsEnabled):
        return True
    for module in ("httpx2", "httpx"):
        transport_error = getattr(sys.modules.get(module), "TransportError", None)
        if transport_error is not None and isinstance(err, transport_error):
            return True
    requests_exceptions = sys.modules.get("requests.exceptions")
    return requests_exceptions is not None and isinstance(
        err, (requests_exceptions.ConnectionError, requests_exceptions.Timeout))


def _describe(err, status, token):
    """A short, token-free reason for an error: the status and the server's message, else the exception text."""
    if status is not None:
        server = getattr(err, "server_message", None)
        text = f"HTTP {status}" + (f": {server.strip()}" if server and server.strip() else "")
    else:
        text = f"{type(err).__name__}: {str(err).strip().splitlines()[0] if str(err).strip() else 'no details'}"
    # A server or proxy could echo the request back; the token must not leave this function.
    return text.replace(token, "***") if token else text


def _refused(status, reason, repo_id, revision, retry_hint):
    if status == 401:
        return SpriteError(f"The Hub rejected the token ({reason}); run `hf auth login` again, or set HF_TOKEN or "
                           f"--hub_token to a valid token.")
    if status == 403:
        return SpriteError(f"The token may not write to {repo_id} ({reason}); use a token with write access to that "
                           f"owner, or push to a repo you own.")
    if status == 404 and revision:
        return SpriteError(f"The Hub found no repo {repo_id} or branch {revision!r} ({reason}); check --hub_model_id "
                           f"and --hub_revision.")
    return SpriteError(f"Pushing to {repo_id} failed ({reason}); fix the cause and run `{retry_hint}` again.")


def space_sdk(folder):
    """The SDK a Space folder's README asks for (its `sdk:` metadata), else DEFAULT_SPACE_SDK."""
    try:
        with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return DEFAULT_SPACE_SDK
    found = re.match(r"---\n(.*?)\n---", text, flags=re.S)
    try:
        meta = yaml.safe_load(found.group(1)) if found else None
    except yaml.YAMLError:
        meta = None
    sdk = meta.get("sdk") if isinstance(meta, dict) else None
    return sdk if isinstance(sdk, str) and sdk else DEFAULT_SPACE_SDK


def _retry_command(folder, repo_id, private, revision, repo_type="model"):
    parts = ["--folder", folder, "--hub_model_id", repo_id]
    if repo_type != "model":
        parts += ["--repo_type", repo_type]
    if private:
        parts.append("--hub_private_repo")
    if revision:
        parts += ["--hub_revision", revision]
    return "sprite-diffusion push " + shlex.join(parts)
