"""QR codes of feed addresses, drawn as inline SVG, so that a phone can subscribe to a feed
shown on a computer's screen.

segno encodes (versions, error correction and mask choice are the standard's, not ours to
write) and draws the dark modules as one path; the ``<svg>`` around it is ours, so that it
carries an accessible name and no fixed size (the stylesheet sizes it). The same address gives
the same bytes in every build.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

import segno
from markupsafe import Markup

QUIET_ZONE = 4  # modules of light margin around the symbol, as the standard asks


@lru_cache(maxsize=1024)
def _drawing(address: str) -> tuple[int, str]:
    """The side of the symbol in modules (quiet zone included) and the path of its dark
    modules; encoding is the costly part, so it is done once per address."""
    code = segno.make_qr(address)  # error level L at least, raised while the size allows
    inline = code.svg_inline(border=QUIET_ZONE, omitsize=True, svgclass=None, lineclass=None)
    path = inline[inline.index("<path") : inline.rindex("</svg>")]
    width, _ = code.symbol_size(border=QUIET_ZONE)
    return int(width), path


def qr_svg(address: str, label: str) -> Markup:
    """An ``<svg>`` element showing ``address`` as a QR code, named ``label`` for assistive
    technology (``role="img"``, ``aria-label`` and a ``<title>`` for a tooltip)."""
    side, path = _drawing(address)
    name = escape(label)
    return Markup(
        f'<svg class="qr" viewBox="0 0 {side} {side}" role="img" aria-label="{name}">'
        f"<title>{name}</title>{path}</svg>"
    )
