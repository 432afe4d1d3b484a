"""How a visitor subscribes to one feed: a link for each kind of calendar client, the address
to copy and its QR code, as ready values for the templates' ``feed_links`` macro.

A calendar app subscribes only to an address it can reach, so without a public address (no
``base_url``) a feed is a download and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import Markup

from calendargen.render.qr import qr_svg

# Google has no dependable one-click subscription for a feed of another site (its ``?cid=``
# links are undocumented and break): its "From URL" settings page, where the address is pasted.
GOOGLE_ADD_BY_URL = "https://calendar.google.com/calendar/u/0/r/settings/addbyurl"
# Outlook on the web (personal accounts) opens its "Subscribe from web" form filled in.
OUTLOOK_ADD_FROM_WEB = "https://outlook.live.com/calendar/0/addfromweb"


@dataclass(frozen=True)
class Feed:
    """One feed's links; only ``name`` and ``href`` without a public address."""

    name: str  # the feed's name: "All observances and anniversaries", a category's
    href: str  # the file, relative to the page: a download
    https: str | None = None  # the address to copy or paste (Google Calendar)
    webcal: str | None = None  # Apple Calendar, Thunderbird, desktop Outlook
    outlook: str | None = None  # Outlook.com's "add from web" form (https addresses only)
    google: str | None = None  # Google Calendar's "From URL" page
    qr: Markup | None = None  # ``https`` as a QR code (inline SVG), for phones


def subscription(
    name: str, href: str, address: str | None, calendar_name: str, qr_label: str | None
) -> Feed:
    """The links to a feed published at ``address`` (None: no public address); the QR code is
    drawn when ``qr_label`` (its accessible name) is given. ``calendar_name`` is the name that
    Outlook on the web suggests, the feed's own."""
    if address is None:
        return Feed(name, href)
    outlook = None
    if address.startswith("https://"):  # Outlook on the web refuses http:// feeds
        query = urlencode({"url": address, "name": calendar_name}, quote_via=quote)
        outlook = f"{OUTLOOK_ADD_FROM_WEB}?{query}"
    return Feed(
        name=name,
        href=href,
        https=address,
        webcal="webcal://" + address.split("://", 1)[1],
        outlook=outlook,
        google=GOOGLE_ADD_BY_URL,
        qr=qr_svg(address, qr_label) if qr_label is not None else None,
    )
