"""Which links may open: web pages (http, https) and DOIs, nothing else.

A reference's DOI or URL, or an address a reader clicks, is checked here before
anything is handed to the system browser. ``file:``, ``javascript:``, ``data:``,
custom schemes, addresses without a host and text with spaces or control
characters are refused.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

DOI_RESOLVER = "https://doi.org/"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = ("doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")
_ALLOWED = ("http", "https")


def bare_doi(text: str) -> str | None:
    """The DOI in ``text`` ("10.1186/...", "doi:10...", "https://doi.org/10...") or None."""
    text = text.strip()
    for prefix in _DOI_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
            break
    return text if _DOI.match(text) else None


def doi_url(doi: str) -> str:
    """https://doi.org/<doi>, the DOI percent-encoded where a URL needs it."""
    return DOI_RESOLVER + quote(doi, safe="/:;()._-<>[]+")


def safe_url(link: str) -> str | None:
    """The address to open for ``link``, or None if it must not be opened."""
    if not isinstance(link, str) or any(ord(c) < 32 or c.isspace() for c in link.strip()):
        return None
    link = link.strip()
    doi = bare_doi(link)
    if doi and (link.lower().startswith(("doi:", "10.")) or "doi.org/" in link.lower()):
        return doi_url(doi)
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in _ALLOWED or not host or parts.username or parts.password:
        return None
    return link
