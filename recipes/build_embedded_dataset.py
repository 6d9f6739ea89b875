#!/usr/bin/env python3
"""Build the embedded default sprite dataset (``toolkit/sprites``).

The sprites come from Debian's ``crawl-tiles-data`` package (version
2:0.28.0-1.1), the tile art of Dungeon Crawl Stone Soup 0.28.0. Install it with::

    apt-get install crawl-tiles-data

then run, from the repository root::

    python recipes/build_embedded_dataset.py

which (re)writes, deterministically:

* ``toolkit/sprites/train.parquet``  -- 32x32 RGBA PNG sprites with a class
  label and a ``source`` string pointing back into the packed sheet;
* ``toolkit/sprites/preview.png``    -- 8 seeded-random sprites per class;
* ``toolkit/sprites/LICENSE.txt``    -- licence text quoted from the package;
* ``toolkit/sprites/README.md``      -- Hugging Face dataset card.

Options: ``--tiles_dir`` (default /usr/share/crawl/dat/tiles),
``--output_dir`` (default toolkit/sprites), ``--copyright_file`` (default
/usr/share/doc/crawl-tiles-data/copyright), ``--seed`` (preview only).

How the sprites are located
---------------------------
The packed sheets (main.png, player.png, gui.png) are *not* 32x32 grids: the
game's build tool trims every tile to its opaque bounding box and stacks the
trimmed boxes in columns, so cutting a fixed grid would slice sprites apart.
The rectangles below (``LAYOUT``) were therefore read from the tile tables
that Stone Soup 0.28.0's own tile generator emits when it packs the sheets
(``tiledef-*.cc`` and ``tile-*.html``); regenerating the sheets that way was
checked to reproduce Debian's PNGs pixel for pixel, and the SHA-256 check
below refuses any other sheet revision. Each row gives the trimmed box on the
sheet and where it sits inside the tile's original canvas, so the original
32x32 sprite (alpha included) is restored exactly.

Which tiles are in ``LAYOUT`` (decided from the tile file names and by eye):

* creature -- every monster in player.png (``mon/...``) plus the player's
  transformation forms, *except* Pandemonium-lord parts (``mon/panlord``:
  separate heads/bodies/wings), tentacle segments (``mon/tentacles``) and
  mutant-beast facet overlays (only its ``base*`` bodies are whole);
* hero -- player base bodies and felids (``player/base``, ``player/felids``)
  and the dressed species portraits from gui.png (``SP_RECOMMENDED_*``); the
  greyed-out species silhouettes and the shadow blob are left out;
* item -- main.png ``item/...`` except food, brand/ego and item-type overlay
  icons (``brands/``, ``i-*``) and the black "uncollected rune" silhouettes;
* food -- main.png ``item/food`` except the chunk brand overlays;
* spell -- gui.png spell icons plus the (same-style) ability and god
  invocation icons; the blank ``bg`` placeholder is left out.

Paper-doll overlays (hair, helmets, boots, weapons in hand ...), floor, wall
and feature textures, effects/clouds and UI chrome are not listed at all.
44 monsters drawn on a taller 32x48 canvas are left out because they do not
fit a 32x32 cell without rescaling; 7 tiles whose canvas is slightly smaller
than 32x32 are centred on a transparent 32x32 canvas.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

PACKAGE = "crawl-tiles-data"
PACKAGE_VERSION = "2:0.28.0-1.1"
CLASS_NAMES = ["creature", "hero", "item", "food", "spell"]
SPRITE_SIZE = 32

# The layout table is only valid for these exact sheets.
SHEET_SHA256 = {
    "main": "89f404ae30ab05c91e96d50bd166169c0819bbe61951b31ed1517c7c0cd912df",
    "player": "b96b07ad9b48b2c7a7f57677d693701b5c4a2d2b0ade22b8fd7b9afa80495556",
    "gui": "82f6e70f0ade5562d95c57608ad6667fc6660f5b5c88fb92f0da778940bd765b",
}

INSTALL_HINT = "install Debian's crawl-tiles-data: apt-get install crawl-tiles-data"

# One tile per line: class, sheet, x y w h of the trimmed box on the sheet,
# offset x y of that box inside the tile's original canvas, canvas width and
# height, and the upstream tile file (under crawl-ref/source/rltiles, without
# ".png") for traceability. Order follows the sheets. The table is already
# free of empty tiles and pixel duplicates; the build re-checks both anyway.
LAYOUT = """
creature player 64 646 32 32 0 0 32 32 mon/unique/mlioglotl
creature player 894 646 29 32 0 0 32 32 mon/sprint/bag_of_meat
creature player 923 646 31 32 0 0 32 32 mon/sprint/meatzerker
creature player 954 646 32 32 0 0 32 32 mon/sprint/destroyer
creature player 986 646 32 32 0 0 32 32 mon/sprint/large_bag_of_meat
creature player 0 694 32 32 0 0 32 32 mon/sprint/meat_hydra
creature player 32 694 32 32 0 0 32 32 mon/sprint/scourge
creature player 128 694 31 29 1 2 32 32 mon/animals/giant_cockroach
creature player 159 694 32 31 0 0 32 32 mon/animals/radroach
creature player 191 694 32 31 0 1 32 32 mon/animals/bat
creature player 223 694 32 32 0 0 32 32 mon/animals/vampire_bat
creature player 255 694 29 31 1 0 32 32 mon/animals/butterfly
creature player 284 694 29 31 1 0 32 32 mon/animals/butterfly1
creature player 313 694 29 31 1 0 32 32 mon/animals/butterfly2
creature player 342 694 29 31 1 0 32 32 mon/animals/butterfly3
creature player 371 694 29 31 1 0 32 32 mon/animals/butterfly4
creature player 400 694 29 31 1 0 32 32 mon/animals/butterfly5
creature player 429 694 29 31 1 0 32 32 mon/animals/butterfly6
creature player 458 694 29 31 1 0 32 32 mon/animals/butterfly7
creature player 487 694 29 31 1 0 32 32 mon/animals/butterfly8
creature player 516 694 29 31 1 0 32 32 mon/animals/butterfly9
creature player 545 694 29 31 1 0 32 32 mon/animals/butterfly10
creature player 574 694 32 32 0 0 32 32 mon/animals/fire_bat
creature player 606 694 32 32 0 0 32 32 mon/animals/bennu
creature player 638 694 32 32 0 0 32 32 mon/animals/caustic_shrike
creature player 670 694 32 32 0 0 32 32 mon/animals/shard_shrike
creature player 702 694 32 23 0 9 32 32 mon/vault/microbat
creature player 734 694 32 31 0 1 32 32 mon/vault/megabat
creature player 766 694 32 32 0 0 32 32 mon/vault/gigabat
creature player 798 694 32 31 0 1 32 32 mon/vault/phase_bat
creature player 830 694 31 24 1 6 32 32 mon/animals/jackal
creature player 861 694 32 27 0 5 32 32 mon/animals/hound
creature player 893 694 28 32 3 0 32 32 mon/animals/howler
creature player 921 694 31 32 1 0 32 32 mon/animals/warg
creature player 952 694 32 32 0 0 32 32 mon/animals/wolf
creature player 984 694 32 32 0 0 32 32 mon/animals/raiju
creature player 0 742 32 32 0 0 32 32 mon/animals/hell_hound
creature player 32 742 32 25 0 5 32 32 mon/animals/doom_hound
creature player 64 742 32 28 0 2 32 32 mon/animals/hog
creature player 96 742 32 30 0 0 32 32 mon/animals/hell_hog
creature player 128 742 32 28 0 2 32 32 mon/animals/holy_swine
creature player 191 742 32 23 0 9 32 32 mon/unique/natasha
creature player 223 742 29 29 2 3 32 32 mon/animals/killer_bee
creature player 252 742 31 31 1 1 32 32 mon/animals/queen_bee
creature player 283 742 30 27 1 3 32 32 mon/demihumanoids/meliai
creature player 313 742 28 21 3 9 32 32 mon/animals/frilled_lizard
creature player 341 742 28 29 4 0 32 32 mon/animals/iguana
creature player 369 742 31 31 1 1 32 32 mon/animals/basilisk
creature player 400 742 32 32 0 0 32 32 mon/animals/komodo_dragon
creature player 432 742 32 32 0 0 32 32 mon/unique/gastronok
creature player 464 742 31 21 1 6 32 32 mon/animals/rat
creature player 495 742 32 21 0 6 32 32 mon/animals/green_rat
creature player 527 742 32 27 0 0 32 32 mon/animals/orange_rat
creature player 559 742 28 26 4 5 32 32 mon/animals/crystal_echidna
creature player 587 742 28 25 2 4 32 32 mon/animals/quokka
creature player 615 742 32 32 0 0 32 32 mon/animals/scorpion
creature player 647 742 32 32 0 0 32 32 mon/animals/emperor_scorpion
creature player 679 742 30 31 1 1 32 32 mon/animals/tarantella
creature player 709 742 29 30 1 1 32 32 mon/animals/jumping_spider
creature player 738 742 32 32 0 0 32 32 mon/animals/wolf_spider
creature player 770 742 32 29 0 2 32 32 mon/animals/redback
creature player 802 742 32 30 0 1 32 32 mon/animals/orb_spider
creature player 834 742 32 32 0 0 32 32 mon/animals/broodmother
creature player 866 742 29 25 2 6 32 32 mon/animals/culicivora
creature player 895 742 30 32 1 0 32 32 mon/demons/demonic_crawler
creature player 925 742 31 23 1 7 32 32 mon/undead/death_scarab
creature player 956 742 32 32 0 0 32 32 mon/undead/pharaoh_ant
creature player 988 742 32 32 0 0 32 32 mon/animals/alligator
creature player 0 774 32 22 0 7 32 32 mon/animals/snapping_turtle
creature player 32 774 32 23 0 6 32 32 mon/animals/alligator_snapping_turtle
creature player 64 774 32 27 0 4 32 32 mon/animals/fire_crab
creature player 96 774 32 32 0 0 32 32 mon/animals/ghost_crab
creature player 128 774 30 31 2 1 32 32 mon/aquatic/swamp_worm
creature player 158 774 26 30 2 1 32 32 mon/aquatic/swamp_worm_water
creature player 184 774 31 31 1 1 32 32 mon/animals/worm
creature player 215 774 29 28 2 3 32 32 mon/animals/tyrant_leech
creature player 244 774 29 25 2 3 32 32 mon/animals/dart_slug
creature player 273 774 32 26 0 3 32 32 mon/animals/steelbarb_worm
creature player 305 774 32 32 0 0 32 32 mon/animals/torpor_snail
creature player 337 774 30 29 1 3 32 32 mon/animals/vampire_mosquito
creature player 367 774 32 32 0 0 32 32 mon/animals/hornet
creature player 399 774 32 32 0 0 32 32 mon/animals/spark_wasp
creature player 431 774 32 32 0 0 32 32 mon/animals/ghost_moth
creature player 463 774 32 27 0 4 32 32 mon/animals/moth_of_wrath
creature player 495 774 28 32 2 0 32 32 mon/animals/sun_moth
creature player 523 774 31 31 1 1 32 32 mon/aquatic/electric_eel
creature player 554 774 32 28 0 4 32 32 mon/aquatic/kraken_head
creature player 348 998 32 30 0 2 32 32 mon/animals/boulder_beetle
creature player 380 998 29 29 2 3 32 32 mon/animals/boulder_beetle_rolling0
creature player 409 998 26 26 3 6 32 32 mon/animals/boulder_beetle_rolling1
creature player 435 998 31 31 1 1 32 32 mon/animals/boulder_beetle_rolling2
creature player 466 998 31 30 1 2 32 32 mon/unique/prince_ribbit
creature player 497 998 31 27 1 5 32 32 mon/animals/bullfrog
creature player 528 998 31 27 1 3 32 32 mon/animals/blink_frog
creature player 559 998 32 32 0 0 32 32 mon/animals/goliath_frog
creature player 591 998 29 29 1 3 32 32 mon/animals/cane_toad
creature player 620 998 26 27 2 2 32 32 mon/animals/ball_python
creature player 646 998 32 24 0 5 32 32 mon/animals/adder
creature player 678 998 28 28 3 2 32 32 mon/animals/black_mamba
creature player 706 998 28 29 2 2 32 32 mon/animals/water_moccasin
creature player 734 998 31 29 0 2 32 32 mon/animals/anaconda
creature player 765 998 30 31 0 0 32 32 mon/aquatic/lava_snake
creature player 795 998 28 30 2 1 32 32 mon/animals/sea_snake
creature player 823 998 30 30 1 1 32 32 mon/animals/shock_serpent
creature player 853 998 28 30 2 0 32 32 mon/animals/mana_viper
creature player 881 998 32 29 0 3 32 32 mon/animals/black_bear
creature player 913 998 32 29 0 3 32 32 mon/animals/polar_bear
creature player 945 998 31 31 1 0 32 32 mon/animals/dream_sheep
creature player 976 998 32 30 0 2 32 32 mon/animals/yak
creature player 0 1030 32 31 0 1 32 32 mon/animals/death_yak
creature player 32 1030 32 32 0 0 32 32 mon/animals/catoblepas
creature player 64 1030 32 32 0 0 32 32 mon/animals/elephant
creature player 96 1030 32 32 0 0 32 32 mon/animals/elephant_dire
creature player 128 1030 32 32 0 0 32 32 mon/animals/elephant_demonic
creature player 160 1030 32 25 0 4 32 32 mon/animals/ice_beast
creature player 192 1030 32 29 0 2 32 32 mon/animals/sky_beast
creature player 224 1030 32 32 0 0 32 32 mon/unique/nellie
creature player 256 1030 27 32 3 0 32 32 mon/holy/apis
creature player 283 1030 28 32 2 0 32 32 mon/nonliving/earth_elemental
creature player 311 1030 32 31 0 0 32 32 mon/nonliving/fire_elemental
creature player 343 1030 29 29 2 1 32 32 mon/nonliving/water_elemental
creature player 372 1030 32 30 0 1 32 32 mon/nonliving/air_elemental
creature player 404 1030 24 32 4 0 32 32 mon/nonliving/iron_elemental
creature player 428 1030 32 31 0 0 32 32 mon/nonliving/wellspring
creature player 460 1030 30 32 2 0 32 32 mon/nonliving/quicksilver_elemental
creature player 490 1030 31 32 1 0 32 32 mon/nonliving/fire_vortex1
creature player 521 1030 32 31 0 0 32 32 mon/nonliving/fire_vortex2
creature player 553 1030 31 32 0 0 32 32 mon/nonliving/fire_vortex3
creature player 584 1030 32 31 0 1 32 32 mon/nonliving/fire_vortex4
creature player 616 1030 31 32 1 0 32 32 mon/nonliving/spatial_vortex1
creature player 647 1030 32 31 0 0 32 32 mon/nonliving/spatial_vortex2
creature player 679 1030 31 32 0 0 32 32 mon/nonliving/spatial_vortex3
creature player 710 1030 32 31 0 1 32 32 mon/nonliving/spatial_vortex4
creature player 742 1030 31 31 0 1 32 32 mon/nonliving/maelstrom1
creature player 773 1030 31 31 1 1 32 32 mon/nonliving/maelstrom2
creature player 804 1030 31 31 1 0 32 32 mon/nonliving/maelstrom3
creature player 835 1030 31 31 0 0 32 32 mon/nonliving/maelstrom4
creature player 866 1030 31 32 1 0 32 32 mon/nonliving/twister1
creature player 897 1030 32 31 0 0 32 32 mon/nonliving/twister2
creature player 929 1030 31 32 0 0 32 32 mon/nonliving/twister3
creature player 960 1030 32 31 0 1 32 32 mon/nonliving/twister4
creature player 992 1030 30 30 1 1 32 32 mon/nonliving/orb_of_fire
creature player 0 1062 32 32 0 0 32 32 mon/nonliving/orb_of_destruction1
creature player 32 1062 32 32 0 0 32 32 mon/nonliving/orb_of_destruction2
creature player 64 1062 32 32 0 0 32 32 mon/nonliving/orb_of_destruction3
creature player 96 1062 32 32 0 0 32 32 mon/nonliving/battlesphere
creature player 128 1062 32 32 0 0 32 32 mon/nonliving/fulminant_prism1
creature player 160 1062 32 32 0 0 32 32 mon/nonliving/fulminant_prism2
creature player 192 1062 32 32 0 0 32 32 mon/nonliving/fulminant_prism3
creature player 224 1062 32 32 0 0 32 32 mon/nonliving/fulminant_prism4
creature player 256 1062 26 19 4 4 32 32 mon/nonliving/foxfire
creature player 282 1062 26 19 4 4 32 32 mon/nonliving/living_spell
creature player 308 1062 29 30 2 1 32 32 mon/nonliving/ball_lightning
creature player 337 1062 32 32 0 0 32 32 mon/nonliving/creeping_inferno
creature player 369 1062 31 32 0 0 32 32 mon/undead/death_cob
creature player 400 1062 22 28 5 2 32 32 mon/abyss/ancient_zyme
creature player 422 1062 32 26 0 3 32 32 mon/abyss/apocalypse_crab
creature player 454 1062 32 32 0 0 32 32 mon/abyss/lurking_horror
creature player 486 1062 29 29 1 2 32 32 mon/abyss/starcursed_mass
creature player 515 1062 31 31 1 1 32 32 mon/abyss/tentacled_starspawn
creature player 546 1062 32 32 0 0 32 32 mon/abyss/thrashing_horror
creature player 578 1062 32 32 0 0 32 32 mon/abyss/worldbinder
creature player 610 1062 32 32 0 0 32 32 mon/abyss/wretched_star
creature player 642 1062 32 32 0 0 32 32 mon/unique/geryon
creature player 674 1062 29 32 3 0 32 32 mon/demons/balrug
creature player 703 1062 30 32 1 0 32 32 mon/demons/blizzard_demon
creature player 733 1062 32 32 0 0 32 32 mon/demons/cacodemon
creature player 765 1062 32 32 0 0 32 32 mon/demons/executioner
creature player 797 1062 32 32 0 0 32 32 mon/demons/brimstone_fiend
creature player 829 1062 32 32 0 0 32 32 mon/demons/green_death
creature player 861 1062 32 32 0 0 32 32 mon/demons/ice_fiend
creature player 893 1062 32 32 0 0 32 32 mon/demons/hell_sentinel
creature player 925 1062 32 32 0 0 32 32 mon/demons/tzitzimitl
creature player 957 1062 31 30 1 2 32 32 mon/unique/ignacio
creature player 988 1062 32 32 0 0 32 32 mon/demons/hell_beast
creature player 0 1094 32 30 0 1 32 32 mon/demons/ice_devil
creature player 32 1094 32 30 0 1 32 32 mon/demons/lorocyproca
creature player 64 1094 32 32 0 0 32 32 mon/demons/reaper
creature player 96 1094 30 32 1 0 32 32 mon/demons/soul_eater
creature player 126 1094 30 30 1 1 32 32 mon/demons/sun_demon
creature player 156 1094 25 25 3 5 32 32 mon/demons/chaos_spawn1
creature player 181 1094 26 29 1 1 32 32 mon/demons/chaos_spawn2
creature player 207 1094 17 22 7 7 32 32 mon/demons/chaos_spawn3
creature player 224 1094 25 26 2 4 32 32 mon/demons/chaos_spawn4
creature player 249 1094 25 28 3 3 32 32 mon/demons/chaos_spawn5
creature player 274 1094 31 32 1 0 32 32 mon/demons/hellion
creature player 305 1094 28 32 2 0 32 32 mon/demons/rust_devil
creature player 333 1094 31 32 1 0 32 32 mon/demons/neqoxec
creature player 364 1094 32 32 0 0 32 32 mon/demons/orange_demon
creature player 396 1094 32 32 0 0 32 32 mon/demons/shadow_demon
creature player 428 1094 32 32 0 0 32 32 mon/demons/tormentor
creature player 460 1094 32 32 0 0 32 32 mon/demons/ynoxinul
creature player 492 1094 27 29 4 3 32 32 mon/demons/red_devil
creature player 519 1094 32 32 0 0 32 32 mon/demons/smoke_demon
creature player 551 1094 31 28 1 1 32 32 mon/demons/sixfirhy
creature player 582 1094 32 32 0 0 32 32 mon/demons/hellwing
creature player 614 1094 29 27 2 4 32 32 mon/demons/crimson_imp
creature player 643 1094 29 30 2 1 32 32 mon/demons/lemure
creature player 672 1094 31 27 1 3 32 32 mon/demons/quasit
creature player 703 1094 21 21 5 8 32 32 mon/demons/iron_imp
creature player 724 1094 20 19 6 9 32 32 mon/demons/shadow_imp
creature player 744 1094 27 21 3 7 32 32 mon/unique/grinder
creature player 771 1094 25 31 5 1 32 32 mon/demons/ufetubus
creature player 796 1094 29 30 2 1 32 32 mon/demons/white_imp
creature player 825 1094 26 31 3 1 32 32 mon/humanoids/demonspawn/demonspawn
creature player 851 1094 29 32 3 0 32 32 mon/humanoids/demonspawn/blood_saint
creature player 880 1094 27 31 2 1 32 32 mon/humanoids/demonspawn/warmonger
creature player 907 1094 28 32 1 0 32 32 mon/humanoids/demonspawn/corrupter
creature player 935 1094 26 32 3 0 32 32 mon/humanoids/demonspawn/black_sun
creature player 961 1094 27 31 2 1 32 32 mon/vault/demonspawn_monk_ghost
creature player 988 1094 26 32 3 0 32 32 mon/unique/mara
creature player 0 1126 32 32 0 0 32 32 mon/demons/rakshasa
creature player 32 1126 32 32 0 0 32 32 mon/unique/azrael
creature player 64 1126 32 32 0 0 32 32 mon/demons/efreet
creature player 96 1126 32 32 0 0 32 32 mon/demons/wendigo
creature player 128 1126 23 30 5 0 32 32 mon/nonliving/ancestor
creature player 151 1126 21 30 5 0 32 32 mon/nonliving/ancestor_knight
creature player 172 1126 24 30 5 0 32 32 mon/nonliving/ancestor_battlemage
creature player 196 1126 19 30 5 0 32 32 mon/nonliving/ancestor_hexer
creature player 215 1126 31 32 1 0 32 32 mon/aberrations/abomination_large
creature player 246 1126 30 31 1 1 32 32 mon/aberrations/abomination_large1
creature player 276 1126 32 32 0 0 32 32 mon/aberrations/abomination_large2
creature player 308 1126 32 31 0 1 32 32 mon/aberrations/abomination_large3
creature player 340 1126 31 30 1 2 32 32 mon/aberrations/abomination_large4
creature player 371 1126 32 32 0 0 32 32 mon/aberrations/abomination_large5
creature player 403 1126 32 32 0 0 32 32 mon/aberrations/abomination_large6
creature player 435 1126 32 32 0 0 32 32 mon/aberrations/abomination_large7
creature player 467 1126 30 32 1 0 32 32 mon/aberrations/abomination_large8
creature player 497 1126 32 31 0 1 32 32 mon/aberrations/abomination_large9
creature player 529 1126 32 32 0 0 32 32 mon/aberrations/tentacled_monstrosity
creature player 561 1126 32 32 0 0 32 32 mon/aberrations/nameless_horror
creature player 593 1126 32 32 0 0 32 32 mon/vault/cigotuvis_monster
creature player 625 1126 32 32 0 0 32 32 mon/aberrations/ugly_thing
creature player 657 1126 32 32 0 0 32 32 mon/aberrations/ugly_thing1
creature player 689 1126 32 32 0 0 32 32 mon/aberrations/ugly_thing2
creature player 721 1126 32 32 0 0 32 32 mon/aberrations/ugly_thing3
creature player 753 1126 32 32 0 0 32 32 mon/aberrations/ugly_thing4
creature player 785 1126 32 32 0 0 32 32 mon/aberrations/ugly_thing5
creature player 817 1126 32 32 0 0 32 32 mon/aberrations/very_ugly_thing
creature player 849 1126 32 32 0 0 32 32 mon/aberrations/very_ugly_thing1
creature player 881 1126 32 32 0 0 32 32 mon/aberrations/very_ugly_thing2
creature player 913 1126 32 32 0 0 32 32 mon/aberrations/very_ugly_thing3
creature player 945 1126 32 32 0 0 32 32 mon/aberrations/very_ugly_thing4
creature player 977 1126 32 32 0 0 32 32 mon/aberrations/very_ugly_thing5
creature player 0 1158 32 31 0 0 32 32 mon/aberrations/unseen_horror
creature player 32 1158 28 31 2 1 32 32 mon/aberrations/abomination_small
creature player 60 1158 20 26 6 3 32 32 mon/aberrations/abomination_small1
creature player 80 1158 32 26 0 3 32 32 mon/aquatic/octopode
creature player 112 1158 32 32 0 0 32 32 mon/animals/bunyip
creature player 144 1158 31 32 1 0 32 32 mon/nonliving/crystal_guardian
creature player 175 1158 22 31 6 1 32 32 mon/nonliving/electric_golem
creature player 197 1158 30 32 1 0 32 32 mon/nonliving/guardian_golem
creature player 227 1158 32 31 0 1 32 32 mon/nonliving/iron_golem
creature player 259 1158 21 32 8 0 32 32 mon/nonliving/ushabti
creature player 280 1158 31 32 0 0 32 32 mon/nonliving/peacekeeper
creature player 311 1158 28 27 2 4 32 32 mon/nonliving/saltling
creature player 339 1158 13 15 10 17 32 32 mon/nonliving/animated_armour
creature player 352 1158 31 32 1 0 32 32 mon/nonliving/toenail_golem
creature player 383 1158 31 32 1 0 32 32 mon/nonliving/flesh_golem
creature player 414 1158 29 30 2 1 32 32 mon/unique/roxanne
creature player 443 1158 25 29 2 2 32 32 mon/statues/pillar_of_salt
creature player 468 1158 32 30 0 1 32 32 mon/statues/block_of_ice
creature player 500 1158 29 32 2 0 32 32 mon/statues/block_of_ice2
creature player 529 1158 21 27 7 3 32 32 mon/statues/training_dummy
creature player 550 1158 28 31 3 0 32 32 mon/statues/ice_statue
creature player 578 1158 32 32 0 0 32 32 mon/statues/obsidian_statue
creature player 610 1158 28 31 3 0 32 32 mon/statues/orange_crystal_statue
creature player 638 1158 27 31 3 0 32 32 mon/statues/wucad_mu_statue
creature player 665 1158 32 32 0 0 32 32 mon/statues/machine_tukima
creature player 697 1158 32 30 0 1 32 32 mon/vault/air_elementalist_statue
creature player 729 1158 32 30 0 1 32 32 mon/vault/earth_elementalist_statue
creature player 761 1158 32 31 0 0 32 32 mon/vault/fire_elementalist_statue
creature player 793 1158 32 32 0 0 32 32 mon/vault/water_elementalist_statue
creature player 825 1158 31 31 1 0 32 32 mon/vault/zot_statue
creature player 856 1158 25 31 4 0 32 32 mon/statues/statue_base
creature player 881 1158 25 30 4 1 32 32 mon/statues/statue_base
creature player 906 1158 27 30 2 1 32 32 mon/statues/statue_base
creature player 933 1158 25 31 4 0 32 32 mon/statues/statue_base
creature player 958 1158 28 31 1 0 32 32 mon/statues/statue_base
creature player 986 1158 28 31 1 0 32 32 mon/statues/statue_base
creature player 0 1190 25 31 4 0 32 32 mon/statues/statue_base
creature player 25 1190 29 30 0 1 32 32 mon/statues/statue_base
creature player 54 1190 32 31 0 0 32 32 mon/statues/firespitter_statue
creature player 86 1190 22 31 9 0 32 32 mon/statues/obelisk
creature player 108 1190 22 31 5 1 32 32 mon/statues/lightning_spire
creature player 130 1190 29 32 3 0 32 32 mon/nonliving/spellforged_servitor
creature player 159 1190 31 32 1 0 32 32 mon/nonliving/gargoyle
creature player 190 1190 31 32 1 0 32 32 mon/nonliving/war_gargoyle
creature player 221 1190 31 32 1 0 32 32 mon/nonliving/molten_gargoyle
creature player 252 1190 32 32 0 0 32 32 mon/nonliving/nargun
creature player 284 1190 26 24 5 4 32 32 mon/nonliving/spectral_sbl
creature player 310 1190 30 30 1 1 32 32 mon/nonliving/spectral_lbl
creature player 340 1190 30 30 1 1 32 32 mon/nonliving/spectral_staff
creature player 370 1190 29 30 1 1 32 32 mon/nonliving/spectral_axe
creature player 399 1190 26 29 3 1 32 32 mon/nonliving/spectral_mace
creature player 425 1190 26 29 3 0 32 32 mon/nonliving/spectral_whip
creature player 451 1190 29 29 1 1 32 32 mon/nonliving/spectral_spear
creature player 480 1190 32 31 0 1 32 32 mon/nonliving/earthen_tome
creature player 512 1190 30 31 2 1 32 32 mon/nonliving/crystal_tome
creature player 542 1190 31 32 1 0 32 32 mon/nonliving/divine_tome
creature player 573 1190 32 31 0 1 32 32 mon/nonliving/frostbound_tome
creature player 605 1190 27 32 2 0 32 32 mon/unique/donald
creature player 632 1190 29 31 2 1 32 32 mon/unique/edmund
creature player 661 1190 26 31 4 1 32 32 mon/unique/edmund_weaponless
creature player 687 1190 32 32 0 0 32 32 mon/unique/erica
creature player 719 1190 25 32 4 0 32 32 mon/unique/erica_swordless
creature player 744 1190 32 32 0 0 32 32 mon/unique/eustachio
creature player 776 1190 30 32 2 0 32 32 mon/unique/frances
creature player 806 1190 30 32 2 0 32 32 mon/unique/frederick
creature player 836 1190 27 32 2 0 32 32 mon/unique/harold
creature player 863 1190 23 31 5 1 32 32 mon/unique/jessica
creature player 886 1190 27 32 4 0 32 32 mon/unique/joseph
creature player 913 1190 25 27 5 5 32 32 mon/unique/josephine
creature player 938 1190 27 31 3 1 32 32 mon/unique/kirke
creature player 965 1190 24 30 5 0 32 32 mon/unique/louise
creature player 989 1190 23 31 5 1 32 32 mon/unique/maggie
creature player 0 1222 27 32 3 0 32 32 mon/unique/margery
creature player 27 1222 27 32 2 0 32 32 mon/unique/maurice
creature player 54 1222 32 32 0 0 32 32 mon/unique/nikola
creature player 86 1222 25 31 4 1 32 32 mon/unique/psyche
creature player 111 1222 32 32 0 0 32 32 mon/unique/rupert
creature player 143 1222 31 31 1 1 32 32 mon/unique/sigmund
creature player 174 1222 27 32 5 0 32 32 mon/unique/terence
creature player 201 1222 18 28 7 4 32 32 mon/amorphous/shapeshifter
creature player 219 1222 18 30 7 2 32 32 mon/amorphous/glowing_shapeshifter
creature player 237 1222 30 32 1 0 32 32 mon/demihumanoids/entropy_weaver
creature player 267 1222 30 29 2 2 32 32 mon/demihumanoids/formicid
creature player 297 1222 26 31 3 1 32 32 mon/humanoids/humans/human
creature player 323 1222 26 31 3 1 32 32 mon/humanoids/humans/human2
creature player 349 1222 26 31 3 1 32 32 mon/humanoids/humans/human3
creature player 375 1222 26 32 4 0 32 32 mon/humanoids/humans/hell_knight
creature player 401 1222 26 32 4 0 32 32 mon/humanoids/humans/death_knight
creature player 427 1222 23 32 5 0 32 32 mon/humanoids/humans/necromancer
creature player 450 1222 23 32 5 0 32 32 mon/humanoids/humans/wizard
creature player 473 1222 26 31 5 1 32 32 mon/humanoids/humans/vault_guard
creature player 499 1222 26 32 5 0 32 32 mon/humanoids/humans/vault_warden
creature player 525 1222 27 31 5 1 32 32 mon/humanoids/humans/vault_sentinel
creature player 552 1222 26 31 5 1 32 32 mon/humanoids/humans/ironbound_convoker
creature player 578 1222 26 32 5 0 32 32 mon/humanoids/humans/ironbound_preserver
creature player 604 1222 31 31 1 1 32 32 mon/humanoids/humans/ironbound_frostheart
creature player 635 1222 23 31 5 1 32 32 mon/humanoids/humans/servant_of_whispers
creature player 658 1222 22 32 5 0 32 32 mon/humanoids/humans/ragged_hierophant
creature player 680 1222 24 32 3 0 32 32 mon/humanoids/humans/imperial_myrmidon
creature player 704 1222 25 32 6 0 32 32 mon/humanoids/humans/killer_klown_blue
creature player 729 1222 29 32 2 0 32 32 mon/humanoids/humans/killer_klown_green
creature player 758 1222 27 32 4 0 32 32 mon/humanoids/humans/killer_klown_purple
creature player 785 1222 29 30 1 2 32 32 mon/humanoids/humans/killer_klown_red
creature player 814 1222 31 32 0 0 32 32 mon/humanoids/humans/killer_klown_yellow
creature player 845 1222 22 29 7 1 32 32 mon/vault/hell_wizard_50
creature player 867 1222 22 29 7 1 32 32 mon/vault/hell_wizard_75
creature player 889 1222 20 29 7 1 32 32 mon/vault/hell_wizard_100
creature player 909 1222 21 27 9 5 32 32 mon/vault/deformed_human
creature player 930 1222 23 30 4 1 32 32 mon/vault/cloud_mage
creature player 953 1222 32 32 0 0 32 32 mon/vault/hellbinder
creature player 985 1222 24 30 3 1 32 32 mon/vault/master_elementalist
creature player 0 1254 23 27 4 5 32 32 mon/humanoids/halfling
creature player 23 1254 29 32 2 0 32 32 mon/humanoids/demigod
creature player 52 1254 32 32 0 0 32 32 mon/holy/angel
creature player 84 1254 32 32 0 0 32 32 mon/holy/daeva
creature player 116 1254 32 32 0 0 32 32 mon/holy/cherub
creature player 148 1254 32 32 0 0 32 32 mon/undead/profane_servitor
creature player 180 1254 32 31 0 1 32 32 mon/unique/mennas
creature player 212 1254 32 32 0 0 32 32 mon/unique/polyphemus
creature player 244 1254 32 32 0 0 32 32 mon/unique/chuck
creature player 276 1254 31 32 1 0 32 32 mon/humanoids/giants/ettin
creature player 307 1254 32 32 0 0 32 32 mon/humanoids/giants/cyclops
creature player 339 1254 31 32 1 0 32 32 mon/humanoids/giants/fire_giant
creature player 370 1254 31 32 1 0 32 32 mon/humanoids/giants/frost_giant
creature player 401 1254 32 32 0 0 32 32 mon/humanoids/giants/stone_giant
creature player 433 1254 32 32 0 0 32 32 mon/humanoids/giants/titan
creature player 465 1254 32 32 0 0 32 32 mon/humanoids/giants/juggernaut
creature player 497 1254 32 32 0 0 32 32 mon/humanoids/giants/iron_giant
creature player 529 1254 32 32 0 0 32 32 mon/humanoids/giants/cactus_giant
creature player 561 1254 30 32 2 0 32 32 mon/humanoids/giants/tainted_leviathan
creature player 591 1254 32 32 0 0 32 32 mon/dragons/swamp_drake
creature player 623 1254 32 32 0 0 32 32 mon/dragons/rime_drake
creature player 655 1254 32 32 0 0 32 32 mon/dragons/lindwurm
creature player 687 1254 31 32 0 0 32 32 mon/dragons/death_drake
creature player 718 1254 31 31 0 1 32 32 mon/dragons/wind_drake
creature player 749 1254 32 32 0 0 32 32 mon/unique/xtahua
creature player 781 1254 32 32 0 0 32 32 mon/dragons/wyvern
creature player 813 1254 32 32 0 0 32 32 mon/dragons/fire_dragon
creature player 845 1254 26 32 6 0 32 32 mon/dragons/hydra1
creature player 871 1254 32 32 0 0 32 32 mon/dragons/hydra2
creature player 903 1254 32 32 0 0 32 32 mon/dragons/hydra3
creature player 935 1254 32 32 0 0 32 32 mon/dragons/hydra4
creature player 967 1254 32 32 0 0 32 32 mon/dragons/hydra5
creature player 64 1286 32 32 0 0 32 32 mon/dragons/ice_dragon
creature player 96 1286 32 32 0 0 32 32 mon/dragons/steam_dragon
creature player 128 1286 32 32 0 0 32 32 mon/dragons/swamp_dragon
creature player 160 1286 32 32 0 0 32 32 mon/dragons/acid_dragon
creature player 192 1286 32 32 0 0 32 32 mon/dragons/quicksilver_dragon
creature player 224 1286 32 32 0 0 32 32 mon/dragons/iron_dragon
creature player 256 1286 32 32 0 0 32 32 mon/dragons/storm_dragon
creature player 288 1286 32 32 0 0 32 32 mon/dragons/golden_dragon
creature player 320 1286 32 32 0 0 32 32 mon/dragons/shadow_dragon
creature player 352 1286 32 32 0 0 32 32 mon/undead/bone_dragon
creature player 384 1286 32 32 0 0 32 32 mon/holy/pearl_dragon
creature player 416 1286 21 24 5 4 32 32 mon/fungi_plants/ballistomycete_spore
creature player 437 1286 16 20 6 8 32 32 mon/eyes/floating_eye
creature player 453 1286 31 30 1 2 32 32 mon/aberrations/glowing_orange_brain
creature player 484 1286 29 31 1 1 32 32 mon/eyes/great_orb_of_eyes
creature player 513 1286 32 31 0 0 32 32 mon/eyes/shining_eye
creature player 545 1286 27 31 1 1 32 32 mon/eyes/eye_of_devastation
creature player 572 1286 16 24 8 7 32 32 mon/eyes/golden_eye
creature player 588 1286 24 32 4 0 32 32 mon/holy/ophan
creature player 612 1286 32 32 0 0 32 32 mon/animals/manticore
creature player 644 1286 32 32 0 0 32 32 mon/demihumanoids/harpy
creature player 676 1286 32 32 0 0 32 32 mon/demihumanoids/sphinx
creature player 708 1286 30 31 2 1 32 32 mon/demihumanoids/minotaur
creature player 738 1286 32 32 0 0 32 32 mon/demihumanoids/jorogumo
creature player 770 1286 29 32 1 0 32 32 mon/demihumanoids/fenstrider_witch
creature player 799 1286 28 32 2 0 32 32 mon/demihumanoids/tengu
creature player 827 1286 28 32 2 0 32 32 mon/demihumanoids/tengu_conjurer
creature player 855 1286 28 32 2 0 32 32 mon/demihumanoids/tengu_warrior
creature player 883 1286 28 32 2 0 32 32 mon/demihumanoids/tengu_reaver
creature player 911 1286 23 12 5 16 32 32 mon/mutantbeast/base1
creature player 934 1286 27 20 3 10 32 32 mon/mutantbeast/base2
creature player 961 1286 31 29 1 3 32 32 mon/mutantbeast/base3
creature player 992 1286 31 25 1 7 32 32 mon/mutantbeast/base4
creature player 0 1318 32 32 0 0 32 32 mon/mutantbeast/base5
creature player 648 1318 28 32 2 0 32 32 mon/unique/sojobo
creature player 676 1318 32 32 0 0 32 32 mon/unique/arachne
creature player 708 1318 32 32 0 0 32 32 mon/unique/arachne_staveless
creature player 740 1318 31 32 1 0 32 32 mon/unique/asterion
creature player 771 1318 32 28 0 2 32 32 mon/unique/dissolution
creature player 803 1318 32 24 0 4 32 32 mon/amorphous/endoplasm
creature player 835 1318 32 22 0 7 32 32 mon/amorphous/jelly
creature player 867 1318 28 16 2 11 32 32 mon/amorphous/slime_creature
creature player 895 1318 32 21 0 8 32 32 mon/amorphous/slime_creature2
creature player 927 1318 32 25 0 5 32 32 mon/amorphous/slime_creature3
creature player 959 1318 32 29 0 2 32 32 mon/amorphous/slime_creature4
creature player 991 1318 32 32 0 0 32 32 mon/amorphous/slime_creature5
creature player 0 1350 32 31 0 1 32 32 mon/amorphous/rockslime
creature player 32 1350 32 32 0 0 32 32 mon/amorphous/quicksilver_ooze
creature player 64 1350 31 26 1 3 32 32 mon/amorphous/azure_jelly
creature player 95 1350 32 27 0 3 32 32 mon/amorphous/acid_blob
creature player 127 1350 30 32 2 0 32 32 mon/unique/sonja
creature player 157 1350 32 32 0 0 32 32 mon/unique/pikel
creature player 189 1350 31 29 1 3 32 32 mon/humanoids/kobold
creature player 220 1350 30 32 2 0 32 32 mon/humanoids/kobold_brigand
creature player 250 1350 32 31 0 1 32 32 mon/humanoids/kobold_demonologist
creature player 282 1350 27 32 2 0 32 32 mon/unique/boris
creature player 309 1350 32 32 0 0 32 32 mon/undead/revenant
creature player 341 1350 30 32 2 0 32 32 mon/undead/stoker
creature player 371 1350 32 32 0 0 32 32 mon/undead/lich
creature player 403 1350 28 32 1 0 32 32 mon/undead/ancient_lich
creature player 431 1350 32 32 0 0 32 32 mon/undead/dread_lich
creature player 463 1350 26 32 3 0 32 32 mon/undead/halazid_warlock
creature player 489 1350 32 32 0 0 32 32 mon/vault/zonguldrok_lich
creature player 521 1350 31 32 1 0 32 32 mon/unique/menkaure
creature player 552 1350 31 32 1 0 32 32 mon/unique/khufu
creature player 583 1350 30 31 1 1 32 32 mon/undead/mummy
creature player 613 1350 30 31 1 1 32 32 mon/undead/guardian_mummy
creature player 643 1350 31 32 1 0 32 32 mon/undead/royal_mummy
creature player 674 1350 29 31 2 1 32 32 mon/undead/mummy_priest
creature player 703 1350 29 32 1 0 32 32 mon/unique/aizul
creature player 732 1350 28 32 4 0 32 32 mon/unique/vashnia
creature player 760 1350 28 32 4 0 32 32 mon/demihumanoids/naga/naga
creature player 788 1350 28 32 4 0 32 32 mon/demihumanoids/naga/naga_mage
creature player 816 1350 28 32 4 0 32 32 mon/demihumanoids/naga/naga_ritualist
creature player 844 1350 28 32 4 0 32 32 mon/demihumanoids/naga/naga_sharpshooter
creature player 872 1350 28 32 4 0 32 32 mon/demihumanoids/naga/naga_warrior
creature player 900 1350 30 32 2 0 32 32 mon/demihumanoids/naga/nagaraja
creature player 930 1350 29 32 3 0 32 32 mon/demihumanoids/salamander
creature player 959 1350 29 32 3 0 32 32 mon/demihumanoids/salamander_mystic
creature player 988 1350 32 32 0 0 32 32 mon/demihumanoids/salamander_tyrant
creature player 0 1382 27 32 4 0 32 32 mon/demihumanoids/guardian_serpent
creature player 27 1382 32 32 0 0 32 32 mon/unique/erolcha
creature player 59 1382 29 32 1 0 32 32 mon/humanoids/ogre
creature player 88 1382 29 32 1 0 32 32 mon/humanoids/two_headed_ogre
creature player 117 1382 30 32 1 0 32 32 mon/humanoids/ogre_mage
creature player 147 1382 31 32 1 0 32 32 mon/humanoids/ironbound_thunderhulk
creature player 178 1382 32 32 0 0 32 32 mon/fungi_plants/plant_01
creature player 210 1382 32 32 0 0 32 32 mon/fungi_plants/plant_02
creature player 242 1382 32 32 0 0 32 32 mon/fungi_plants/plant_03
creature player 274 1382 32 32 0 0 32 32 mon/fungi_plants/plant_04
creature player 306 1382 31 32 0 0 32 32 mon/fungi_plants/plant_05
creature player 337 1382 31 32 0 0 32 32 mon/fungi_plants/plant_06
creature player 368 1382 32 32 0 0 32 32 mon/fungi_plants/plant_07
creature player 400 1382 31 32 1 0 32 32 mon/fungi_plants/plant_08
creature player 431 1382 30 32 1 0 32 32 mon/fungi_plants/plant_09
creature player 461 1382 32 31 0 1 32 32 mon/fungi_plants/plant_10
creature player 525 1382 32 32 0 0 32 32 mon/fungi_plants/plant_crypt
creature player 557 1382 32 32 0 0 32 32 mon/fungi_plants/plant_demonic
creature player 589 1382 32 22 0 8 32 32 mon/fungi_plants/bush
creature player 621 1382 32 23 0 8 32 32 mon/fungi_plants/bush2
creature player 653 1382 32 22 0 9 32 32 mon/fungi_plants/bush3
creature player 685 1382 32 21 0 9 32 32 mon/fungi_plants/bush4
creature player 717 1382 32 31 0 0 32 32 mon/fungi_plants/bush_burning
creature player 749 1382 26 26 3 4 32 32 mon/fungi_plants/oklob_sapling
creature player 775 1382 32 32 0 0 32 32 mon/fungi_plants/oklob_plant
creature player 807 1382 32 32 0 0 32 32 mon/fungi_plants/thorn_hunter
creature player 839 1382 31 32 0 0 32 32 mon/fungi_plants/treant
creature player 870 1382 31 32 1 0 32 32 mon/fungi_plants/briar_patch
creature player 901 1382 28 32 2 0 32 32 mon/fungi_plants/vine_stalker
creature player 929 1382 26 32 3 0 32 32 mon/unique/pargi
creature player 955 1382 32 32 0 0 32 32 mon/unique/snorg
creature player 987 1382 32 32 0 0 32 32 mon/humanoids/troll
creature player 0 1414 32 32 0 0 32 32 mon/humanoids/iron_troll
creature player 32 1414 32 32 0 0 32 32 mon/humanoids/deep_troll
creature player 64 1414 32 32 0 0 32 32 mon/humanoids/deep_troll_earth_mage
creature player 96 1414 32 32 0 0 32 32 mon/humanoids/deep_troll_shaman
creature player 128 1414 32 32 0 0 32 32 mon/vault/deep_troll_monk_ghost
creature player 160 1414 32 31 0 1 32 32 mon/vault/moon_troll
creature player 192 1414 31 31 1 0 32 32 mon/undead/vampire
creature player 223 1414 30 31 2 1 32 32 mon/undead/vampire_knight
creature player 253 1414 30 32 2 0 32 32 mon/undead/vampire_mage
creature player 283 1414 31 32 1 0 32 32 mon/undead/jiangshi
creature player 314 1414 32 32 0 0 32 32 mon/unique/jory
creature player 346 1414 32 30 0 1 32 32 mon/undead/wraith
creature player 378 1414 32 32 0 0 32 32 mon/undead/shadow_wraith
creature player 410 1414 32 32 0 0 32 32 mon/undead/freezing_wraith
creature player 442 1414 32 32 0 0 32 32 mon/undead/phantasmal_warrior
creature player 474 1414 32 32 0 0 32 32 mon/undead/putrid_mouth
creature player 506 1414 32 32 0 0 32 32 mon/undead/eidolon
creature player 538 1414 32 32 0 0 32 32 mon/aberrations/orb_guardian
creature player 570 1414 32 32 0 0 32 32 mon/unique/nessos
creature player 602 1414 30 32 2 0 32 32 mon/demihumanoids/taurs/centaur
creature player 632 1414 31 32 0 0 32 32 mon/demihumanoids/taurs/centaur-melee
creature player 663 1414 32 32 0 0 32 32 mon/demihumanoids/taurs/centaur_warrior
creature player 695 1414 31 31 0 1 32 32 mon/demihumanoids/taurs/centaur_warrior-melee
creature player 726 1414 32 32 0 0 32 32 mon/demihumanoids/taurs/yaktaur
creature player 758 1414 32 32 0 0 32 32 mon/demihumanoids/taurs/yaktaur-melee
creature player 790 1414 32 32 0 0 32 32 mon/demihumanoids/taurs/yaktaur_captain
creature player 822 1414 32 32 0 0 32 32 mon/demihumanoids/taurs/yaktaur_captain-melee
creature player 854 1414 25 31 5 1 32 32 mon/demihumanoids/faun
creature player 879 1414 27 32 3 0 32 32 mon/demihumanoids/satyr
creature player 906 1414 30 32 2 0 32 32 mon/unique/dowan
creature player 936 1414 31 32 1 0 32 32 mon/unique/dowan2
creature player 967 1414 28 32 2 0 32 32 mon/unique/duvessa
creature player 0 1446 31 32 1 0 32 32 mon/unique/duvessa2
creature player 31 1446 31 32 1 0 32 32 mon/unique/fannar
creature player 62 1446 29 32 1 0 32 32 mon/unique/head_instructor
creature player 91 1446 28 32 1 0 32 32 mon/humanoids/elves/elf
creature player 119 1446 29 32 1 0 32 32 mon/humanoids/elves/deep_elf_knight
creature player 148 1446 29 32 2 0 32 32 mon/humanoids/elves/deep_elf_archer
creature player 177 1446 30 32 2 0 32 32 mon/humanoids/elves/deep_elf_zephyrmancer
creature player 207 1446 30 32 2 0 32 32 mon/humanoids/elves/deep_elf_pyromancer
creature player 237 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_sorcerer
creature player 268 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_death_mage
creature player 299 1446 32 32 0 0 32 32 mon/humanoids/elves/deep_elf_demonologist
creature player 331 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_annihilator
creature player 362 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_high_priest
creature player 393 1446 29 32 1 0 32 32 mon/humanoids/elves/deep_elf_blademaster
creature player 422 1446 29 32 1 0 32 32 mon/humanoids/elves/deep_elf_master_archer
creature player 451 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_elementalist1
creature player 482 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_elementalist2
creature player 513 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_elementalist3
creature player 544 1446 31 32 1 0 32 32 mon/humanoids/elves/deep_elf_elementalist4
creature player 575 1446 22 32 7 0 32 32 mon/vault/deformed_elf
creature player 597 1446 31 30 0 2 32 32 mon/fungi_plants/toadstool_left
creature player 628 1446 32 30 0 2 32 32 mon/fungi_plants/toadstool_right
creature player 660 1446 28 32 4 0 32 32 mon/fungi_plants/fungus1
creature player 688 1446 31 32 1 0 32 32 mon/fungi_plants/fungus2
creature player 719 1446 27 32 5 0 32 32 mon/fungi_plants/fungus3
creature player 746 1446 28 32 4 0 32 32 mon/fungi_plants/fungus4
creature player 774 1446 31 32 1 0 32 32 mon/fungi_plants/fungus5
creature player 805 1446 27 32 5 0 32 32 mon/fungi_plants/fungus6
creature player 832 1446 28 32 4 0 32 32 mon/fungi_plants/fungus7
creature player 860 1446 31 32 1 0 32 32 mon/fungi_plants/fungus8
creature player 891 1446 27 32 5 0 32 32 mon/fungi_plants/fungus9
creature player 918 1446 31 32 1 0 32 32 mon/fungi_plants/ballistomycete
creature player 949 1446 25 32 5 0 32 32 mon/fungi_plants/wandering_mushroom
creature player 974 1446 25 32 5 0 32 32 mon/fungi_plants/deathcap
creature player 0 1478 27 27 3 5 32 32 mon/unique/ijyb
creature player 27 1478 30 32 2 0 32 32 mon/unique/robin
creature player 57 1478 32 30 0 2 32 32 mon/unique/crazy_yiuf
creature player 89 1478 31 32 1 0 32 32 mon/unique/grum
creature player 120 1478 28 25 2 7 32 32 mon/humanoids/goblin
creature player 148 1478 30 31 2 1 32 32 mon/humanoids/hobgoblin
creature player 178 1478 31 32 1 0 32 32 mon/humanoids/gnoll
creature player 209 1478 31 32 1 0 32 32 mon/humanoids/gnoll_shaman
creature player 240 1478 31 32 1 0 32 32 mon/humanoids/gnoll_sergeant
creature player 271 1478 32 30 0 2 32 32 mon/humanoids/boggart
creature player 303 1478 26 29 3 3 32 32 mon/humanoids/spriggans/spriggan
creature player 329 1478 30 32 1 0 32 32 mon/humanoids/spriggans/spriggan_rider
creature player 359 1478 30 32 2 0 32 32 mon/humanoids/spriggans/spriggan_druid
creature player 389 1478 32 31 0 1 32 32 mon/humanoids/spriggans/spriggan_berserker
creature player 421 1478 26 32 3 0 32 32 mon/humanoids/spriggans/spriggan_defender
creature player 447 1478 28 32 3 0 32 32 mon/humanoids/spriggans/spriggan_air_mage
creature player 475 1478 29 32 2 0 32 32 mon/unique/enchantress
creature player 504 1478 32 31 0 1 32 32 mon/unique/agnes
creature player 536 1478 26 31 5 1 32 32 mon/unique/agnes_staveless
creature player 562 1478 21 32 5 0 32 32 mon/unique/ilsuiw
creature player 583 1478 29 32 3 0 32 32 mon/unique/ilsuiw_water
creature player 612 1478 21 32 5 0 32 32 mon/demihumanoids/merfolk/merfolk
creature player 633 1478 29 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_water
creature player 662 1478 22 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_javelineer
creature player 684 1478 29 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_javelineer_water
creature player 713 1478 21 32 5 0 32 32 mon/demihumanoids/merfolk/merfolk_impaler
creature player 734 1478 29 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_impaler_water
creature player 763 1478 21 32 5 0 32 32 mon/demihumanoids/merfolk/merfolk_aquamancer
creature player 784 1478 29 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_aquamancer_water
creature player 813 1478 21 32 5 0 32 32 mon/demihumanoids/merfolk/merfolk_siren
creature player 834 1478 29 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_siren_water
creature player 863 1478 21 32 5 0 32 32 mon/demihumanoids/merfolk/merfolk_avatar
creature player 884 1478 29 32 3 0 32 32 mon/demihumanoids/merfolk/merfolk_avatar_water
creature player 913 1478 29 29 1 3 32 32 mon/humanoids/dryad
creature player 942 1478 31 29 0 2 32 32 mon/humanoids/water_nymph
creature player 973 1478 32 32 0 0 32 32 mon/humanoids/eleionoma
creature player 0 1510 29 32 1 0 32 32 mon/undead/bog_body
creature player 29 1510 31 29 1 2 32 32 mon/undead/necrophage
creature player 60 1510 31 32 1 0 32 32 mon/undead/bloated_husk
creature player 91 1510 31 32 1 0 32 32 mon/undead/searing_wretch
creature player 122 1510 30 30 1 1 32 32 mon/undead/ghoul
creature player 152 1510 32 32 0 0 32 32 mon/unique/blork_the_orc
creature player 184 1510 27 32 3 0 32 32 mon/unique/urug
creature player 211 1510 31 32 1 0 32 32 mon/unique/nergalle
creature player 242 1510 31 32 1 0 32 32 mon/unique/saint_roka
creature player 273 1510 31 32 1 0 32 32 mon/humanoids/orcs/orc
creature player 304 1510 30 32 2 0 32 32 mon/humanoids/orcs/orc_wizard
creature player 334 1510 28 32 3 0 32 32 mon/humanoids/orcs/orc_priest
creature player 362 1510 31 32 1 0 32 32 mon/humanoids/orcs/orc_warrior
creature player 393 1510 28 32 2 0 32 32 mon/humanoids/orcs/orc_knight
creature player 421 1510 32 32 0 0 32 32 mon/humanoids/orcs/orc_warlord
creature player 453 1510 29 32 3 0 32 32 mon/humanoids/orcs/orc_sorcerer
creature player 482 1510 28 32 3 0 32 32 mon/humanoids/orcs/orc_high_priest
creature player 510 1510 28 32 4 0 32 32 mon/vault/deformed_orc
creature player 538 1510 32 32 0 0 32 32 mon/undead/shadow
creature player 570 1510 31 32 0 0 32 32 mon/undead/phantom
creature player 601 1510 23 28 7 0 32 32 mon/undead/missing_ghost
creature player 624 1510 27 26 2 2 32 32 mon/undead/ghost
creature player 651 1510 32 32 0 0 32 32 mon/undead/silent_spectre
creature player 683 1510 20 31 8 1 32 32 mon/undead/lost_soul
creature player 703 1510 22 27 7 3 32 32 mon/undead/drowned_soul
creature player 725 1510 24 32 4 0 32 32 mon/undead/flayed_ghost
creature player 749 1510 27 31 3 0 32 32 mon/nonliving/will_o_the_wisp
creature player 776 1510 32 26 0 5 32 32 mon/nonliving/insubstantial_wisp
creature player 808 1510 30 30 1 2 32 32 mon/humanoids/dwarf
creature player 838 1510 24 27 4 5 32 32 mon/humanoids/deep_dwarf
creature player 862 1510 25 27 4 5 32 32 mon/unique/jorgrun
creature player 887 1510 29 31 2 1 32 32 mon/undead/wight
creature player 916 1510 28 32 2 0 32 32 mon/undead/skeletal_warrior
creature player 944 1510 29 32 2 0 32 32 mon/undead/ancient_champion
creature player 973 1510 23 32 3 0 32 32 mon/undead/curse_skull
creature player 996 1510 26 29 6 2 32 32 mon/undead/curse_toe
creature player 0 1542 29 28 2 2 32 32 mon/undead/flying_skull
creature player 29 1542 25 32 7 0 32 32 mon/unique/murray
creature player 54 1542 32 32 0 0 32 32 mon/sprint/dimme
creature player 86 1542 29 29 2 1 32 32 mon/sprint/orb_of_ice
creature player 115 1542 32 32 0 0 32 32 mon/sprint/orb_of_electricity
creature player 147 1542 27 26 2 6 32 32 mon/undead/zombies/zombie_small
creature player 174 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_large
creature player 206 1542 29 21 2 10 32 32 mon/undead/zombies/zombie_quadruped_small
creature player 235 1542 32 28 0 4 32 32 mon/undead/zombies/zombie_quadruped_large
creature player 267 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_ogre
creature player 299 1542 31 27 1 3 32 32 mon/undead/zombies/zombie_frog
creature player 330 1542 30 31 1 1 32 32 mon/undead/zombies/zombie_bat
creature player 360 1542 29 28 2 4 32 32 mon/undead/zombies/zombie_bee
creature player 389 1542 32 28 0 2 32 32 mon/undead/zombies/zombie_beetle
creature player 421 1542 31 24 1 6 32 32 mon/undead/zombies/zombie_bug
creature player 452 1542 30 32 0 0 32 32 mon/undead/zombies/zombie_fish
creature player 482 1542 31 32 0 0 32 32 mon/undead/zombies/zombie_centaur
creature player 513 1542 28 32 2 0 32 32 mon/undead/zombies/zombie_naga
creature player 541 1542 31 31 1 1 32 32 mon/undead/zombies/zombie_worm
creature player 572 1542 32 31 0 1 32 32 mon/undead/zombies/zombie_spider_large
creature player 604 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_snake
creature player 636 1542 32 28 0 4 32 32 mon/undead/zombies/zombie_lizard
creature player 668 1542 32 29 0 3 32 32 mon/undead/zombies/zombie_hound
creature player 700 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_dragon
creature player 732 1542 26 32 4 0 32 32 mon/undead/zombies/zombie_hydra1
creature player 758 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_hydra2
creature player 790 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_hydra3
creature player 822 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_hydra4
creature player 854 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_hydra5
creature player 886 1542 32 28 0 4 32 32 mon/undead/zombies/zombie_kraken_head
creature player 918 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_drake
creature player 950 1542 32 32 0 0 32 32 mon/undead/zombies/zombie_troll
creature player 982 1542 31 31 1 1 32 32 mon/undead/zombies/zombie_draconian
creature player 0 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_quadruped_winged
creature player 32 1574 31 28 1 2 32 32 mon/undead/zombies/zombie_harpy
creature player 63 1574 31 26 1 3 32 32 mon/undead/zombies/zombie_octopode
creature player 94 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_juggernaut
creature player 446 1574 32 31 0 1 32 32 mon/undead/zombies/zombie_elf
creature player 478 1574 25 31 5 1 32 32 mon/undead/zombies/zombie_fawn
creature player 503 1574 27 32 4 0 32 32 mon/undead/zombies/zombie_guardian_serpent
creature player 530 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_hornet
creature player 562 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_lindwurm
creature player 594 1574 30 27 1 3 32 32 mon/undead/zombies/zombie_meliai
creature player 624 1574 21 32 5 0 32 32 mon/undead/zombies/zombie_merfolk
creature player 645 1574 30 31 2 1 32 32 mon/undead/zombies/zombie_minotaur
creature player 675 1574 29 30 2 2 32 32 mon/undead/zombies/zombie_salamander
creature player 704 1574 25 29 2 2 32 32 mon/undead/zombies/zombie_spriggan
creature player 729 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_wyvern
creature player 761 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_yaktaur
creature player 793 1574 32 32 0 0 32 32 mon/undead/zombies/zombie_ugly_thing
creature player 825 1574 32 22 0 7 32 32 mon/undead/zombies/zombie_turtle
creature player 857 1574 32 27 0 4 32 32 mon/undead/zombies/zombie_crab
creature player 889 1574 31 24 1 3 32 32 mon/undead/zombies/zombie_adder
creature player 920 1574 31 32 0 0 32 32 mon/undead/zombies/zombie_gnoll
creature player 951 1574 25 25 2 5 32 32 mon/undead/zombies/zombie_goblin
creature player 976 1574 30 30 1 1 32 32 mon/undead/zombies/zombie_hobgoblin
creature player 0 1622 31 32 0 0 32 32 mon/undead/zombies/zombie_human
creature player 31 1622 31 23 1 6 32 32 mon/undead/zombies/zombie_jackal
creature player 62 1622 31 29 1 3 32 32 mon/undead/zombies/zombie_kobold
creature player 93 1622 28 32 2 0 32 32 mon/undead/zombies/zombie_orc
creature player 121 1622 26 25 4 4 32 32 mon/undead/zombies/zombie_quokka
creature player 147 1622 31 20 0 8 32 32 mon/undead/zombies/zombie_rat
creature player 178 1622 31 26 1 4 32 32 mon/undead/zombies/zombie_roach
creature player 209 1622 32 31 0 0 32 32 mon/undead/zombies/zombie_scorpion
creature player 241 1622 31 27 1 4 32 32 mon/undead/zombies/zombie_spider_small
creature player 272 1622 31 32 1 0 32 32 mon/undead/zombies/zombie_bird
creature player 303 1622 28 32 3 0 32 32 mon/undead/zombies/zombie_monkey
creature player 331 1622 32 32 0 0 32 32 mon/undead/zombies/zombie_elephant
creature player 363 1622 32 32 0 0 32 32 mon/undead/zombies/zombie_quicksilver_dragon
creature player 395 1622 32 32 0 0 32 32 mon/undead/zombies/zombie_golden_dragon
creature player 427 1622 32 32 0 0 32 32 mon/undead/zombies/zombie_iron_dragon
creature player 459 1622 32 29 0 3 32 32 mon/undead/zombies/zombie_yak
creature player 491 1622 32 29 0 3 32 32 mon/undead/zombies/zombie_bear
creature player 523 1622 23 26 5 5 32 32 mon/undead/skeletons/skeleton_humanoid_small
creature player 546 1622 27 30 3 2 32 32 mon/undead/skeletons/skeleton_humanoid_medium
creature player 573 1622 31 32 1 0 32 32 mon/undead/skeletons/skeleton_humanoid_large
creature player 604 1622 27 25 3 7 32 32 mon/undead/skeletons/skeleton_quadruped_small
creature player 631 1622 32 27 0 5 32 32 mon/undead/skeletons/skeleton_quadruped_large
creature player 663 1622 30 31 1 1 32 32 mon/undead/skeletons/skeleton_quadruped_winged
creature player 693 1622 31 32 1 0 32 32 mon/undead/skeletons/skeleton_troll
creature player 724 1622 30 28 1 3 32 32 mon/undead/skeletons/skeleton_frog
creature player 754 1622 28 29 2 1 32 32 mon/undead/skeletons/skeleton_lizard
creature player 782 1622 31 22 0 7 32 32 mon/undead/skeletons/skeleton_turtle
creature player 813 1622 31 31 1 1 32 32 mon/undead/skeletons/skeleton_bat
creature player 844 1622 32 31 0 1 32 32 mon/undead/skeletons/skeleton_bird
creature player 876 1622 23 29 3 2 32 32 mon/undead/skeletons/skeleton_fish
creature player 899 1622 29 29 3 2 32 32 mon/undead/skeletons/skeleton_centaur
creature player 928 1622 28 29 3 2 32 32 mon/undead/skeletons/skeleton_naga
creature player 956 1622 32 30 0 2 32 32 mon/undead/skeletons/skeleton_snake
creature player 988 1622 32 32 0 0 32 32 mon/undead/skeletons/skeleton_dragon
creature player 0 1654 31 32 1 0 32 32 mon/undead/skeletons/skeleton_drake
creature player 31 1654 32 31 0 1 32 32 mon/undead/skeletons/skeleton_hydra1
creature player 63 1654 32 31 0 1 32 32 mon/undead/skeletons/skeleton_hydra2
creature player 95 1654 32 31 0 1 32 32 mon/undead/skeletons/skeleton_hydra3
creature player 127 1654 32 31 0 1 32 32 mon/undead/skeletons/skeleton_hydra4
creature player 159 1654 32 31 0 1 32 32 mon/undead/skeletons/skeleton_hydra5
creature player 191 1654 25 29 3 1 32 32 mon/undead/skeletons/skeleton_ugly_thing
creature player 216 1654 30 31 1 1 32 32 mon/undead/skeletons/skeleton_draconian
creature player 246 1654 19 30 7 1 32 32 mon/undead/simulacra/simulacrum_small
creature player 265 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_large
creature player 297 1654 27 24 3 4 32 32 mon/undead/simulacra/simulacrum_quadruped_small
creature player 324 1654 32 27 0 2 32 32 mon/undead/simulacra/simulacrum_quadruped_large
creature player 356 1654 31 31 0 0 32 32 mon/undead/simulacra/simulacrum_bat
creature player 387 1654 26 31 3 0 32 32 mon/undead/simulacra/simulacrum_bee
creature player 413 1654 31 31 0 0 32 32 mon/undead/simulacra/simulacrum_ant
creature player 444 1654 30 30 1 1 32 32 mon/undead/simulacra/simulacrum_fish
creature player 474 1654 30 32 2 0 32 32 mon/undead/simulacra/simulacrum_centaur
creature player 504 1654 28 32 2 0 32 32 mon/undead/simulacra/simulacrum_naga
creature player 532 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_snake
creature player 564 1654 32 29 0 2 32 32 mon/undead/simulacra/simulacrum_lizard
creature player 596 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_spider
creature player 628 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_dragon
creature player 660 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_kraken
creature player 692 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_drake
creature player 724 1654 24 32 4 0 32 32 mon/undead/simulacra/simulacrum_hydra1
creature player 748 1654 30 32 2 0 32 32 mon/undead/simulacra/simulacrum_hydra2
creature player 778 1654 30 32 2 0 32 32 mon/undead/simulacra/simulacrum_hydra3
creature player 808 1654 31 32 1 0 32 32 mon/undead/simulacra/simulacrum_hydra4
creature player 839 1654 32 32 0 0 32 32 mon/undead/simulacra/simulacrum_hydra5
creature player 871 1654 27 32 3 0 32 32 mon/undead/bound_souls/bound_humanoid
creature player 898 1654 30 32 1 0 32 32 mon/undead/bound_souls/bound_animal
creature player 928 1654 32 32 0 0 32 32 mon/undead/bound_souls/bound_strange
creature player 960 1654 19 28 8 3 32 32 mon/undead/spectrals/spectral_small
creature player 979 1654 28 32 2 0 32 32 mon/undead/spectrals/spectral_large
creature player 0 1686 30 22 1 5 32 32 mon/undead/spectrals/spectral_quadruped_small
creature player 30 1686 32 26 0 3 32 32 mon/undead/spectrals/spectral_quadruped_large
creature player 62 1686 31 26 1 3 32 32 mon/undead/spectrals/spectral_frog
creature player 93 1686 32 29 0 1 32 32 mon/undead/spectrals/spectral_bat
creature player 125 1686 26 30 4 0 32 32 mon/undead/spectrals/spectral_bee
creature player 151 1686 32 22 0 5 32 32 mon/undead/spectrals/spectral_ant
creature player 183 1686 29 30 2 1 32 32 mon/undead/spectrals/spectral_fish
creature player 212 1686 28 31 4 1 32 32 mon/undead/spectrals/spectral_centaur
creature player 240 1686 24 31 4 1 32 32 mon/undead/spectrals/spectral_naga
creature player 264 1686 31 31 0 0 32 32 mon/undead/spectrals/spectral_snake
creature player 295 1686 32 25 0 5 32 32 mon/undead/spectrals/spectral_lizard
creature player 327 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_spider
creature player 359 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_dragon
creature player 391 1686 32 31 0 0 32 32 mon/undead/spectrals/spectral_kraken
creature player 423 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_drake
creature player 455 1686 24 32 6 0 32 32 mon/undead/spectrals/spectral_hydra1
creature player 479 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_hydra2
creature player 511 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_hydra3
creature player 543 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_hydra4
creature player 575 1686 32 32 0 0 32 32 mon/undead/spectrals/spectral_hydra5
creature player 607 1686 32 32 0 0 32 32 mon/unique/bai_suizhen
creature player 639 1686 32 32 0 0 32 32 mon/unique/bai_suizhen_dragon
creature player 671 1686 31 32 1 0 32 32 mon/draco/draco-base-brown
creature player 702 1686 31 32 1 0 32 32 mon/draco/draco-base-black
creature player 733 1686 31 32 1 0 32 32 mon/draco/draco-base-mottle
creature player 764 1686 31 32 1 0 32 32 mon/draco/draco-base-yellow
creature player 795 1686 31 32 1 0 32 32 mon/draco/draco-base-green
creature player 826 1686 31 32 1 0 32 32 mon/draco/draco-base-purple
creature player 857 1686 31 32 1 0 32 32 mon/draco/draco-base-red
creature player 888 1686 31 32 1 0 32 32 mon/draco/draco-base-white
creature player 919 1686 31 32 1 0 32 32 mon/draco/draco-base-grey
creature player 950 1686 31 32 1 0 32 32 mon/draco/draco-base-pale
creature player 981 1686 25 29 7 0 32 32 mon/draco/draco-job-annihilator
creature player 0 1718 32 26 0 6 32 32 mon/draco/draco-job-stormcaller
creature player 32 1718 28 20 1 6 32 32 mon/draco/draco-job-knight
creature player 60 1718 22 16 5 9 32 32 mon/draco/draco-job-monk
creature player 82 1718 32 22 0 8 32 32 mon/draco/draco-job-scorcher
creature player 114 1718 25 19 7 8 32 32 mon/draco/draco-job-shifter
creature player 139 1718 30 32 2 0 32 32 mon/vault/draconian_monk_ghost
creature player 169 1718 24 32 7 0 32 32 mon/nonliving/test_spawner
creature player 225 1718 32 32 0 0 32 32 player/transform/bat_form
creature player 257 1718 31 32 0 0 32 32 player/transform/spider_form
creature player 288 1718 32 28 0 2 32 32 player/transform/pig_form
creature player 320 1718 32 25 0 4 32 32 player/transform/ice_form
creature player 352 1718 22 30 5 2 32 32 player/transform/statue_form_humanoid
creature player 374 1718 26 30 5 2 32 32 player/transform/statue_form_palentonga
creature player 400 1718 27 30 4 2 32 32 player/transform/statue_form_naga
creature player 427 1718 32 26 0 3 32 32 player/transform/statue_form_octopode
creature player 459 1718 22 30 5 2 32 32 player/transform/statue_form_djinn
creature player 481 1718 30 23 1 9 32 32 player/transform/statue_form_felid
creature player 511 1718 32 32 0 0 32 32 player/transform/dragon_form
creature player 543 1718 32 32 0 0 32 32 player/transform/dragon_form_red
creature player 575 1718 32 32 0 0 32 32 player/transform/dragon_form_white
creature player 607 1718 32 32 0 0 32 32 player/transform/dragon_form_green
creature player 639 1718 32 32 0 0 32 32 player/transform/dragon_form_yellow
creature player 671 1718 32 32 0 0 32 32 player/transform/dragon_form_grey
creature player 703 1718 32 32 0 0 32 32 player/transform/dragon_form_black
creature player 735 1718 32 32 0 0 32 32 player/transform/dragon_form_purple
creature player 767 1718 32 32 0 0 32 32 player/transform/dragon_form_pale
creature player 799 1718 27 32 3 0 32 32 player/transform/lich_form_humanoid
creature player 826 1718 26 31 5 1 32 32 player/transform/lich_form_palentonga
creature player 852 1718 28 32 3 0 32 32 player/transform/lich_form_naga
creature player 880 1718 31 26 1 2 32 32 player/transform/lich_form_octopode
creature player 911 1718 27 32 3 0 32 32 player/transform/lich_form_djinn
creature player 938 1718 32 29 0 1 32 32 player/transform/lich_form_felid
creature player 970 1718 30 32 2 0 32 32 player/transform/tree_form
creature player 0 1750 25 32 2 0 32 32 player/transform/mushroom_form
creature player 25 1750 32 32 0 0 32 32 player/transform/shadow_form
creature player 57 1750 31 32 0 0 32 32 player/transform/storm_form
creature player 88 1750 32 32 0 0 32 32 player/transform/storm_form_felid
creature player 120 1750 32 28 0 4 32 32 player/transform/storm_form_octopode
creature player 245 1750 32 32 0 0 32 32 mon/player/giaggostuono
creature player 277 1750 31 32 0 0 32 32 mon/player/jormungandr
creature player 308 1750 29 32 3 0 32 32 mon/player/lamia
creature player 337 1750 24 29 5 2 32 32 mon/player/maud
creature player 361 1750 32 32 0 0 32 32 mon/player/old-serpent-coc
creature player 393 1750 32 32 0 0 32 32 mon/player/old-serpent-dis
creature player 425 1750 32 32 0 0 32 32 mon/player/old-serpent-geh
creature player 457 1750 32 32 0 0 32 32 mon/player/old-serpent-tar
creature player 489 1750 26 31 4 0 32 32 mon/player/wiglaf
creature player 515 1750 32 32 0 0 32 32 mon/player/orb_guardian_fetus
creature player 547 1750 28 32 2 0 32 32 mon/player/polymoth
creature player 575 1750 32 32 0 0 32 32 mon/player/jack_o_lantern
creature player 607 1750 31 31 0 1 31 32 mon/player/gastronaut
creature player 638 1750 32 32 0 0 32 32 mon/player/gastronok1
creature player 670 1750 31 32 1 0 32 32 mon/player/gastronok2
creature player 701 1750 31 32 0 0 31 32 mon/player/kit_karsonok
creature player 732 1750 31 32 0 0 31 32 mon/player/shaolinok
creature player 763 1750 31 32 0 0 31 32 mon/player/sideburnok
creature player 794 1750 23 32 4 0 32 32 mon/player/anubis_guard
hero player 160 742 31 30 1 2 32 32 player/felids/cat4
hero player 879 1750 22 30 5 2 32 32 player/base/human_f
hero player 901 1750 22 30 5 2 32 32 player/base/human_m
hero player 923 1750 22 30 5 2 32 32 player/base/human2_f
hero player 945 1750 22 30 5 2 32 32 player/base/human2_m
hero player 967 1750 22 30 5 2 32 32 player/base/human3_f
hero player 989 1750 22 30 5 2 32 32 player/base/human3_m
hero player 0 1782 22 30 5 2 32 32 player/base/elf_m
hero player 22 1782 22 30 5 2 32 32 player/base/elf_f
hero player 44 1782 22 30 5 2 32 32 player/base/deep_elf_f
hero player 66 1782 22 30 5 2 32 32 player/base/deep_elf_m
hero player 88 1782 22 30 5 2 32 32 player/base/dwarf_f
hero player 110 1782 22 30 5 2 32 32 player/base/dwarf_m
hero player 132 1782 22 30 5 2 32 32 player/base/frog_m
hero player 154 1782 22 30 5 2 32 32 player/base/frog_f
hero player 176 1782 22 30 5 2 32 32 player/base/frog2_f
hero player 198 1782 22 30 5 2 32 32 player/base/frog2_m
hero player 220 1782 22 32 5 0 32 32 player/base/gnoll_m
hero player 242 1782 22 32 5 0 32 32 player/base/gnoll_f
hero player 264 1782 22 32 5 0 32 32 player/base/gnoll2_m
hero player 286 1782 22 32 5 0 32 32 player/base/gnoll2_f
hero player 308 1782 22 32 5 0 32 32 player/base/gnoll3_m
hero player 330 1782 22 32 5 0 32 32 player/base/gnoll3_f
hero player 352 1782 22 30 5 2 32 32 player/base/gnoll4_m
hero player 374 1782 22 30 5 2 32 32 player/base/gnoll4_f
hero player 396 1782 22 30 5 2 32 32 player/base/gnome_f
hero player 418 1782 22 30 5 2 32 32 player/base/gnome_m
hero player 440 1782 22 30 5 2 32 32 player/base/halfling_m
hero player 462 1782 22 30 5 2 32 32 player/base/halfling_f
hero player 484 1782 22 30 5 2 32 32 player/base/orc_f
hero player 506 1782 22 30 5 2 32 32 player/base/orc_m
hero player 528 1782 22 30 5 2 32 32 player/base/lorc_m0
hero player 550 1782 22 30 5 2 32 32 player/base/lorc_f0
hero player 572 1782 22 30 5 2 32 32 player/base/lorc_m1
hero player 594 1782 22 30 5 2 32 32 player/base/lorc_m2
hero player 616 1782 22 30 5 2 32 32 player/base/lorc_m3
hero player 638 1782 22 30 5 2 32 32 player/base/lorc_m4
hero player 660 1782 24 31 4 1 32 32 player/base/lorc_m5
hero player 684 1782 24 31 4 1 32 32 player/base/lorc_m6
hero player 708 1782 22 30 5 2 32 32 player/base/lorc_f1
hero player 730 1782 22 30 5 2 32 32 player/base/lorc_f2
hero player 752 1782 22 30 5 2 32 32 player/base/lorc_f3
hero player 774 1782 22 30 5 2 32 32 player/base/lorc_f4
hero player 796 1782 24 31 4 1 32 32 player/base/lorc_f5
hero player 820 1782 24 31 4 1 32 32 player/base/lorc_f6
hero player 844 1782 22 30 5 2 32 32 player/base/kobold_m
hero player 866 1782 22 30 5 2 32 32 player/base/kobold_f
hero player 888 1782 22 30 5 2 32 32 player/base/kobold2_m
hero player 910 1782 22 30 5 2 32 32 player/base/kobold2_f
hero player 932 1782 22 30 5 2 32 32 player/base/mummy_m
hero player 954 1782 22 30 5 2 32 32 player/base/mummy_f
hero player 976 1782 27 30 3 2 32 32 player/base/naga_f
hero player 0 1814 27 30 3 2 32 32 player/base/naga_m
hero player 27 1814 27 30 3 2 32 32 player/base/naga_darkgreen_f
hero player 54 1814 27 30 3 2 32 32 player/base/naga_darkgreen_m
hero player 81 1814 29 30 2 2 32 32 player/base/naga_lightgreen_f
hero player 110 1814 29 30 2 2 32 32 player/base/naga_lightgreen_m
hero player 139 1814 27 30 3 2 32 32 player/base/naga_blue_f
hero player 166 1814 27 30 3 2 32 32 player/base/naga_blue_m
hero player 193 1814 27 30 3 2 32 32 player/base/naga_red_f
hero player 220 1814 27 30 3 2 32 32 player/base/naga_red_m
hero player 247 1814 22 30 5 2 32 32 player/base/ogre_m
hero player 269 1814 22 30 5 2 32 32 player/base/ogre_f
hero player 291 1814 24 30 4 2 32 32 player/base/troll_f
hero player 315 1814 23 30 5 2 32 32 player/base/troll_m
hero player 338 1814 32 26 0 3 32 32 player/base/octopode1
hero player 370 1814 32 26 0 3 32 32 player/base/octopode2
hero player 402 1814 32 26 0 3 32 32 player/base/octopode3
hero player 434 1814 32 32 0 0 32 32 player/base/octopode4
hero player 466 1814 32 31 0 1 32 32 player/base/octopode5
hero player 498 1814 22 30 5 2 32 32 player/base/djinni_f
hero player 520 1814 22 30 5 2 32 32 player/base/djinni_m
hero player 542 1814 22 32 5 0 32 32 player/base/formicid
hero player 564 1814 26 30 3 2 32 32 player/base/vine_stalker_f
hero player 590 1814 24 30 4 2 32 32 player/base/vine_stalker_m
hero player 614 1814 22 30 5 2 32 32 player/base/draconian_f
hero player 636 1814 22 30 5 2 32 32 player/base/draconian_m
hero player 658 1814 22 30 5 2 32 32 player/base/draconian_black_f
hero player 680 1814 22 30 5 2 32 32 player/base/draconian_black_m
hero player 702 1814 22 30 5 2 32 32 player/base/draconian_gold_f
hero player 724 1814 22 30 5 2 32 32 player/base/draconian_gold_m
hero player 746 1814 22 30 5 2 32 32 player/base/draconian_gray_f
hero player 768 1814 22 30 5 2 32 32 player/base/draconian_gray_m
hero player 790 1814 22 30 5 2 32 32 player/base/draconian_green_f
hero player 812 1814 22 30 5 2 32 32 player/base/draconian_green_m
hero player 834 1814 22 30 5 2 32 32 player/base/draconian_pale_f
hero player 856 1814 22 30 5 2 32 32 player/base/draconian_pale_m
hero player 878 1814 22 30 5 2 32 32 player/base/draconian_purple_f
hero player 900 1814 22 30 5 2 32 32 player/base/draconian_purple_m
hero player 922 1814 22 30 5 2 32 32 player/base/draconian_red_f
hero player 944 1814 22 30 5 2 32 32 player/base/draconian_red_m
hero player 966 1814 22 30 5 2 32 32 player/base/draconian_white_f
hero player 988 1814 22 30 5 2 32 32 player/base/draconian_white_m
hero player 0 1846 26 30 5 2 32 32 player/base/palentonga_red_f
hero player 26 1846 26 30 5 2 32 32 player/base/palentonga_red_m
hero player 52 1846 26 30 5 2 32 32 player/base/palentonga_f
hero player 78 1846 26 30 5 2 32 32 player/base/palentonga_m
hero player 104 1846 26 30 5 2 32 32 player/base/palentonga_green_f
hero player 130 1846 26 30 5 2 32 32 player/base/palentonga_green_m
hero player 178 1846 22 30 5 2 32 32 player/base/demigod_m
hero player 200 1846 22 31 5 1 32 32 player/base/spriggan_m
hero player 222 1846 22 31 5 1 32 32 player/base/spriggan_f
hero player 244 1846 22 30 5 2 32 32 player/base/minotaur_m
hero player 266 1846 22 30 5 2 32 32 player/base/minotaur_f
hero player 288 1846 22 30 5 2 32 32 player/base/minotaur_brown1_m
hero player 310 1846 22 30 5 2 32 32 player/base/minotaur_brown2_m
hero player 332 1846 22 30 5 2 32 32 player/base/demonspawn_pink
hero player 354 1846 23 31 5 1 32 32 player/base/demonspawn_red_f
hero player 377 1846 23 31 5 1 32 32 player/base/demonspawn_red_m
hero player 400 1846 23 31 5 1 32 32 player/base/demonspawn_black_f
hero player 423 1846 23 31 5 1 32 32 player/base/demonspawn_black_m
hero player 446 1846 22 30 5 2 32 32 player/base/ghoul_m
hero player 468 1846 22 30 5 2 32 32 player/base/ghoul2_m
hero player 490 1846 22 30 5 2 32 32 player/base/ghoul2_f
hero player 512 1846 22 30 5 2 32 32 player/base/tengu_wingless_f
hero player 534 1846 22 30 5 2 32 32 player/base/tengu_wingless_m
hero player 556 1846 22 30 5 2 32 32 player/base/tengu_winged_f
hero player 578 1846 22 30 5 2 32 32 player/base/tengu_winged_m
hero player 600 1846 22 30 5 2 32 32 player/base/tengu_wingless_brown_f
hero player 622 1846 22 30 5 2 32 32 player/base/tengu_wingless_brown_m
hero player 644 1846 22 30 5 2 32 32 player/base/merfolk_f
hero player 666 1846 22 30 5 2 32 32 player/base/merfolk_m
hero player 688 1846 25 30 2 2 32 32 player/base/merfolk_water_f
hero player 713 1846 25 30 2 2 32 32 player/base/merfolk_water_m
hero player 738 1846 22 30 5 2 32 32 player/base/vampire_f
hero player 760 1846 22 30 5 2 32 32 player/base/vampire_m
hero player 782 1846 22 30 5 2 32 32 player/base/deep_dwarf_m
hero player 804 1846 22 30 5 2 32 32 player/base/deep_dwarf_f
hero player 826 1846 28 31 2 1 32 32 player/base/gargoyle_m
hero player 854 1846 28 31 2 1 32 32 player/base/gargoyle_f
hero player 882 1846 28 31 2 1 32 32 player/base/gargoyle_red_m
hero player 910 1846 28 31 2 1 32 32 player/base/gargoyle_red_f
hero player 938 1846 28 31 2 1 32 32 player/base/gargoyle_brown_m
hero player 966 1846 28 31 2 1 32 32 player/base/gargoyle_brown_f
hero player 994 1846 30 22 1 7 32 32 player/felids/cat1
hero player 0 1877 27 28 5 3 32 32 player/felids/cat2
hero player 27 1877 26 26 6 5 32 32 player/felids/cat3
hero player 53 1877 31 29 1 2 32 32 player/felids/cat4
hero player 84 1877 28 26 3 5 32 32 player/felids/cat5
hero player 112 1877 30 26 1 5 32 32 player/felids/cat6
hero player 142 1877 29 21 3 10 32 32 player/felids/cat7
hero player 171 1877 27 16 3 15 32 32 player/felids/cat8
hero player 198 1877 29 29 3 2 32 32 player/felids/cat9
hero player 227 1877 31 20 1 11 32 32 player/felids/cat10
hero gui 164 599 26 30 5 2 32 32 player/base/palentonga_red_f
hero gui 190 599 22 30 5 2 32 32 player/base/deep_dwarf_m
hero gui 212 599 22 30 5 2 32 32 player/base/deep_elf_f
hero gui 234 599 22 30 5 2 32 32 player/base/demigod_f
hero gui 256 599 22 30 5 2 32 32 player/base/demonspawn_pink
hero gui 278 599 22 32 5 0 32 32 player/base/draconian_f
hero gui 300 599 22 32 5 0 32 32 player/base/formicid
hero gui 322 599 22 30 5 2 32 32 player/base/frog_m
hero gui 344 599 28 31 2 1 32 32 player/base/gargoyle_m
hero gui 372 599 22 30 5 2 32 32 player/base/ghoul_m
hero gui 394 599 22 32 5 0 32 32 player/base/gnoll_m
hero gui 438 599 22 30 5 2 32 32 player/base/kobold_m
hero gui 460 599 25 30 2 2 32 32 player/base/merfolk_water_f
hero gui 485 599 22 30 5 2 32 32 player/base/minotaur_m
hero gui 529 599 27 30 3 2 32 32 player/base/naga_f
hero gui 588 599 22 30 5 2 32 32 player/base/ogre_m
hero gui 610 599 22 30 5 2 32 32 player/base/orc_f
hero gui 632 599 22 31 5 1 32 32 player/base/spriggan_m
hero gui 654 599 22 30 5 2 32 32 player/base/tengu_winged_f
hero gui 676 599 28 30 2 2 32 32 player/base/troll_f
hero gui 704 599 22 30 5 2 32 32 player/base/vampire_f
hero gui 726 599 24 30 4 2 32 32 player/base/vine_stalker_f
hero gui 750 599 22 30 5 2 32 32 player/base/djinni_f
item main 0 0 31 32 1 0 32 32 item/amulet/artefact/urand_air
item main 31 0 32 32 0 0 32 32 item/amulet/artefact/urand_cekugob
item main 63 0 32 32 0 0 32 32 item/amulet/artefact/urand_four_winds
item main 95 0 32 32 0 0 32 32 item/amulet/artefact/urand_bloodlust
item main 127 0 32 31 0 0 32 32 item/amulet/artefact/urand_brooch_of_shielding
item main 159 0 32 32 0 0 32 32 item/amulet/artefact/urand_vitality
item main 191 0 32 32 0 0 32 32 item/amulet/artefact/urand_finger
item main 255 0 31 32 1 0 32 32 item/amulet/artefact/urand_dreamshard
item main 286 0 25 26 2 2 32 32 item/armour/artefact/urand_faerie
item main 311 0 26 29 5 2 32 32 item/armour/artefact/urand_ignorance
item main 337 0 27 31 5 1 32 32 item/armour/artefact/urand_augmentation
item main 364 0 25 30 7 1 32 32 item/armour/artefact/urand_thief
item main 389 0 29 25 3 5 32 32 item/armour/artefact/urand_bullseye
item main 418 0 30 20 1 8 32 32 item/armour/artefact/urand_dyrovepreva
item main 448 0 23 13 5 11 32 32 item/armour/artefact/urand_bear
item main 471 0 28 32 4 0 32 32 item/armour/artefact/urand_misfortune
item main 499 0 26 31 6 1 32 32 item/armour/artefact/urand_flash
item main 525 0 28 32 4 0 32 32 item/armour/artefact/urand_hood_assassin
item main 553 0 25 28 7 3 32 32 item/armour/artefact/urand_lear
item main 578 0 24 24 6 5 32 32 item/armour/artefact/urand_zhor
item main 602 0 26 26 5 4 32 32 item/armour/artefact/urand_salamander
item main 628 0 30 30 1 1 32 32 item/armour/artefact/urand_war
item main 658 0 25 26 5 4 32 32 item/armour/artefact/urand_resistance
item main 683 0 26 31 6 1 32 32 item/armour/artefact/urand_folly
item main 709 0 27 29 5 2 32 32 item/armour/artefact/urand_maxwell
item main 736 0 28 30 4 0 32 32 item/armour/artefact/urand_dragonmask
item main 764 0 29 30 2 1 32 32 item/armour/artefact/urand_night
item main 793 0 24 28 7 2 32 32 item/armour/artefact/urand_dragon_king
item main 817 0 27 27 5 3 32 32 item/armour/artefact/urand_alchemist
item main 844 0 29 23 2 5 32 32 item/armour/artefact/urand_fencer
item main 873 0 30 25 1 5 32 32 item/armour/artefact/urand_starlight
item main 903 0 27 22 3 7 32 32 item/armour/artefact/urand_ratskin_cloak
item main 930 0 30 27 2 2 32 32 item/armour/artefact/urand_gong
item main 960 0 26 29 4 1 32 32 item/armour/artefact/urand_clouds
item main 986 0 28 20 2 8 32 32 item/armour/artefact/urand_pondering
item main 0 32 19 19 7 9 32 32 item/armour/artefact/urand_lightning_scales
item main 19 32 29 24 3 5 32 32 item/armour/artefact/urand_bk_barding
item main 48 32 30 25 1 5 32 32 item/armour/artefact/urand_dragonskin
item main 78 32 30 30 1 2 32 32 item/armour/artefact/urand_moon_troll_leather_armour
item main 108 32 30 31 1 1 32 32 item/armour/artefact/urand_spider
item main 138 32 31 23 1 5 32 32 item/armour/artefact/urand_high_council
item main 169 32 26 26 5 4 32 32 item/armour/artefact/urand_orange_crystal
item main 195 32 28 32 3 0 32 32 item/armour/artefact/urand_etheric_cage
item main 223 32 30 26 1 2 32 32 item/armour/artefact/urand_eternal_torment
item main 253 32 25 30 4 1 32 32 item/armour/artefact/urand_vines
item main 278 32 27 27 3 4 32 32 item/armour/artefact/urand_kryias
item main 305 32 27 29 4 1 32 32 item/armour/artefact/urand_talos
item main 332 32 23 19 4 8 32 32 item/armour/artefact/urand_warlock
item main 355 32 22 24 5 6 32 32 item/armour/artefact/urand_cigotuvi
item main 377 32 32 32 0 0 32 32 item/armour/artefact/urand_seven_league_boots
item main 409 32 31 32 1 0 32 32 item/armour/artefact/urand_power_gloves
item main 440 32 29 23 2 5 32 32 item/armour/artefact/urand_delatra
item main 469 32 20 19 6 6 32 32 item/ring/artefact/urand_shadows
item main 489 32 18 17 7 8 32 32 item/ring/artefact/urand_hare
item main 507 32 20 19 6 7 32 32 item/ring/artefact/urand_tortoise
item main 527 32 31 30 1 1 32 32 item/ring/artefact/urand_mage
item main 558 32 18 21 7 4 32 32 item/ring/artefact/urand_octoring
item main 576 32 32 30 0 1 32 32 item/weapon/artefact/spwpn_singing_sword
item main 608 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_wrath_of_trog
item main 640 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_mace_of_variability
item main 672 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_glaive_of_prune
item main 704 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_sword_of_power
item main 736 32 31 30 1 1 32 32 item/weapon/artefact/spwpn_staff_of_olgreb
item main 767 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_wucad_mu
item main 799 32 31 28 1 4 32 32 item/weapon/artefact/spwpn_vampires_tooth
item main 830 32 32 31 0 1 32 32 item/weapon/artefact/spwpn_scythe_of_curses
item main 862 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_sceptre_of_torment
item main 894 32 31 32 1 0 32 32 item/weapon/artefact/spwpn_sword_of_zonguldrok
item main 925 32 32 32 0 0 32 32 item/weapon/artefact/spwpn_sword_of_cerebov
item main 957 32 32 31 0 1 32 32 item/weapon/artefact/spwpn_staff_of_dispater
item main 989 32 30 29 1 2 32 32 item/weapon/artefact/spwpn_sceptre_of_asmodeus
item main 0 64 30 29 1 2 32 32 item/weapon/artefact/urand_bloodbane
item main 30 64 30 32 1 0 32 32 item/weapon/artefact/urand_flaming_death
item main 60 64 27 26 3 3 32 32 item/weapon/artefact/urand_brilliance
item main 87 64 30 29 1 2 32 32 item/weapon/artefact/urand_leech
item main 117 64 20 20 6 6 32 32 item/weapon/artefact/urand_chilly_death
item main 137 64 30 30 2 2 32 32 item/weapon/artefact/urand_morg
item main 167 64 32 30 0 2 32 32 item/weapon/artefact/urand_finisher
item main 199 64 31 29 1 2 32 32 item/weapon/artefact/urand_punk
item main 230 64 32 32 0 0 32 32 item/weapon/artefact/urand_zephyr
item main 262 64 28 26 3 4 32 32 item/weapon/artefact/urand_skullcrusher
item main 290 64 32 32 0 0 32 32 item/weapon/artefact/urand_guard
item main 322 64 32 32 0 0 32 32 item/weapon/artefact/unrand_zealot_sword
item main 354 64 30 31 2 1 32 32 item/weapon/artefact/urand_damnation
item main 384 64 32 32 0 0 32 32 item/weapon/artefact/urand_doom_knight
item main 416 64 29 29 1 2 32 32 item/weapon/artefact/urand_eos
item main 445 64 31 29 1 1 32 32 item/weapon/artefact/urand_botono
item main 476 64 30 30 1 1 32 32 item/weapon/artefact/urand_octopus_king
item main 506 64 32 29 0 1 32 32 item/weapon/artefact/urand_arga
item main 538 64 31 31 1 1 32 32 item/weapon/artefact/urand_elemental
item main 569 64 31 30 0 2 32 32 item/weapon/artefact/urand_sniper
item main 600 64 32 32 0 0 32 32 item/weapon/artefact/urand_piercer
item main 632 64 32 32 0 0 32 32 item/weapon/artefact/urand_wyrmbane
item main 664 64 17 18 7 7 32 32 item/weapon/artefact/urand_spriggans_knife
item main 681 64 31 31 1 0 32 32 item/weapon/artefact/urand_plutonium
item main 712 64 32 31 0 1 32 32 item/weapon/artefact/urand_undeadhunter
item main 744 64 32 29 0 1 32 32 item/weapon/artefact/urand_snakebite
item main 776 64 32 32 0 0 32 32 item/weapon/artefact/urand_crystal_spear
item main 808 64 27 31 2 1 32 32 item/weapon/artefact/urand_cutlass
item main 835 64 25 31 6 0 32 32 item/weapon/artefact/urand_storm_bow
item main 860 64 32 30 0 1 32 32 item/weapon/artefact/spwpn_demon_axe
item main 892 64 32 32 0 0 32 32 item/weapon/artefact/urand_katana
item main 924 64 24 28 5 3 32 32 item/weapon/artefact/urand_shillelagh
item main 948 64 32 32 0 0 32 32 item/weapon/artefact/urand_axe_of_woe
item main 980 64 32 32 0 0 32 32 item/weapon/artefact/urand_dark_maul
item main 0 96 24 25 4 3 32 32 item/weapon/artefact/urand_arc_blade
item main 24 96 30 30 0 0 30 30 item/weapon/artefact/urand_spellbinder
item main 54 96 32 32 0 0 32 32 item/weapon/artefact/urand_order
item main 86 96 32 32 0 0 32 32 item/weapon/artefact/urand_firestarter
item main 118 96 32 32 0 0 32 32 item/weapon/artefact/spwpn_majin
item main 150 96 31 31 1 1 32 32 item/weapon/artefact/urand_gyre
item main 181 96 32 32 0 0 32 32 item/weapon/artefact/urand_frostbite
item main 213 96 31 30 1 0 32 32 item/weapon/artefact/urand_thermic_engine
item main 244 96 32 32 0 0 32 32 item/weapon/artefact/urand_rift
item main 276 96 30 30 1 1 32 32 item/weapon/artefact/urand_staff_of_battle
item main 306 96 31 23 0 4 32 32 item/weapon/artefact/urand_woodcutters_axe
item main 337 96 31 32 1 0 32 32 item/weapon/artefact/urand_throatcutter
item main 368 96 32 32 0 0 32 32 item/weapon/artefact/urand_meek
item main 400 96 30 19 1 6 32 32 item/weapon/artefact/urand_blowgun
item main 430 96 29 27 2 4 32 32 item/weapon/artefact/urand_knife_of_accuracy
item main 459 96 32 32 0 0 32 32 item/weapon/artefact/urand_wyrmbane1
item main 491 96 32 32 0 0 32 32 item/weapon/artefact/urand_wyrmbane2
item main 523 96 32 32 0 0 32 32 item/weapon/artefact/urand_wyrmbane3
item main 555 96 32 32 0 0 32 32 item/weapon/artefact/urand_wyrmbane4
item main 587 96 23 23 4 5 32 32 item/weapon/club
item main 610 96 26 26 4 2 32 32 item/weapon/club2
item main 636 96 24 25 4 4 32 32 item/weapon/mace1
item main 660 96 25 25 3 4 32 32 item/weapon/mace2
item main 685 96 28 27 2 2 32 32 item/weapon/mace3
item main 713 96 32 32 0 0 32 32 item/weapon/mace_large1
item main 745 96 32 32 0 0 32 32 item/weapon/mace_large2
item main 777 96 32 32 0 0 32 32 item/weapon/mace_large3
item main 809 96 30 28 1 3 32 32 item/weapon/flail1
item main 839 96 31 26 1 3 32 32 item/weapon/flail2
item main 870 96 30 29 1 2 32 32 item/weapon/flail3
item main 900 96 31 29 0 1 32 32 item/weapon/dire_flail1
item main 931 96 31 29 0 2 32 32 item/weapon/dire_flail2
item main 962 96 32 31 0 1 32 32 item/weapon/dire_flail3
item main 994 96 30 28 2 2 32 32 item/weapon/morningstar1
item main 0 128 30 28 2 2 32 32 item/weapon/morningstar2
item main 30 128 30 30 1 1 32 32 item/weapon/morningstar3
item main 60 128 31 32 1 0 32 32 item/weapon/eveningstar1
item main 91 128 31 32 1 0 32 32 item/weapon/eveningstar2
item main 122 128 32 32 0 0 32 32 item/weapon/eveningstar3
item main 154 128 31 30 1 2 32 32 item/weapon/bullwhip
item main 185 128 31 31 1 1 32 32 item/weapon/bullwhip2
item main 216 128 32 32 0 0 32 32 item/weapon/bullwhip3
item main 248 128 30 30 1 1 32 32 item/weapon/giant_club
item main 278 128 30 29 1 2 32 32 item/weapon/giant_club2
item main 308 128 32 32 0 0 32 32 item/weapon/giant_club3
item main 340 128 31 31 1 0 32 32 item/weapon/giant_spiked_club
item main 371 128 31 31 1 0 32 32 item/weapon/giant_spiked_club2
item main 402 128 31 30 1 1 32 32 item/weapon/giant_spiked_club3
item main 433 128 30 31 0 1 32 32 item/weapon/demon_whip
item main 463 128 32 32 0 0 32 32 item/weapon/demon_whip2
item main 495 128 32 32 0 0 32 32 item/weapon/demon_whip3
item main 527 128 32 31 0 1 32 32 item/weapon/sacred_scourge
item main 559 128 17 17 7 8 32 32 item/weapon/dagger
item main 576 128 17 17 7 8 32 32 item/weapon/dagger2
item main 593 128 21 20 5 8 32 32 item/weapon/dagger3
item main 614 128 23 23 5 5 32 32 item/weapon/short_sword1
item main 637 128 23 22 5 5 32 32 item/weapon/short_sword2
item main 660 128 25 24 4 4 32 32 item/weapon/short_sword3
item main 685 128 24 23 5 4 32 32 item/weapon/rapier1
item main 709 128 25 24 4 4 32 32 item/weapon/rapier2
item main 734 128 30 30 1 1 32 32 item/weapon/rapier3
item main 764 128 19 24 7 3 32 32 item/weapon/quickblade1
item main 783 128 19 24 7 3 32 32 item/weapon/quickblade2
item main 802 128 20 27 7 3 32 32 item/weapon/quickblade3
item main 822 128 25 28 3 2 32 32 item/weapon/falchion1
item main 847 128 25 28 3 2 32 32 item/weapon/falchion2
item main 872 128 26 31 2 1 32 32 item/weapon/falchion3
item main 898 128 25 32 4 0 32 32 item/weapon/scimitar1
item main 923 128 24 32 4 0 32 32 item/weapon/scimitar2
item main 947 128 26 32 2 0 32 32 item/weapon/scimitar3
item main 973 128 28 28 2 2 32 32 item/weapon/long_sword1
item main 0 160 29 29 1 2 32 32 item/weapon/long_sword2
item main 29 160 32 32 0 0 32 32 item/weapon/long_sword3
item main 61 160 32 32 0 0 32 32 item/weapon/greatsword1
item main 93 160 32 32 0 0 32 32 item/weapon/greatsword2
item main 125 160 32 32 0 0 32 32 item/weapon/greatsword3
item main 157 160 31 30 1 1 32 32 item/weapon/double_sword
item main 188 160 31 30 1 1 32 32 item/weapon/double_sword2
item main 219 160 30 30 2 1 32 32 item/weapon/double_sword3
item main 249 160 32 32 0 0 32 32 item/weapon/triple_sword
item main 281 160 32 32 0 0 32 32 item/weapon/triple_sword2
item main 313 160 32 32 0 0 32 32 item/weapon/triple_sword3
item main 345 160 31 30 0 2 32 32 item/weapon/demon_blade
item main 376 160 32 32 0 0 32 32 item/weapon/demon_blade2
item main 408 160 32 32 0 0 32 32 item/weapon/demon_blade3
item main 440 160 32 31 0 0 32 32 item/weapon/blessed_blade
item main 472 160 24 20 4 7 32 32 item/weapon/hand_axe1
item main 496 160 25 20 4 7 32 32 item/weapon/hand_axe2
item main 521 160 30 28 1 2 32 32 item/weapon/hand_axe3
item main 551 160 29 25 2 3 32 32 item/weapon/war_axe1
item main 580 160 32 26 0 3 32 32 item/weapon/war_axe2
item main 612 160 29 32 2 0 32 32 item/weapon/war_axe3
item main 641 160 32 28 0 2 32 32 item/weapon/broad_axe1
item main 673 160 32 28 0 2 32 32 item/weapon/broad_axe2
item main 705 160 32 29 0 3 32 32 item/weapon/broad_axe3
item main 737 160 32 32 0 0 32 32 item/weapon/battle_axe1
item main 769 160 32 32 0 0 32 32 item/weapon/battle_axe2
item main 801 160 32 32 0 0 32 32 item/weapon/battle_axe3
item main 833 160 32 32 0 0 32 32 item/weapon/executioner_axe1
item main 865 160 32 32 0 0 32 32 item/weapon/executioner_axe2
item main 897 160 32 32 0 0 32 32 item/weapon/executioner_axe3
item main 929 160 31 31 0 1 32 32 item/weapon/spear1
item main 960 160 32 32 0 0 32 32 item/weapon/spear2
item main 992 160 32 32 0 0 32 32 item/weapon/spear3
item main 0 192 32 31 0 1 32 32 item/weapon/trident1
item main 32 192 32 31 0 1 32 32 item/weapon/trident2
item main 64 192 32 32 0 0 32 32 item/weapon/trident3
item main 96 192 32 31 0 1 32 32 item/weapon/halberd1
item main 128 192 32 31 0 1 32 32 item/weapon/halberd2
item main 160 192 32 31 0 1 32 32 item/weapon/halberd3
item main 192 192 26 32 5 0 32 32 item/weapon/scythe1
item main 218 192 26 32 4 0 32 32 item/weapon/scythe2
item main 244 192 30 32 2 0 32 32 item/weapon/scythe3
item main 274 192 32 32 0 0 32 32 item/weapon/glaive1
item main 306 192 32 32 0 0 32 32 item/weapon/glaive2
item main 338 192 32 32 0 0 32 32 item/weapon/glaive3
item main 370 192 32 28 0 2 32 32 item/weapon/bardiche1
item main 402 192 32 29 0 1 32 32 item/weapon/bardiche2
item main 434 192 32 30 0 0 32 32 item/weapon/bardiche3
item main 466 192 32 31 0 1 32 32 item/weapon/demon_trident
item main 498 192 32 32 0 0 32 32 item/weapon/demon_trident2
item main 530 192 32 32 0 0 32 32 item/weapon/demon_trident3
item main 562 192 32 32 0 0 32 32 item/weapon/trishula
item main 594 192 27 23 4 5 32 32 item/weapon/staff
item main 621 192 32 31 0 1 32 32 item/weapon/quarterstaff
item main 653 192 32 32 0 0 32 32 item/weapon/quarterstaff2
item main 685 192 32 32 0 0 32 32 item/weapon/quarterstaff3
item main 717 192 32 32 0 0 32 32 item/weapon/lajatang1
item main 749 192 32 32 0 0 32 32 item/weapon/lajatang2
item main 781 192 32 32 0 0 32 32 item/weapon/lajatang3
item main 813 192 32 32 0 0 32 32 item/weapon/staff_mummy
item main 845 192 30 19 1 6 32 32 item/weapon/ranged/blowgun1
item main 875 192 30 19 1 6 32 32 item/weapon/ranged/blowgun2
item main 905 192 32 29 0 2 32 32 item/weapon/ranged/sling1
item main 937 192 32 28 0 2 32 32 item/weapon/ranged/sling2
item main 969 192 32 28 0 2 32 32 item/weapon/ranged/sling3
item main 0 224 27 23 4 4 32 32 item/weapon/ranged/fustibalus1
item main 27 224 28 25 2 5 32 32 item/weapon/ranged/fustibalus2
item main 55 224 30 28 1 3 32 32 item/weapon/ranged/fustibalus3
item main 85 224 17 32 11 0 32 32 item/weapon/ranged/shortbow1
item main 102 224 18 32 12 0 32 32 item/weapon/ranged/shortbow2
item main 120 224 19 32 9 0 32 32 item/weapon/ranged/shortbow3
item main 139 224 32 32 0 0 32 32 item/weapon/ranged/longbow1
item main 171 224 32 32 0 0 32 32 item/weapon/ranged/longbow2
item main 203 224 32 32 0 0 32 32 item/weapon/ranged/longbow3
item main 235 224 23 22 5 6 32 32 item/weapon/ranged/hand_crossbow
item main 258 224 24 23 5 5 32 32 item/weapon/ranged/hand_crossbow2
item main 282 224 24 23 5 5 32 32 item/weapon/ranged/hand_crossbow3
item main 306 224 30 28 2 3 32 32 item/weapon/ranged/arbalest1
item main 336 224 30 28 2 3 32 32 item/weapon/ranged/arbalest2
item main 366 224 30 28 2 3 32 32 item/weapon/ranged/arbalest3
item main 396 224 32 28 0 0 32 28 item/weapon/ranged/triple_crossbow
item main 428 224 32 28 0 4 32 32 item/weapon/ranged/triple_crossbow2
item main 720 224 15 12 11 9 32 32 item/weapon/ranged/stone
item main 735 224 15 11 11 10 32 32 item/weapon/ranged/sling_bullet1
item main 735 235 15 11 11 10 32 32 item/weapon/ranged/sling_bullet2
item main 750 224 15 11 11 10 32 32 item/weapon/ranged/steel_sling_bullet1
item main 750 235 15 11 11 10 32 32 item/weapon/ranged/steel_sling_bullet2
item main 765 224 15 11 11 10 32 32 item/weapon/ranged/silver_sling_bullet1
item main 765 235 15 11 11 10 32 32 item/weapon/ranged/silver_sling_bullet2
item main 813 224 27 16 3 9 32 32 item/weapon/ranged/arrow1
item main 840 224 27 16 3 9 32 32 item/weapon/ranged/arrow2
item main 867 224 27 16 3 9 32 32 item/weapon/ranged/steel_arrow1
item main 894 224 27 16 3 9 32 32 item/weapon/ranged/steel_arrow2
item main 921 224 27 16 3 9 32 32 item/weapon/ranged/silver_arrow1
item main 948 224 27 16 3 9 32 32 item/weapon/ranged/silver_arrow2
item main 60 256 26 14 3 9 32 32 item/weapon/ranged/crossbow_bolt1
item main 86 256 26 14 3 9 32 32 item/weapon/ranged/crossbow_bolt2
item main 112 256 26 14 3 9 32 32 item/weapon/ranged/steel_crossbow_bolt1
item main 138 256 26 14 3 9 32 32 item/weapon/ranged/steel_crossbow_bolt2
item main 164 256 26 14 3 9 32 32 item/weapon/ranged/silver_crossbow_bolt1
item main 190 256 26 14 3 9 32 32 item/weapon/ranged/silver_crossbow_bolt2
item main 348 256 26 17 4 9 32 32 item/weapon/ranged/boomerang1
item main 374 256 26 17 4 9 32 32 item/weapon/ranged/boomerang2
item main 400 256 26 17 4 9 32 32 item/weapon/ranged/silver_boomerang
item main 512 256 26 14 3 10 32 32 item/weapon/ranged/dart1
item main 538 256 26 14 3 10 32 32 item/weapon/ranged/dart2
item main 564 256 26 14 3 10 32 32 item/weapon/ranged/dart-a
item main 590 256 26 14 3 10 32 32 item/weapon/ranged/dart-c
item main 616 256 26 14 3 10 32 32 item/weapon/ranged/dart-d
item main 642 256 26 14 3 10 32 32 item/weapon/ranged/dart-p
item main 734 256 32 17 0 8 32 32 item/weapon/ranged/javelin1
item main 766 256 32 17 0 8 32 32 item/weapon/ranged/javelin2
item main 798 256 32 17 0 8 32 32 item/weapon/ranged/steel_javelin1
item main 830 256 32 17 0 8 32 32 item/weapon/ranged/steel_javelin2
item main 862 256 32 17 0 8 32 32 item/weapon/ranged/silver_javelin1
item main 894 256 32 17 0 8 32 32 item/weapon/ranged/silver_javelin2
item main 26 288 32 24 0 7 32 32 item/weapon/ranged/throwing_net
item main 248 288 23 19 7 6 32 32 item/weapon/ranged/rock
item main 290 288 30 29 2 1 32 32 item/armour/robe1
item main 320 288 30 29 2 1 32 32 item/armour/robe2
item main 350 288 30 29 2 1 32 32 item/armour/robe_ego1
item main 380 288 30 29 2 1 32 32 item/armour/robe_ego2
item main 410 288 30 30 2 1 32 32 item/armour/robe_art1
item main 440 288 30 29 2 1 32 32 item/armour/robe_art2
item main 470 288 26 29 6 1 32 32 item/armour/leather_armour1
item main 496 288 28 28 3 3 32 32 item/armour/leather_armour2
item main 524 288 29 31 2 1 32 32 item/armour/leather_armour3
item main 553 288 24 26 4 4 32 32 item/armour/ring_mail1
item main 577 288 24 26 4 3 32 32 item/armour/ring_mail2
item main 601 288 25 26 3 4 32 32 item/armour/ring_mail3
item main 626 288 27 27 3 4 32 32 item/armour/scale_mail1
item main 653 288 27 27 2 2 32 32 item/armour/scale_mail2
item main 680 288 27 27 3 4 32 32 item/armour/scale_mail3
item main 707 288 30 27 2 3 32 32 item/armour/chain_mail1
item main 737 288 30 27 2 3 32 32 item/armour/chain_mail2
item main 767 288 30 27 2 3 32 32 item/armour/chain_mail3
item main 797 288 26 29 5 1 32 32 item/armour/plate1
item main 823 288 26 29 5 1 32 32 item/armour/plate2
item main 876 288 26 26 5 4 32 32 item/armour/crystal_plate
item main 902 288 26 26 5 4 32 32 item/armour/crystal_plate2
item main 928 288 26 26 5 4 32 32 item/armour/crystal_plate3
item main 954 288 28 28 3 2 32 32 item/armour/animal_skin1
item main 982 288 28 28 4 2 32 32 item/armour/animal_skin2
item main 0 319 28 27 4 2 32 32 item/armour/animal_skin3
item main 28 319 30 30 1 2 32 32 item/armour/troll_leather_armour
item main 58 319 30 29 2 3 32 32 item/armour/fire_dragon_armour
item main 88 319 30 29 2 3 32 32 item/armour/ice_dragon_armour
item main 118 319 27 19 2 6 32 32 item/armour/steam_dragon_armour
item main 145 319 26 19 2 6 32 32 item/armour/acid_dragon_armour
item main 171 319 28 22 3 5 32 32 item/armour/quicksilver_dragon_armour
item main 199 319 30 29 2 3 32 32 item/armour/storm_dragon_armour
item main 229 319 30 29 2 3 32 32 item/armour/shadow_dragon_armour
item main 259 319 31 30 1 2 32 32 item/armour/gold_dragon_armour
item main 290 319 30 29 2 3 32 32 item/armour/swamp_dragon_armour
item main 320 319 30 29 2 3 32 32 item/armour/pearl_dragon_armour
item main 350 319 30 30 1 2 32 32 item/armour/deep_troll_leather
item main 380 319 30 30 1 2 32 32 item/armour/iron_troll_leather
item main 410 319 30 25 1 5 32 32 item/armour/cloak1_leather
item main 440 319 30 25 1 5 32 32 item/armour/cloak2
item main 470 319 30 25 1 5 32 32 item/armour/cloak3
item main 500 319 30 25 1 5 32 32 item/armour/cloak4
item main 530 319 30 30 1 1 32 32 item/armour/scarf1
item main 560 319 30 30 1 1 32 32 item/armour/scarf2_1
item main 590 319 30 30 1 1 32 32 item/armour/scarf2_2
item main 620 319 30 30 1 1 32 32 item/armour/scarf2_3
item main 650 319 30 30 1 1 32 32 item/armour/scarf3
item main 680 319 16 19 10 9 32 32 item/armour/bardings/naga_barding_blue
item main 696 319 20 19 8 9 32 32 item/armour/bardings/naga_barding_metal
item main 716 319 16 19 10 9 32 32 item/armour/bardings/naga_barding_magenta
item main 732 319 16 19 10 9 32 32 item/armour/bardings/naga_barding_red
item main 748 319 30 25 2 4 32 32 item/armour/bardings/centaur_barding_blue
item main 778 319 30 25 2 4 32 32 item/armour/bardings/centaur_barding_metal
item main 808 319 30 25 2 4 32 32 item/armour/bardings/centaur_barding_magenta
item main 838 319 30 25 2 4 32 32 item/armour/bardings/centaur_barding_red
item main 868 319 30 27 2 0 32 32 item/armour/shields/orb
item main 898 319 23 19 6 7 32 32 item/armour/shields/buckler1
item main 921 319 22 19 7 7 32 32 item/armour/shields/buckler2
item main 943 319 22 19 7 7 32 32 item/armour/shields/buckler3
item main 965 319 23 25 6 3 32 32 item/armour/shields/buckler_spriggan
item main 988 319 26 24 6 5 32 32 item/armour/shields/kite_shield1
item main 0 349 26 26 6 4 32 32 item/armour/shields/kite_shield2
item main 26 349 27 28 5 2 32 32 item/armour/shields/kite_shield3
item main 53 349 26 29 5 2 32 32 item/armour/shields/tower_shield1
item main 79 349 27 29 5 2 32 32 item/armour/shields/tower_shield2
item main 106 349 28 30 4 1 32 32 item/armour/shields/tower_shield3
item main 134 349 26 20 6 7 32 32 item/armour/shields/kite_shield_dd
item main 160 349 26 24 6 6 32 32 item/armour/shields/kite_shield_dd_scion
item main 186 349 25 30 7 1 32 32 item/armour/shields/tower_shield_dd_dk
item main 211 349 26 26 5 4 32 32 item/armour/shields/kite_shield_donald
item main 237 349 26 28 6 3 32 32 item/armour/shields/tower_shield_louise
item main 263 349 29 19 0 6 32 32 item/armour/headgear/elven_leather_helm
item main 292 349 32 22 0 5 32 32 item/armour/headgear/cap_jester
item main 324 349 32 22 0 6 32 32 item/armour/headgear/hat_explorer
item main 356 349 32 22 0 6 32 32 item/armour/headgear/hat_explorer2
item main 388 349 29 21 2 5 32 32 item/armour/headgear/hat1
item main 417 349 31 28 1 1 32 32 item/armour/headgear/hat_archer
item main 448 349 31 26 0 5 32 32 item/armour/headgear/hat2
item main 479 349 31 28 1 1 32 32 item/armour/headgear/hat_archer2
item main 510 349 30 22 1 5 32 32 item/armour/headgear/hat3
item main 540 349 26 32 4 0 32 32 item/armour/headgear/wizard_hat
item main 566 349 22 23 6 7 32 32 item/armour/headgear/helmet1
item main 588 349 28 25 2 5 32 32 item/armour/headgear/helmet2
item main 616 349 27 25 3 5 32 32 item/armour/headgear/helmet3
item main 643 349 27 26 3 4 32 32 item/armour/headgear/helmet4
item main 670 349 26 25 4 5 32 32 item/armour/headgear/helmet5
item main 696 349 29 26 1 4 32 32 item/armour/headgear/helmet_ego1
item main 725 349 26 30 3 1 32 32 item/armour/headgear/helmet_ego2
item main 751 349 26 30 5 1 32 32 item/armour/headgear/helmet_ego3
item main 777 349 28 32 4 0 32 32 item/armour/headgear/helmet_ego4
item main 805 349 28 26 4 4 32 32 item/armour/headgear/helmet_art1
item main 833 349 29 31 3 1 32 32 item/armour/headgear/helmet_art2
item main 862 349 31 32 1 0 32 32 item/armour/headgear/helmet_art3
item main 893 349 31 29 0 1 32 32 item/armour/glove1
item main 924 349 31 29 0 2 32 32 item/armour/glove2
item main 955 349 31 31 0 1 32 32 item/armour/glove3
item main 986 349 31 30 0 1 32 32 item/armour/glove4
item main 0 381 30 30 1 1 32 32 item/armour/glove5
item main 30 381 31 25 1 7 32 32 item/armour/boots1
item main 61 381 32 30 0 2 32 32 item/armour/boots2
item main 93 381 30 32 2 0 32 32 item/armour/boots_ego1
item main 123 381 31 24 1 3 32 32 item/armour/boots_ego2
item main 154 381 32 29 0 3 32 32 item/armour/boots_art1
item main 186 381 32 32 0 0 32 32 item/armour/boots_art2
item main 484 381 28 28 2 2 32 32 item/wand/gem_iron
item main 512 381 30 30 2 0 32 32 item/wand/gem_brass
item main 542 381 27 27 3 2 32 32 item/wand/gem_bone
item main 569 381 27 27 3 2 32 32 item/wand/gem_wood
item main 596 381 28 28 2 2 32 32 item/wand/gem_copper
item main 624 381 27 27 3 2 32 32 item/wand/gem_gold
item main 651 381 27 27 3 2 32 32 item/wand/gem_silver
item main 678 381 28 28 2 2 32 32 item/wand/gem_bronze
item main 706 381 27 27 3 2 32 32 item/wand/gem_ivory
item main 733 381 27 27 3 2 32 32 item/wand/gem_glass
item main 760 381 27 27 3 2 32 32 item/wand/gem_lead
item main 787 381 27 27 3 2 32 32 item/wand/gem_plastic
item main 780 413 27 28 2 2 32 32 item/scroll/scroll
item main 807 413 30 30 2 2 32 32 item/scroll/scroll-yellow
item main 837 413 29 29 2 2 32 32 item/scroll/scroll-purple
item main 866 413 30 29 2 2 32 32 item/scroll/scroll-blue
item main 896 413 30 29 2 2 32 32 item/scroll/scroll-grey
item main 926 413 30 30 2 2 32 32 item/scroll/scroll-yellow
item main 956 413 30 30 2 2 32 32 item/scroll/scroll-brown
item main 986 413 30 30 2 2 32 32 item/scroll/scroll-green
item main 0 444 30 30 2 2 32 32 item/scroll/scroll-green
item main 30 444 28 29 2 2 32 32 item/scroll/scroll-red
item main 58 444 29 29 2 2 32 32 item/scroll/scroll-grey
item main 87 444 30 30 2 2 32 32 item/scroll/scroll-grey
item main 117 444 30 30 2 2 32 32 item/scroll/scroll-grey
item main 147 444 30 30 2 2 32 32 item/scroll/scroll-grey
item main 177 444 30 30 2 2 32 32 item/scroll/scroll-purple
item main 207 444 30 30 2 2 32 32 item/scroll/scroll-yellow
item main 237 444 30 30 2 2 32 32 item/scroll/scroll-blue
item main 267 444 30 30 2 2 32 32 item/scroll/scroll-cyan
item main 327 444 30 30 2 2 32 32 item/scroll/scroll-green
item main 357 444 30 30 2 2 32 32 item/scroll/scroll-green
item main 417 444 30 30 2 2 32 32 item/scroll/scroll-red
item main 447 444 30 30 2 2 32 32 item/scroll/scroll-red
item main 477 444 30 30 2 2 32 32 item/scroll/scroll-red
item main 507 444 30 30 2 2 32 32 item/scroll/scroll-yellow
item main 537 444 30 30 2 2 32 32 item/scroll/scroll-grey
item main 567 444 16 16 8 8 32 32 item/ring/wooden
item main 583 444 16 14 8 9 32 32 item/ring/silver
item main 583 458 16 14 8 9 32 32 item/ring/gold
item main 599 444 16 14 8 9 32 32 item/ring/iron
item main 599 458 16 15 8 8 32 32 item/ring/steel
item main 615 444 16 17 8 6 32 32 item/ring/tourmaline
item main 631 444 16 17 8 6 32 32 item/ring/brass
item main 647 444 16 15 8 8 32 32 item/ring/copper
item main 663 444 16 16 8 8 32 32 item/ring/granite
item main 679 444 16 15 8 8 32 32 item/ring/ivory
item main 695 444 16 19 8 4 32 32 item/ring/ruby
item main 711 444 16 16 8 8 32 32 item/ring/tiger_eye
item main 727 444 16 15 8 8 32 32 item/ring/jade
item main 743 444 16 15 8 8 32 32 item/ring/glass
item main 759 444 16 17 8 6 32 32 item/ring/agate
item main 775 444 16 16 8 7 32 32 item/ring/clay
item main 791 444 16 16 8 7 32 32 item/ring/diamond
item main 807 444 16 16 8 7 32 32 item/ring/emerald
item main 823 444 16 16 8 7 32 32 item/ring/gold_green
item main 839 444 16 16 8 7 32 32 item/ring/gold_red
item main 855 444 16 16 8 7 32 32 item/ring/opal
item main 871 444 16 17 8 6 32 32 item/ring/pearl
item main 887 444 18 16 7 7 32 32 item/ring/coral
item main 905 444 16 16 8 7 32 32 item/ring/gold_blue
item main 921 444 16 15 8 8 32 32 item/ring/plain_red
item main 937 444 16 16 8 8 32 32 item/ring/plain_yellow
item main 953 444 16 16 8 7 32 32 item/ring/plain_black
item main 969 444 16 16 8 8 32 32 item/ring/bronze
item main 985 444 16 18 8 5 32 32 item/ring/moonstone
item main 1001 444 16 17 8 6 32 32 item/ring/randarts/four-colour
item main 0 474 18 17 7 6 32 32 item/ring/randarts/green
item main 18 474 20 17 6 7 32 32 item/ring/randarts/ice
item main 38 474 20 25 6 0 32 32 item/ring/randarts/blood
item main 58 474 27 27 2 0 32 32 item/ring/randarts/dark
item main 85 474 16 15 8 9 32 32 item/ring/randarts/red-blue
item main 101 474 16 19 8 5 32 32 item/ring/randarts/double
item main 117 474 24 18 3 7 32 32 item/ring/randarts/anvil
item main 141 474 23 22 3 6 32 32 item/ring/randarts/eye
item main 164 474 21 17 5 7 32 32 item/ring/randarts/flower
item main 185 474 16 16 8 7 32 32 item/ring/randarts/zircon
item main 201 474 27 27 3 0 32 32 item/ring/randarts/fire
item main 228 474 16 16 8 8 32 32 item/ring/randarts/pink
item main 244 474 16 17 8 6 32 32 item/ring/randarts/bronze-flower
item main 260 474 16 23 8 3 32 32 item/ring/randarts/snake
item main 582 474 32 32 0 0 32 32 item/amulet/sapphire
item main 614 474 32 32 0 0 32 32 item/amulet/zirconium
item main 646 474 32 32 0 0 32 32 item/amulet/golden
item main 678 474 32 32 0 0 32 32 item/amulet/emerald
item main 710 474 32 32 0 0 32 32 item/amulet/garnet
item main 742 474 32 32 0 0 32 32 item/amulet/bronze
item main 774 474 32 32 0 0 32 32 item/amulet/brass
item main 806 474 32 32 0 0 32 32 item/amulet/copper
item main 838 474 32 32 0 0 32 32 item/amulet/ruby
item main 870 474 32 32 0 0 32 32 item/amulet/citrine
item main 902 474 32 32 0 0 32 32 item/amulet/bone
item main 934 474 32 32 0 0 32 32 item/amulet/platinum
item main 966 474 32 32 0 0 32 32 item/amulet/jade
item main 0 506 32 32 0 0 32 32 item/amulet/flourescent
item main 32 506 32 32 0 0 32 32 item/amulet/amethyst
item main 64 506 32 32 0 0 32 32 item/amulet/cameo
item main 96 506 32 32 0 0 32 32 item/amulet/pearl
item main 128 506 32 32 0 0 32 32 item/amulet/blue
item main 160 506 32 32 0 0 32 32 item/amulet/peridot
item main 192 506 32 32 0 0 32 32 item/amulet/jasper
item main 224 506 32 32 0 0 32 32 item/amulet/diamond
item main 256 506 32 32 0 0 32 32 item/amulet/malachite
item main 288 506 32 32 0 0 32 32 item/amulet/steel
item main 320 506 32 32 0 0 32 32 item/amulet/cabochon
item main 352 506 32 32 0 0 32 32 item/amulet/silver
item main 384 506 32 32 0 0 32 32 item/amulet/soapstone
item main 416 506 32 32 0 0 32 32 item/amulet/lapis_lazuli
item main 448 506 32 32 0 0 32 32 item/amulet/filigree
item main 480 506 32 32 0 0 32 32 item/amulet/beryl
item main 512 506 32 32 0 0 32 32 item/amulet/randarts/azure
item main 544 506 32 32 0 0 32 32 item/amulet/randarts/cluster
item main 576 506 32 32 0 0 32 32 item/amulet/randarts/drop
item main 608 506 32 32 0 0 32 32 item/amulet/randarts/knot
item main 640 506 32 32 0 0 32 32 item/amulet/randarts/scarab
item main 672 506 32 32 0 0 32 32 item/amulet/randarts/skull
item main 704 506 32 32 0 0 32 32 item/amulet/randarts/spider
item main 736 506 32 32 0 0 32 32 item/amulet/randarts/sun
item main 873 506 25 27 7 2 32 32 item/potion/unknown
item main 898 506 25 27 7 2 32 32 item/potion/brilliant_blue
item main 923 506 25 27 7 2 32 32 item/potion/black
item main 948 506 25 27 7 2 32 32 item/potion/silver
item main 973 506 25 27 7 2 32 32 item/potion/cyan
item main 998 506 25 27 7 2 32 32 item/potion/magenta
item main 0 538 25 27 7 2 32 32 item/potion/orange
item main 25 538 25 27 7 2 32 32 item/potion/dark
item main 50 538 25 27 7 2 32 32 item/potion/ruby
item main 75 538 25 27 7 2 32 32 item/potion/yellow
item main 100 538 25 27 7 2 32 32 item/potion/emerald
item main 125 538 25 27 7 2 32 32 item/potion/brown
item main 150 538 25 27 7 2 32 32 item/potion/pink
item main 175 538 25 27 7 2 32 32 item/potion/white
item main 200 538 25 27 7 2 32 32 item/potion/bubbly
item main 225 538 25 27 7 2 32 32 item/potion/cloudy
item main 250 538 25 27 7 2 32 32 item/potion/effervescent
item main 275 538 25 27 7 2 32 32 item/potion/fizzy
item main 300 538 25 27 7 2 32 32 item/potion/golden
item main 325 538 25 27 7 2 32 32 item/potion/murky
item main 350 538 25 27 7 2 32 32 item/potion/puce
item main 375 538 25 27 7 2 32 32 item/potion/purple_red
item main 400 538 25 27 7 2 32 32 item/potion/sky_blue
item main 0 565 32 29 0 2 32 32 item/book/light_gray
item main 32 565 32 29 0 2 32 32 item/book/dark_blue
item main 64 565 32 29 0 2 32 32 item/book/dark_green
item main 96 565 32 29 0 2 32 32 item/book/cyan
item main 128 565 32 29 0 2 32 32 item/book/red
item main 160 565 32 29 0 2 32 32 item/book/purple
item main 192 565 32 29 0 2 32 32 item/book/tan
item main 224 565 32 29 0 2 32 32 item/book/book_of_the_dead
item main 256 565 32 29 0 2 32 32 item/book/dark_gray
item main 288 565 32 29 0 2 32 32 item/book/light_blue
item main 320 565 32 29 0 2 32 32 item/book/light_green
item main 352 565 32 29 0 2 32 32 item/book/turquoise
item main 384 565 32 29 0 2 32 32 item/book/pink
item main 416 565 32 29 0 2 32 32 item/book/magenta
item main 448 565 32 29 0 2 32 32 item/book/yellow
item main 480 565 32 29 0 2 32 32 item/book/white
item main 512 565 32 29 0 2 32 32 item/book/parchment
item main 544 565 32 29 0 2 32 32 item/book/leather
item main 608 565 32 29 0 2 32 32 item/book/plaid
item main 640 565 32 29 0 2 32 32 item/book/light_brown
item main 672 565 32 29 0 2 32 32 item/book/dark_brown
item main 704 565 32 29 0 2 32 32 item/book/bronze
item main 736 565 32 29 0 2 32 32 item/book/copper
item main 768 565 32 29 0 2 32 32 item/book/silver
item main 800 565 32 29 0 2 32 32 item/book/gold
item main 832 565 32 29 0 2 32 32 item/book/metal_blue
item main 864 565 32 29 0 2 32 32 item/book/metal_cyan
item main 896 565 32 29 0 2 32 32 item/book/metal_green
item main 928 565 32 29 0 2 32 32 item/book/cloth
item main 960 565 32 30 0 1 32 32 item/book/manual1
item main 992 565 32 30 0 1 32 32 item/book/manual2
item main 0 595 32 29 0 2 32 32 item/book/artefact/wrinkled
item main 32 595 32 29 0 2 32 32 item/book/artefact/vellum
item main 64 595 32 29 0 2 32 32 item/book/artefact/velvet
item main 96 595 32 31 0 0 32 32 item/book/artefact/thick
item main 128 595 32 29 0 2 32 32 item/book/artefact/buckle
item main 160 595 32 29 0 2 32 32 item/book/artefact/bookmark
item main 192 595 32 27 0 4 32 32 item/book/artefact/thin
item main 224 595 31 26 1 2 32 32 item/staff/staff00
item main 255 595 28 28 2 3 32 32 item/staff/staff01
item main 283 595 26 29 2 1 32 32 item/staff/staff02
item main 309 595 31 31 1 0 32 32 item/staff/staff03
item main 340 595 29 30 2 1 32 32 item/staff/staff04
item main 369 595 32 31 0 1 32 32 item/staff/staff05
item main 401 595 28 28 1 1 32 32 item/staff/staff06
item main 429 595 30 30 1 2 32 32 item/staff/staff07
item main 459 595 31 31 1 1 32 32 item/staff/staff08
item main 490 595 28 30 1 1 32 32 item/staff/staff09
item main 621 595 30 30 1 1 32 32 item/rod/rod00
item main 651 595 30 30 1 1 32 32 item/rod/rod01
item main 681 595 28 28 1 3 32 32 item/rod/rod02
item main 709 595 30 30 1 1 32 32 item/rod/rod03
item main 739 595 29 29 1 2 32 32 item/rod/rod04
item main 768 595 29 29 1 2 32 32 item/rod/rod05
item main 797 595 28 28 1 3 32 32 item/rod/rod06
item main 825 595 29 29 1 2 32 32 item/rod/rod07
item main 854 595 30 30 1 1 32 32 item/rod/rod08
item main 884 595 30 30 1 1 32 32 item/rod/rod09
item main 105 626 29 27 3 3 32 32 item/misc/misc_orb
item main 134 626 28 26 4 4 32 32 item/misc/misc_orb2
item main 191 626 26 31 5 1 32 32 item/misc/misc_bottle
item main 247 626 29 29 2 2 32 32 item/misc/misc_fan
item main 276 626 29 29 2 2 32 32 item/misc/misc_fan_inert
item main 305 626 26 31 5 0 32 32 item/misc/misc_lamp
item main 331 626 26 31 5 0 32 32 item/misc/misc_lamp_inert
item main 357 626 31 22 1 6 32 32 item/misc/misc_stone
item main 388 626 31 22 1 6 32 32 item/misc/misc_stone_inert
item main 419 626 25 25 4 4 32 32 item/misc/misc_phial
item main 444 626 25 25 4 4 32 32 item/misc/misc_phial_inert
item main 469 626 32 32 0 0 32 32 item/misc/misc_lightning_rod
item main 501 626 30 30 1 1 32 32 item/misc/misc_lightning_rod_inert
item main 531 626 26 24 5 4 32 32 item/misc/misc_tremorstones
item main 557 626 32 32 0 0 32 32 item/misc/misc_vane
item main 589 626 32 32 0 0 32 32 item/misc/misc_vane_inert
item main 621 626 23 31 7 1 32 32 item/misc/misc_lantern
item main 644 626 29 31 2 1 32 32 item/misc/misc_horn
item main 673 626 26 22 4 6 32 32 item/misc/misc_box
item main 699 626 28 30 2 2 32 32 item/misc/misc_sack
item main 727 626 30 30 1 1 32 32 item/misc/misc_phantom_mirror
item main 757 626 32 27 0 2 32 32 item/misc/misc_zigfig
item main 789 626 31 31 0 1 32 32 item/misc/misc_quad
item main 820 626 30 30 1 1 32 32 item/misc/misc_pawn
item main 850 626 20 30 6 1 32 32 item/misc/misc_rook
item main 870 626 30 30 1 1 32 32 item/misc/misc_knight
item main 900 626 30 30 1 1 32 32 item/misc/misc_bishop
item main 930 626 30 30 1 1 32 32 item/misc/misc_queen
item main 960 626 30 30 1 1 32 32 item/misc/misc_king
item main 990 626 30 30 1 1 32 32 item/misc/misc_thimble
item main 0 658 25 25 4 3 32 32 item/misc/runes/generic
item main 25 658 27 24 2 4 32 32 item/misc/runes/rune_tartarus
item main 52 658 25 26 4 4 32 32 item/misc/runes/rune_cocytus
item main 77 658 24 22 4 5 32 32 item/misc/runes/rune_dis
item main 101 658 23 20 5 6 32 32 item/misc/runes/rune_gehenna
item main 124 658 27 31 2 0 32 32 item/misc/runes/rune_cerebov
item main 151 658 20 22 7 5 32 32 item/misc/runes/rune_gloorx_vloq
item main 171 658 27 28 4 0 32 32 item/misc/runes/rune_mnoleg
item main 198 658 19 21 7 6 32 32 item/misc/runes/rune_lom_lobon
item main 217 658 30 29 2 1 32 32 item/misc/runes/rune_snake
item main 247 658 28 20 2 6 32 32 item/misc/runes/rune_swamp
item main 275 658 26 21 3 5 32 32 item/misc/runes/rune_shoals
item main 301 658 30 25 2 4 32 32 item/misc/runes/rune_spider
item main 331 658 31 22 1 5 32 32 item/misc/runes/rune_slime
item main 362 658 24 18 4 7 32 32 item/misc/runes/rune_vaults
item main 386 658 24 22 4 5 32 32 item/misc/runes/rune_tomb
item main 410 658 25 21 5 6 32 32 item/misc/runes/rune_abyss
item main 435 658 22 20 6 7 32 32 item/misc/runes/rune_demonic_1
item main 457 658 22 20 6 7 32 32 item/misc/runes/rune_demonic_2
item main 479 658 22 20 6 7 32 32 item/misc/runes/rune_demonic_3
item main 501 658 22 20 6 7 32 32 item/misc/runes/rune_demonic_4
item main 523 658 22 20 6 7 32 32 item/misc/runes/rune_demonic_5
item main 545 658 22 20 6 7 32 32 item/misc/runes/rune_demonic_6
item main 567 658 27 26 3 3 32 32 item/misc/runes/rune_elven
item main 74 689 13 9 9 12 32 32 item/gold/01
item main 74 698 24 15 4 10 32 32 item/gold/02
item main 98 689 26 17 4 8 32 32 item/gold/03
item main 124 689 30 23 1 5 32 32 item/gold/04
item main 154 689 18 26 9 3 32 32 item/gold/05
item main 172 689 22 25 6 5 32 32 item/gold/06
item main 194 689 28 27 3 3 32 32 item/gold/07
item main 222 689 23 21 5 5 32 32 item/gold/08
item main 245 689 27 22 2 4 32 32 item/gold/09
item main 272 689 30 30 1 1 32 32 item/gold/10
item main 302 689 32 30 0 1 32 32 item/gold/16
item main 334 689 32 32 0 0 32 32 item/gold/19
item main 366 689 32 32 0 0 32 32 item/gold/23
item main 398 689 32 32 0 0 32 32 item/gold/25
food main 969 381 27 25 3 3 32 32 item/food/bread_ration
food main 996 381 27 19 3 7 32 32 item/food/meat_ration
food main 0 413 27 26 3 3 32 32 item/food/cheese
food main 27 413 23 20 6 6 32 32 item/food/honeycomb
food main 50 413 29 25 1 3 32 32 item/food/sausage
food main 79 413 29 20 2 6 32 32 item/food/pizza
food main 108 413 23 23 4 4 32 32 item/food/beef_jerky
food main 131 413 29 31 2 0 32 32 item/food/apple
food main 160 413 25 24 6 3 32 32 item/food/apricot
food main 185 413 31 25 1 3 32 32 item/food/banana
food main 216 413 29 29 3 0 32 32 item/food/choko
food main 245 413 23 28 4 2 32 32 item/food/grape
food main 268 413 24 21 6 6 32 32 item/food/lemon
food main 292 413 30 30 2 1 32 32 item/food/orange
food main 322 413 25 24 3 4 32 32 item/food/pear
food main 347 413 24 29 4 0 32 32 item/food/snozzcumber
food main 371 413 27 22 3 5 32 32 item/food/strawberry
food main 398 413 31 30 1 1 32 32 item/food/fruit
food main 429 413 20 24 5 4 32 32 item/food/bone_humanoid1
food main 449 413 24 30 5 1 32 32 item/food/bone_humanoid2
food main 473 413 29 18 2 10 32 32 item/food/bone_humanoid3
food main 502 413 31 28 0 3 32 32 item/food/bone_humanoid4
food main 533 413 20 16 6 8 32 32 item/food/bone1
food main 553 413 19 20 6 7 32 32 item/food/bone2
food main 572 413 20 27 5 3 32 32 item/food/bone3
food main 592 413 30 30 1 1 32 32 item/food/bone4
food main 622 413 32 20 0 6 32 32 item/food/chunk
food main 654 413 32 25 0 6 32 32 item/food/chunk
food main 686 413 32 26 0 6 32 32 item/food/chunk
food main 718 413 32 26 0 6 32 32 item/food/chunk
spell gui 175 0 28 28 2 2 32 32 gui/spells/air/airstrike
spell gui 203 0 28 28 2 2 32 32 gui/spells/air/chain_lightning
spell gui 231 0 28 28 2 2 32 32 gui/spells/air/conjure_ball_lightning
spell gui 259 0 28 28 2 2 32 32 gui/spells/air/lightning_bolt
spell gui 287 0 28 28 2 2 32 32 gui/spells/air/maxwells
spell gui 315 0 28 28 2 2 32 32 gui/spells/air/repel_missiles
spell gui 343 0 28 28 2 2 32 32 gui/spells/air/shock
spell gui 371 0 28 28 2 2 32 32 gui/spells/air/silence
spell gui 399 0 28 28 2 2 32 32 gui/spells/air/static_discharge
spell gui 427 0 28 28 2 2 32 32 gui/spells/air/swiftness
spell gui 455 0 28 28 2 2 32 32 gui/spells/conjuration/iskenderuns_mystic_blast
spell gui 483 0 28 28 2 2 32 32 gui/spells/conjuration/magic_dart
spell gui 511 0 28 28 2 2 32 32 gui/spells/conjuration/orb_of_destruction
spell gui 539 0 28 28 2 2 32 32 gui/spells/conjuration/battlesphere
spell gui 567 0 28 28 2 2 32 32 gui/spells/conjuration/dazzling_spray
spell gui 595 0 28 28 2 2 32 32 gui/spells/conjuration/force_lance
spell gui 623 0 28 28 2 2 32 32 gui/spells/conjuration/fulminant_prism
spell gui 651 0 28 28 2 2 32 32 gui/spells/conjuration/searing_ray
spell gui 679 0 28 28 2 2 32 32 gui/spells/earth/iron_shot
spell gui 707 0 28 28 2 2 32 32 gui/spells/earth/dig
spell gui 735 0 28 28 2 2 32 32 gui/spells/earth/lees_rapid_deconstruction
spell gui 763 0 28 28 2 2 32 32 gui/spells/earth/lehudibs_crystal_spear
spell gui 791 0 28 28 2 2 32 32 gui/spells/earth/ledas_liquefaction
spell gui 819 0 28 28 2 2 32 32 gui/spells/earth/passwall
spell gui 847 0 28 28 2 2 32 32 gui/spells/earth/petrify
spell gui 875 0 28 28 2 2 32 32 gui/spells/earth/sandblast
spell gui 903 0 32 32 0 0 32 32 gui/spells/earth/shatter
spell gui 935 0 28 28 2 2 32 32 gui/spells/earth/statue_form
spell gui 963 0 28 28 2 2 32 32 gui/spells/earth/stone_arrow
spell gui 991 0 28 28 2 2 32 32 gui/spells/enchantment/anguish
spell gui 0 32 28 28 2 2 32 32 gui/spells/enchantment/berserker_rage
spell gui 28 32 28 28 2 2 32 32 gui/spells/enchantment/cause_fear
spell gui 56 32 28 28 2 2 32 32 gui/spells/enchantment/confuse
spell gui 84 32 28 28 2 2 32 32 gui/spells/enchantment/confusing_touch
spell gui 112 32 28 28 2 2 32 32 gui/spells/enchantment/corona
spell gui 140 32 28 28 2 2 32 32 gui/spells/enchantment/discord
spell gui 168 32 28 28 2 2 32 32 gui/spells/enchantment/enfeeble
spell gui 196 32 28 28 2 2 32 32 gui/spells/enchantment/charming
spell gui 224 32 28 28 2 2 32 32 gui/spells/enchantment/haste
spell gui 252 32 28 28 2 2 32 32 gui/spells/enchantment/invisibility
spell gui 280 32 28 28 2 2 32 32 gui/spells/enchantment/mass_confusion
spell gui 308 32 28 28 2 2 32 32 gui/spells/enchantment/slow
spell gui 336 32 28 28 2 2 32 32 gui/spells/enchantment/tukimas_dance
spell gui 364 32 28 28 2 2 32 32 gui/spells/enchantment/violent_unravelling
spell gui 392 32 28 28 2 2 32 32 gui/spells/fire/bolt_of_fire
spell gui 420 32 28 28 2 2 32 32 gui/spells/fire/bolt_of_magma
spell gui 448 32 28 28 2 2 32 32 gui/spells/fire/conjure_flame
spell gui 476 32 32 30 0 0 32 32 gui/spells/fire/fire_storm
spell gui 508 32 28 28 2 2 32 32 gui/spells/fire/fireball
spell gui 536 32 28 28 2 2 32 32 gui/spells/fire/flame_tongue
spell gui 564 32 28 28 2 2 32 32 gui/spells/fire/ignite_poison
spell gui 592 32 28 28 2 2 32 32 gui/spells/fire/sticky_flame
spell gui 620 32 28 28 2 2 32 32 gui/spells/fire/throw_flame
spell gui 648 32 28 28 2 2 32 32 gui/spells/fire/inner_flame
spell gui 676 32 28 28 2 2 32 32 gui/spells/fire/ignition
spell gui 704 32 28 28 2 2 32 32 gui/spells/fire/starburst
spell gui 732 32 28 28 2 2 32 32 gui/spells/fire/foxfire
spell gui 760 32 28 28 2 2 32 32 gui/spells/fire/scorch
spell gui 788 32 28 28 2 2 32 32 gui/spells/fire/flame_wave
spell gui 816 32 28 28 2 2 32 32 gui/spells/ice/bolt_of_cold
spell gui 844 32 28 28 2 2 32 32 gui/spells/ice/ensorcelled_hibernation
spell gui 872 32 28 28 2 2 32 32 gui/spells/ice/freeze
spell gui 900 32 28 28 2 2 32 32 gui/spells/ice/freezing_cloud
spell gui 928 32 28 28 2 2 32 32 gui/spells/ice/throw_icicle
spell gui 956 32 28 28 2 2 32 32 gui/spells/ice/ice_form
spell gui 984 32 31 31 1 1 32 32 gui/spells/ice/ice_storm
spell gui 0 63 28 28 2 2 32 32 gui/spells/ice/metabolic_englaciation
spell gui 28 63 28 28 2 2 32 32 gui/spells/ice/ozocubus_armour
spell gui 56 63 28 28 2 2 32 32 gui/spells/ice/ozocubus_refrigeration
spell gui 84 63 28 28 2 2 32 32 gui/spells/ice/throw_frost
spell gui 112 63 28 28 2 2 32 32 gui/spells/ice/frozen_ramparts
spell gui 140 63 28 28 2 2 32 32 gui/spells/ice/hailstorm
spell gui 168 63 32 32 0 0 32 32 gui/spells/ice/polar_vortex
spell gui 200 63 28 28 2 2 32 32 gui/spells/necromancy/agony
spell gui 228 63 28 28 2 2 32 32 gui/spells/necromancy/animate_dead
spell gui 256 63 28 28 2 2 32 32 gui/spells/necromancy/animate_skeleton
spell gui 284 63 28 28 2 2 32 32 gui/spells/necromancy/bolt_of_draining
spell gui 312 63 28 28 2 2 32 32 gui/spells/necromancy/borgnjors_revivification
spell gui 340 63 28 28 2 2 32 32 gui/spells/necromancy/corpse_rot
spell gui 368 63 28 28 2 2 32 32 gui/spells/necromancy/death_channel
spell gui 396 63 28 28 2 2 32 32 gui/spells/necromancy/deaths_door
spell gui 424 63 28 28 2 2 32 32 gui/spells/necromancy/dispel_undead
spell gui 452 63 28 28 2 2 32 32 gui/spells/necromancy/excruciating_wounds
spell gui 480 63 28 28 2 2 32 32 gui/spells/necromancy/haunt
spell gui 508 63 28 28 2 2 32 32 gui/spells/necromancy/necromutation
spell gui 536 63 28 28 2 2 32 32 gui/spells/necromancy/pain
spell gui 564 63 28 28 2 2 32 32 gui/spells/necromancy/simulacrum
spell gui 592 63 28 28 2 2 32 32 gui/spells/necromancy/sublimation_of_blood
spell gui 620 63 28 28 2 2 32 32 gui/spells/necromancy/symbol_of_torment
spell gui 648 63 28 28 2 2 32 32 gui/spells/necromancy/vampiric_draining
spell gui 676 63 28 28 2 2 32 32 gui/spells/necromancy/infestation
spell gui 704 63 28 28 2 2 32 32 gui/spells/necromancy/borgnjors_vile_clutch
spell gui 732 63 28 28 2 2 32 32 gui/spells/poison/alistairs_intoxication
spell gui 760 63 28 28 2 2 32 32 gui/spells/poison/mephitic_cloud
spell gui 788 63 28 28 2 2 32 32 gui/spells/poison/olgrebs_toxic_radiance
spell gui 816 63 28 28 2 2 32 32 gui/spells/poison/poison_arrow
spell gui 844 63 28 28 2 2 32 32 gui/spells/poison/poisonous_cloud
spell gui 872 63 28 28 2 2 32 32 gui/spells/poison/spider_form
spell gui 900 63 28 28 2 2 32 32 gui/spells/poison/sting
spell gui 928 63 28 28 2 2 32 32 gui/spells/poison/venom_bolt
spell gui 984 63 28 28 2 2 32 32 gui/spells/poison/noxious_bog
spell gui 0 95 28 28 2 2 32 32 gui/spells/summoning/mass_abjuration
spell gui 28 95 28 28 2 2 32 32 gui/spells/summoning/call_canine_familiar
spell gui 56 95 28 28 2 2 32 32 gui/spells/summoning/call_imp
spell gui 84 95 28 32 2 0 32 32 gui/spells/summoning/malign_gateway
spell gui 112 95 28 28 2 2 32 32 gui/spells/summoning/recall
spell gui 140 95 28 28 2 2 32 32 gui/spells/summoning/summon_demon
spell gui 168 95 32 30 0 0 32 32 gui/spells/summoning/summon_dragon
spell gui 200 95 28 28 2 2 32 32 gui/spells/summoning/summon_greater_demon
spell gui 228 95 28 28 2 2 32 32 gui/spells/summoning/summon_horrible_things
spell gui 256 95 28 28 2 2 32 32 gui/spells/summoning/summon_hydra
spell gui 284 95 28 28 2 2 32 32 gui/spells/summoning/summon_ice_beast
spell gui 312 95 28 28 2 2 32 32 gui/spells/summoning/summon_shadow_creatures
spell gui 340 95 28 28 2 2 32 32 gui/spells/summoning/summon_small_mammal
spell gui 368 95 28 28 2 2 32 32 gui/spells/summoning/summon_lightning_spire
spell gui 396 95 28 28 2 2 32 32 gui/spells/summoning/summon_guardian_golem
spell gui 424 95 28 28 2 2 32 32 gui/spells/summoning/animate_armour
spell gui 452 95 28 28 2 2 32 32 gui/spells/summoning/summon_forest
spell gui 480 95 28 28 2 2 32 32 gui/spells/summoning/monstrous_menagerie
spell gui 508 95 28 28 2 2 32 32 gui/spells/summoning/summon_mana_viper
spell gui 536 95 28 28 2 2 32 32 gui/spells/summoning/spellforged_servitor
spell gui 564 95 28 28 2 2 32 32 gui/spells/summoning/summon_cactus_giant
spell gui 592 95 28 28 2 2 32 32 gui/spells/translocation/apportation
spell gui 620 95 28 28 2 2 32 32 gui/spells/translocation/beckoning
spell gui 648 95 28 28 2 2 32 32 gui/spells/translocation/blink
spell gui 676 95 28 28 2 2 32 32 gui/spells/translocation/disjunction
spell gui 704 95 28 28 2 2 32 32 gui/spells/translocation/dispersal
spell gui 732 95 28 28 2 2 32 32 gui/spells/translocation/passage_of_golubria
spell gui 760 95 29 28 1 2 32 32 gui/spells/translocation/portal_projectile
spell gui 789 95 28 28 2 2 32 32 gui/spells/translocation/teleport_other
spell gui 817 95 28 28 2 2 32 32 gui/spells/translocation/gravitas
spell gui 845 95 28 28 2 2 32 32 gui/spells/translocation/manifold_assault
spell gui 873 95 28 28 2 2 32 32 gui/spells/transmutation/blade_hands
spell gui 901 95 28 28 2 2 32 32 gui/spells/transmutation/beastly_appendage
spell gui 929 95 28 28 2 2 32 32 gui/spells/transmutation/irradiate
spell gui 957 95 28 28 2 2 32 32 gui/spells/transmutation/storm_form
spell gui 985 95 28 28 2 2 32 32 gui/spells/transmutation/dragon_form
spell gui 0 127 28 28 2 2 32 32 gui/spells/transmutation/wereblood
spell gui 28 127 28 28 2 2 32 32 gui/spells/misc/paralyse
spell gui 56 127 28 28 2 2 32 32 gui/spells/misc/bolt_thunder
spell gui 84 127 28 28 2 2 32 32 gui/spells/misc/cloud_cone
spell gui 112 127 28 28 2 2 32 32 gui/spells/misc/bolt_corrosive
spell gui 140 127 28 28 2 2 32 32 gui/spells/misc/iceblast
spell gui 168 127 28 28 2 2 32 32 gui/spells/misc/bolt_energy
spell gui 708 159 30 30 1 1 32 32 gui/abilities/hurl_damnation
spell gui 738 159 30 31 1 0 32 32 gui/invocations/beogh_smite
spell gui 768 159 30 31 1 0 32 32 gui/invocations/elyvilon_heal_other
spell gui 798 159 30 31 1 0 32 32 gui/invocations/elyvilon_lesser_healing
spell gui 828 159 30 31 1 0 32 32 gui/invocations/elyvilon_heal_self
spell gui 858 159 30 30 1 1 32 32 gui/invocations/makhleb_major_destruction
spell gui 888 159 30 31 1 0 32 32 gui/invocations/lugonu_banish
spell gui 918 159 30 30 1 1 32 32 gui/invocations/trog_hand
spell gui 948 159 30 30 1 1 32 32 gui/invocations/trog_brothers_in_arms
spell gui 978 159 30 30 1 1 32 32 gui/invocations/yred_drain_life
spell gui 0 191 30 30 1 1 32 32 gui/invocations/yred_injury_mirror
spell gui 30 191 28 28 2 2 32 32 gui/spells/memorise
spell gui 224 417 30 30 1 1 32 32 gui/abilities/bat_form
spell gui 254 417 30 30 1 1 32 32 gui/abilities/blink
spell gui 284 417 30 30 1 1 32 32 gui/abilities/blinkbolt
spell gui 314 417 30 30 1 1 32 32 gui/abilities/breathe_acid
spell gui 344 417 30 30 1 1 32 32 gui/abilities/breathe_energy
spell gui 374 417 30 30 1 1 32 32 gui/abilities/breathe_fire
spell gui 404 417 30 30 1 1 32 32 gui/abilities/breathe_frost
spell gui 434 417 30 30 1 1 32 32 gui/abilities/breathe_lightning
spell gui 464 417 30 30 1 1 32 32 gui/abilities/breathe_mephitic
spell gui 494 417 30 30 1 1 32 32 gui/abilities/breathe_poison
spell gui 524 417 30 30 1 1 32 32 gui/abilities/breathe_steam
spell gui 554 417 30 30 1 1 32 32 gui/abilities/beogh
spell gui 584 417 30 30 1 1 32 32 gui/abilities/dig
spell gui 614 417 30 30 1 1 32 32 gui/abilities/end_transformation
spell gui 644 417 30 30 1 1 32 32 gui/abilities/evoke_asmodeus
spell gui 674 417 30 30 1 1 32 32 gui/abilities/evoke_invisibility
spell gui 704 417 30 30 1 1 32 32 gui/abilities/evoke_olgreb
spell gui 734 417 30 30 1 1 32 32 gui/abilities/exsanguinate
spell gui 764 417 30 30 1 1 32 32 gui/abilities/heal_wounds
spell gui 794 417 30 30 1 1 32 32 gui/abilities/hop
spell gui 824 417 30 30 1 1 32 32 gui/abilities/roll
spell gui 884 417 30 30 1 1 32 32 gui/abilities/revivify
spell gui 914 417 30 30 1 1 32 32 gui/abilities/shaft_self
spell gui 944 417 30 30 1 1 32 32 gui/abilities/spit_poison
spell gui 974 417 30 30 1 1 32 32 gui/abilities/stop_recall
spell gui 0 447 30 30 1 1 32 32 gui/abilities/wordofchaos
spell gui 30 447 30 30 1 1 32 32 gui/abilities/wiz_build_terrain
spell gui 60 447 30 30 1 1 32 32 gui/abilities/wiz_set_terrain
spell gui 90 447 30 30 1 1 32 32 gui/abilities/wiz_clear_terrain
spell gui 120 447 30 31 1 0 32 32 gui/invocations/renounce
spell gui 150 447 30 30 1 1 32 32 gui/invocations/ashenzari_curse
spell gui 180 447 30 30 1 1 32 32 gui/invocations/ashenzari_breakthechains
spell gui 210 447 30 31 1 0 32 32 gui/invocations/beogh_gift
spell gui 240 447 30 31 1 0 32 32 gui/invocations/beogh_recall
spell gui 300 447 30 30 1 1 32 32 gui/invocations/beogh_resurrection
spell gui 330 447 30 31 1 0 32 32 gui/invocations/cheibriados_bend_time
spell gui 360 447 30 31 1 0 32 32 gui/invocations/cheibriados_slouch
spell gui 390 447 30 31 1 0 32 32 gui/invocations/cheibriados_temporal_distortion
spell gui 420 447 30 31 1 0 32 32 gui/invocations/cheibriados_time_step
spell gui 450 447 30 31 1 0 32 32 gui/invocations/dithmenos_shadow_form
spell gui 480 447 30 31 1 0 32 32 gui/invocations/dithmenos_shadow_step
spell gui 510 447 30 31 1 0 32 32 gui/invocations/elyvilon_divine_vigour
spell gui 570 447 30 31 1 0 32 32 gui/invocations/elyvilon_purification
spell gui 630 447 30 30 1 1 32 32 gui/invocations/fedhas_wall_of_briars
spell gui 660 447 30 30 1 1 32 32 gui/invocations/fedhas_grow_ballistomycete
spell gui 690 447 30 30 1 1 32 32 gui/invocations/fedhas_overgrow
spell gui 720 447 30 30 1 1 32 32 gui/invocations/fedhas_grow_oklob
spell gui 750 447 30 31 1 0 32 32 gui/invocations/gozag_potion_petition
spell gui 780 447 30 31 1 0 32 32 gui/invocations/gozag_call_merchant
spell gui 810 447 30 31 1 0 32 32 gui/invocations/gozag_bribe_branch
spell gui 840 447 30 30 1 1 32 32 gui/invocations/hep_idealise
spell gui 870 447 30 30 1 1 32 32 gui/invocations/hep_identity
spell gui 900 447 30 30 1 1 32 32 gui/invocations/hep_transference
spell gui 930 447 30 30 1 1 32 32 gui/invocations/hep_recall
spell gui 960 447 30 30 1 1 32 32 gui/invocations/hep_knight
spell gui 990 447 30 30 1 1 32 32 gui/invocations/hep_battlemage
spell gui 0 478 30 30 1 1 32 32 gui/invocations/hep_hexer
spell gui 30 478 30 30 1 1 32 32 gui/invocations/ignis_fiery_armour
spell gui 60 478 30 30 1 1 32 32 gui/invocations/ignis_foxfire_swarm
spell gui 90 478 30 30 1 1 32 32 gui/invocations/ignis_rising_flame
spell gui 120 478 30 31 1 0 32 32 gui/invocations/jiyva_slimify
spell gui 150 478 30 30 1 1 32 32 gui/invocations/jiyva_oozemancy
spell gui 180 478 30 31 1 0 32 32 gui/invocations/kiku_receive_corpses
spell gui 210 478 30 30 1 1 32 32 gui/invocations/kiku_torment
spell gui 240 478 30 31 1 0 32 32 gui/invocations/kiku_bless_weapon
spell gui 270 478 30 31 1 0 32 32 gui/invocations/kiku_necronomicon
spell gui 330 478 30 31 1 0 32 32 gui/invocations/lugonu_bend_space
spell gui 360 478 30 31 1 0 32 32 gui/invocations/lugonu_corrupt
spell gui 390 478 30 31 1 0 32 32 gui/invocations/lugonu_enter_abyss
spell gui 420 478 30 31 1 0 32 32 gui/invocations/lugonu_exit_abyss
spell gui 450 478 30 31 1 0 32 32 gui/invocations/lugonu_bless_weapon
spell gui 480 478 30 30 1 1 32 32 gui/invocations/makhleb_greater_servant
spell gui 510 478 30 30 1 1 32 32 gui/invocations/makhleb_lesser_servant
spell gui 570 478 30 30 1 1 32 32 gui/invocations/makhleb_minor_destruction
spell gui 600 478 30 30 1 1 32 32 gui/invocations/nemelex_draw_destruction
spell gui 630 478 30 30 1 1 32 32 gui/invocations/nemelex_draw_escape
spell gui 660 478 30 30 1 1 32 32 gui/invocations/nemelex_draw_summoning
spell gui 690 478 30 30 1 1 32 32 gui/invocations/nemelex_deal_four
spell gui 720 478 30 30 1 1 32 32 gui/invocations/nemelex_stack_five
spell gui 750 478 30 30 1 1 32 32 gui/invocations/nemelex_triple_draw
spell gui 780 478 30 30 1 1 32 32 gui/invocations/nemelex_draw_stack
spell gui 810 478 26 26 3 2 32 32 gui/invocations/nemelex_card
spell gui 836 478 28 29 3 2 32 32 gui/invocations/nemelex_deck
spell gui 864 478 29 30 3 2 32 32 gui/invocations/nemelex_deck
spell gui 893 478 28 30 3 2 32 32 gui/invocations/nemelex_deck
spell gui 921 478 29 30 3 2 32 32 gui/invocations/nemelex_deck
spell gui 950 478 29 30 3 2 32 32 gui/invocations/nemelex_deck
spell gui 979 478 30 31 1 0 32 32 gui/invocations/okawaru_finesse
spell gui 0 509 30 30 1 1 32 32 gui/invocations/okawaru_heroism
spell gui 30 509 30 30 1 1 32 32 gui/invocations/okawaru_duel
spell gui 60 509 30 31 1 0 32 32 gui/invocations/qazlal_upheaval
spell gui 90 509 30 31 1 0 32 32 gui/invocations/qazlal_elemental_force
spell gui 120 509 30 31 1 0 32 32 gui/invocations/qazlal_disaster_area
spell gui 150 509 30 30 1 1 32 32 gui/invocations/ru_draw_out_power
spell gui 180 509 30 30 1 1 32 32 gui/invocations/ru_power_leap
spell gui 210 509 30 30 1 1 32 32 gui/invocations/ru_apocalypse
spell gui 240 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_purity
spell gui 270 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_words
spell gui 300 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_drink
spell gui 330 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_essence
spell gui 360 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_health
spell gui 390 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_stealth
spell gui 420 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_artifice
spell gui 450 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_love
spell gui 480 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_courage
spell gui 510 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_arcana
spell gui 540 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_nimbleness
spell gui 570 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_durability
spell gui 600 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_hand
spell gui 630 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_experience
spell gui 660 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_skill
spell gui 690 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_eye
spell gui 720 509 30 30 1 1 32 32 gui/invocations/ru_sacrifice_resistance
spell gui 750 509 30 30 1 1 32 32 gui/invocations/ru_reject_sacrifices
spell gui 780 509 30 31 1 0 32 32 gui/invocations/sif_muna_amnesia
spell gui 810 509 30 31 1 0 32 32 gui/invocations/sif_muna_channel
spell gui 840 509 30 30 1 1 32 32 gui/invocations/sif_muna_exegesis
spell gui 870 509 30 30 1 1 32 32 gui/invocations/trog_berserk
spell gui 960 509 30 31 1 0 32 32 gui/invocations/tso_cleansing_flame
spell gui 990 509 30 31 1 0 32 32 gui/invocations/tso_divine_shield
spell gui 0 540 30 31 1 0 32 32 gui/invocations/tso_divine_warrior
spell gui 30 540 30 31 1 0 32 32 gui/invocations/tso_bless_weapon
spell gui 60 540 30 30 1 1 32 32 gui/invocations/uskayaw_stomp
spell gui 90 540 30 30 1 1 32 32 gui/invocations/uskayaw_line_pass
spell gui 120 540 30 30 1 1 32 32 gui/invocations/uskayaw_grand_finale
spell gui 150 540 30 30 1 1 32 32 gui/invocations/wu_jian_wall_jump
spell gui 180 540 30 30 1 1 32 32 gui/invocations/wu_jian_serpents_lash
spell gui 210 540 30 30 1 1 32 32 gui/invocations/wu_jian_heavenly_storm
spell gui 240 540 30 30 1 1 32 32 gui/invocations/yred_dark_bargain
spell gui 300 540 30 30 1 1 32 32 gui/invocations/yred_bind_soul
spell gui 330 540 30 30 1 1 32 32 gui/invocations/yred_recall
spell gui 360 540 30 31 1 0 32 32 gui/invocations/zin_cure_mutations
spell gui 390 540 30 31 1 0 32 32 gui/invocations/zin_imprison
spell gui 420 540 30 31 1 0 32 32 gui/invocations/zin_recite
spell gui 450 540 30 31 1 0 32 32 gui/invocations/zin_sanctuary
spell gui 480 540 30 31 1 0 32 32 gui/invocations/zin_vitalisation
spell gui 510 540 30 31 1 0 32 32 gui/invocations/zin_donate
"""


def parse_layout(text: str) -> list[dict]:
    rows = []
    for line in text.strip().splitlines():
        label, sheet, x, y, w, h, ox, oy, cw, ch, path = line.split()
        rows.append(
            dict(label=label, sheet=sheet, x=int(x), y=int(y), w=int(w), h=int(h),
                 ox=int(ox), oy=int(oy), cw=int(cw), ch=int(ch), path=path)
        )
    return rows


def load_sheets(tiles_dir: Path) -> dict[str, np.ndarray]:
    if not tiles_dir.is_dir():
        sys.exit(f"error: tiles directory {tiles_dir} not found; {INSTALL_HINT}")
    sheets = {}
    for name, digest in SHEET_SHA256.items():
        path = tiles_dir / f"{name}.png"
        if not path.is_file():
            sys.exit(f"error: {path} not found; {INSTALL_HINT}")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            # A different game version packs tiles differently; the
            # rectangles would cut garbage rather than fail loudly.
            sys.exit(
                f"error: {path} is not the sheet from {PACKAGE} {PACKAGE_VERSION}; "
                "the embedded layout table only matches that version"
            )
        sheets[name] = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
    return sheets


def cut_sprite(sheets: dict[str, np.ndarray], row: dict) -> np.ndarray:
    canvas = np.zeros((SPRITE_SIZE, SPRITE_SIZE, 4), dtype=np.uint8)
    # Canvases a few pixels under 32 are centred rather than corner-aligned so
    # they look like the other sprites.
    left = row["ox"] + (SPRITE_SIZE - row["cw"]) // 2
    top = row["oy"] + (SPRITE_SIZE - row["ch"]) // 2
    box = sheets[row["sheet"]][row["y"]:row["y"] + row["h"], row["x"]:row["x"] + row["w"]]
    canvas[top:top + row["h"], left:left + row["w"]] = box
    return canvas


def encode_png(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels, mode="RGBA").save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def collect(sheets: dict[str, np.ndarray]) -> list[dict]:
    records, seen = [], set()
    for row in parse_layout(LAYOUT):
        pixels = cut_sprite(sheets, row)
        if not pixels[..., 3].any():
            continue
        # Several game tiles reuse one picture; keep each picture once so the
        # duplicates do not get extra weight in training.
        key = pixels.tobytes()
        if key in seen:
            continue
        seen.add(key)
        source = (f"{row['sheet']}.png#xywh={row['x']},{row['y']},{row['w']},{row['h']}"
                  f";{row['path']}.png")
        records.append(dict(pixels=pixels, label=row["label"], source=source))
    # Stable order: by class, then by position in the layout table.
    order = {name: i for i, name in enumerate(CLASS_NAMES)}
    records.sort(key=lambda r: order[r["label"]])
    return records


def write_parquet(records: list[dict], path: Path) -> None:
    # Imported late so --help works without the heavy dependency.
    from datasets import ClassLabel, Dataset, Features, Image as ImageFeature, Value

    features = Features(
        {"image": ImageFeature(), "label": ClassLabel(names=CLASS_NAMES), "source": Value("string")}
    )
    ds = Dataset.from_dict(
        {
            "image": [{"bytes": encode_png(r["pixels"]), "path": None} for r in records],
            "label": [CLASS_NAMES.index(r["label"]) for r in records],
            "source": [r["source"] for r in records],
        },
        features=features,
    )
    ds.to_parquet(str(path))


def write_preview(records: list[dict], path: Path, seed: int, per_class: int = 8) -> None:
    rng = random.Random(seed)
    gap, margin, scale = 4, 56, 4
    cell = SPRITE_SIZE + gap
    width = margin + per_class * cell + gap
    height = len(CLASS_NAMES) * cell + gap
    sheet = Image.new("RGBA", (width, height), (128, 128, 128, 255))
    draw = ImageDraw.Draw(sheet)
    for r_idx, name in enumerate(CLASS_NAMES):
        members = [r for r in records if r["label"] == name]
        picks = rng.sample(members, min(per_class, len(members)))
        y = gap + r_idx * cell
        draw.text((4, y + 10), name, fill=(255, 255, 255, 255))
        for c_idx, rec in enumerate(picks):
            sheet.alpha_composite(Image.fromarray(rec["pixels"], mode="RGBA"),
                                  (margin + c_idx * cell, y))
    sheet = sheet.convert("RGB").resize((width * scale, height * scale), Image.NEAREST)
    # A palette image keeps the preview small; sprites use few colours.
    sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True)


def licence_excerpt(copyright_file: Path) -> str:
    if not copyright_file.is_file():
        sys.exit(f"error: {copyright_file} not found; {INSTALL_HINT}")
    lines = copyright_file.read_text(encoding="utf-8").splitlines()

    def block(start: str, stop) -> list[str]:
        i = next(k for k, ln in enumerate(lines) if ln.startswith(start))
        j = i + 1
        while j < len(lines) and not stop(lines[j]):
            j += 1
        return lines[i:j]

    try:
        header = block("Dungeon Crawl Stone Soup", lambda ln: not ln.strip())
        gpl = block("This program is free software", lambda ln: not ln.strip())
        intro = block("Certain pieces come with different licenses", lambda ln: ln.startswith("*"))
        tiles = block("* Public Domain|CC0: most of tiles", lambda ln: ln.startswith("*") or not ln.strip())
    except StopIteration:
        sys.exit(f"error: {copyright_file} does not have the expected wording; check it by hand")
    return "\n".join(header + [""] + gpl + [""] + intro + ["[...]"] + tiles)


def write_licence(excerpt: str, path: Path) -> None:
    path.write_text(
        "Sprites in this directory are cut, unscaled, from the tile sheets of the\n"
        f"Debian package {PACKAGE} {PACKAGE_VERSION} (Dungeon Crawl Stone Soup 0.28.0,\n"
        "/usr/share/crawl/dat/tiles/{main,player,gui}.png).\n"
        "\n"
        "The following is quoted verbatim from /usr/share/doc/crawl-tiles-data/copyright\n"
        "(\"[...]\" marks omitted bullet points about source files):\n"
        "\n"
        "----------------------------------------------------------------------\n"
        f"{excerpt}\n"
        "----------------------------------------------------------------------\n"
        "\n"
        "Caveat: the package states that *most* tiles are Public Domain/CC0 and\n"
        "that the exact list is uncertain. Tiles not covered by that statement\n"
        "fall under the package's general licence (GPL-2.0-or-later, quoted\n"
        "above). Upstream credits: /usr/share/doc/crawl-tiles-data/CREDITS.txt.gz.\n",
        encoding="utf-8",
    )


def write_card(records: list[dict], excerpt: str, path: Path, parquet_bytes: int) -> None:
    counts = {name: sum(r["label"] == name for r in records) for name in CLASS_NAMES}
    names_yaml = "\n".join(f"          '{i}': {n}" for i, n in enumerate(CLASS_NAMES))
    table = "\n".join(f"| {i} | {n} | {counts[n]} |" for i, n in enumerate(CLASS_NAMES))
    quoted = "\n".join(f"> {ln}" if ln else ">" for ln in excerpt.splitlines())
    path.write_text(f"""---
