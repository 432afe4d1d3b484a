"""QR codes of feed addresses, drawn as inline SVG, so that a phone can subscribe to a feed
shown on a computer's screen.

zxing-cpp encodes (through zint: versions, error correction and mask choice are the standard's,
not ours to write) and draws the dark modules as one path; the ``<svg>`` around it is ours, so
that it carries an accessible name and no fixed size (the stylesheet sizes it). The same address
gives the same bytes in every build.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import zxingcpp
from markupsafe import Markup

# zint's drawing: the symbol's side (light margin of 4 modules included, as the standard asks)
# and one path of filled rectangles, one per run of dark modules
_SIDE = re.compile(r'<svg width="(\d+)" height="\1"')
_PATH = re.compile(r'<path d="(M[\d hvMZ-]+)"/>')


@lru_cache(maxsize=1024)
def _drawing(address: str) -> tuple[int, str]:
    """The side of the symbol in modules (quiet zone included) and the path of its dark
    modules; encoding is the costly part, so it is done once per address."""
    drawn = zxingcpp.create_barcode(address, zxingcpp.BarcodeFormat.QRCode).to_svg()
    side, path = _SIDE.search(drawn), _PATH.search(drawn)
    if side is None or path is None:  # a zxing-cpp release drawing otherwise
        raise RuntimeError(f"unexpected QR drawing from zxing-cpp: {drawn[:200]!r}")
    return int(side[1]), path[1]


def qr_svg(address: str, label: str) -> Markup:
    """An ``<svg>`` element showing ``address`` as a QR code, named ``label`` for assistive
    technology (``role="img"``, ``aria-label`` and a ``<title>`` for a tooltip)."""
    side, path = _drawing(address)
    name = escape(label)
    return Markup(
        f'<svg class="qr" viewBox="0 0 {side} {side}" role="img" aria-label="{name}">'
        f'<title>{name}</title><path fill="#000" d="{path}"/></svg>'
    )
