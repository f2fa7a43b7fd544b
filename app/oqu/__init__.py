"""Oqu: a reading companion for one research paper."""

__version__ = "0.1.0"
APP_NAME = "Oqu"
ORG_NAME = "Oqu"
