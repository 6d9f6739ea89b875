# The README's two commands. Each installs what is missing from the current Python environment (scripts/ensure_env.py:
# torch's CPU build where there is no GPU, an installed torch never replaced, this checkout with the extras the job
# needs; a no-op taking well under a second when all is there), then runs its job:
#   make train [ARGS="--conditioning class"]   accelerate launch recipes/train_sprites.py $(ARGS)
#     (--quiet: a mistake prints our one sentence without the launcher's CalledProcessError traceback)
#   make test  [ARGS="-k readme"]              pytest $(ARGS)
# PYTHON=/path/to/python picks the environment (default: python3, else python, as found on PATH).
PYTHON ?= $(if $(shell command -v python3),python3,python)
ARGS ?=
TRAIN_EXTRAS :=
TEST_EXTRAS := dev,demo
# A Debian package whose command the browser tests drive, installed with apt-get when missing (as root; otherwise
# one sentence says to install it by hand); for chromium, Debian's chromium-driver (chromedriver) comes with it, so
# selenium drives the system browser and downloads none. TEST_BROWSER= (empty) leaves the browser out.
TEST_BROWSER := chromium

ifeq ($(shell command -v $(PYTHON)),)
$(error No $(PYTHON) found: install Python 3.9 or newer, or name one with PYTHON=/path/to/python)
endif

.PHONY: train test

train:
	@$(PYTHON) scripts/ensure_env.py --extras "$(TRAIN_EXTRAS)"
	$(PYTHON) -m accelerate.commands.launch --quiet recipes/train_sprites.py $(ARGS)

test:
	@$(PYTHON) scripts/ensure_env.py --extras "$(TEST_EXTRAS)" $(if $(TEST_BROWSER),--browser $(TEST_BROWSER))
	$(PYTHON) -m pytest $(ARGS)