license: other
license_name: cc0-1.0-mostly-see-licence-file
license_link: LICENSE.txt
pretty_name: Dungeon Crawl Stone Soup sprites (32x32 RGBA)
task_categories:
- unconditional-image-generation
size_categories:
- 1K<n<10K
tags:
- pixel-art
- sprites
- roguelike
configs:
- config_name: default
  data_files:
  - split: train
    path: train.parquet
dataset_info:
  features:
  - name: image
    dtype: image
  - name: label
    dtype:
      class_label:
        names:
{names_yaml}
  - name: source
    dtype: string
  splits:
  - name: train
    num_examples: {len(records)}
  download_size: {parquet_bytes}
---

# Dungeon Crawl Stone Soup sprites

{len(records)} whole 32x32 RGBA pixel-art sprites (alpha kept exactly, stored as
PNG bytes) in {len(CLASS_NAMES)} classes, the default training set embedded
in `toolkit`.

![preview: 8 random sprites per class, one class per row, 4x](preview.png)

| label | class | sprites |
|------:|-------|--------:|
{table}
| | **total** | **{len(records)}** |

Columns: `image` (32x32 RGBA PNG), `label` (`ClassLabel`, names above),
`source` (`<sheet>.png#xywh=x,y,w,h;<tile file>`: the trimmed box on the
packed sheet and the upstream tile file name it came from).

