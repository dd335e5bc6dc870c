"""The demo: a mirror of the target sites shipped with claimtrack, and a loopback server for it.

``MIRROR_DIR`` holds the mirror, one folder per host (``english.news.cn/business/index.htm``);
``mirror/MANIFEST.md`` lists every page with its figures and the finding it is meant to
produce. ``demo.server.MirrorServer`` serves such a folder on 127.0.0.1 as
``http://127.0.0.1:PORT/<host>/<path>``. The pages are generated from ``demo/source/`` by
``python -m demo.build_mirror``; the white-paper PDF by ``python -m demo.build_pdf``.
"""

from pathlib import Path

MIRROR_DIR = Path(__file__).resolve().with_name("mirror")

__all__ = ["MIRROR_DIR"]