## Provenance

* Debian package **`{PACKAGE}` {PACKAGE_VERSION}** (tile art of Dungeon Crawl
  Stone Soup 0.28.0), sheets `/usr/share/crawl/dat/tiles/main.png`,
  `player.png` and `gui.png` (checked by SHA-256 at build time).
* The sheets are packed with each tile trimmed to its opaque bounding box, not
  on a grid. Tile rectangles and in-tile offsets were taken from the tables
  that Stone Soup 0.28.0's tile generator writes when packing them
  (re-packing reproduces Debian's sheets pixel for pixel); they are embedded
  in the build script, which restores each tile onto its original canvas.
* Selection by upstream tile file name and visual check: **creature** =
  monsters and player transformation forms; **hero** = player species base
  bodies, felids and dressed species portraits; **item** = weapons, armour,
  jewellery, potions, scrolls, wands, staves, rods, books, runes, gold and
  misc. items; **food** = food items; **spell** = spell, ability and god
  invocation icons.
* Excluded: paper-doll overlays, Pandemonium-lord parts, tentacle segments,
  mutant-beast facets, brand/item-type overlay icons, "uncollected" rune
  silhouettes, greyed-out species silhouettes, floor/wall/feature textures,
  effects, UI chrome, empty tiles, and exact pixel duplicates (first kept).
  44 monsters drawn on 32x48 canvases are excluded (they do not fit 32x32
  without rescaling); 7 tiles with slightly smaller canvases are centred.

Rebuild (deterministic):

```bash
apt-get install crawl-tiles-data
python recipes/build_embedded_dataset.py \\
    --tiles_dir /usr/share/crawl/dat/tiles --output_dir toolkit/sprites
```

## Licence

Quoted verbatim from `/usr/share/doc/crawl-tiles-data/copyright`
(`[...]` marks omitted bullet points about source files):

{quoted}

**Caveat:** the package says *most* tiles are Public Domain/CC0 and that the
exact list is uncertain, pointing to the rltiles project for a cautious
public-domain subset. The card is therefore tagged `license: other`: tiles
that statement does not cover fall under the package's general GPL-2.0-or-later licence. See
`LICENSE.txt` and the upstream credits in
`/usr/share/doc/crawl-tiles-data/CREDITS.txt.gz`.
""", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiles_dir", type=Path, default=Path("/usr/share/crawl/dat/tiles"))
    parser.add_argument("--output_dir", type=Path, default=Path("toolkit/sprites"))
    parser.add_argument("--copyright_file", type=Path,
                        default=Path("/usr/share/doc/crawl-tiles-data/copyright"))
    parser.add_argument("--seed", type=int, default=0, help="seed for the preview sample")
    args = parser.parse_args(argv)

    sheets = load_sheets(args.tiles_dir)
    excerpt = licence_excerpt(args.copyright_file)
    records = collect(sheets)
    args.output_dir.mkdir(parents=True, exist_ok=True)

    parquet = args.output_dir / "train.parquet"
    write_parquet(records, parquet)
    write_preview(records, args.output_dir / "preview.png", args.seed)
    write_licence(excerpt, args.output_dir / "LICENSE.txt")
    write_card(records, excerpt, args.output_dir / "README.md", parquet.stat().st_size)

    for name in CLASS_NAMES:
        print(f"{name:>9}: {sum(r['label'] == name for r in records)}")
    print(f"{'total':>9}: {len(records)}  ({parquet}, {parquet.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
