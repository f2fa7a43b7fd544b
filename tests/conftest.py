"""Shared fixtures: offscreen Qt, settings kept out of the developer's home."""
from __future__ import annotations

import os

import pytest
from helpers import SEED

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp(qapp_args):
    """pytest-qt's application, set up as ``oqu`` sets up its own (names, fonts, icon)."""
    from oqu.ui.app import application

    return application(["pytest", *qapp_args])


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """Each test gets its own settings folder and starts in English."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("OQU_CONFIG_DIR", str(folder))
    from oqu import i18n

    i18n.set_language("en")
    yield folder
    i18n.set_language("en")


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory):
    """No test writes the user's own cache: one for the session, set before any fixture starts the app."""
    os.environ["OQU_CACHE_DIR"] = str(tmp_path_factory.mktemp("session-cache"))


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own cache folder (the bundle cache, oqu.core.bundle_cache)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("OQU_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def paper():
    from oqu.core import load_bundle

    result = load_bundle()
    assert result.problems == []
    return result.paper


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def window(qtbot):
    """The main window on the embedded paper, in English; closed after the test."""
    from oqu.ui.language import manager
    from oqu.ui.main_window import MainWindow

    manager().apply("en")
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    manager().apply("en")


@pytest.fixture
def bundle_copy(tmp_path):
    """A writable copy of the embedded bundle, for breaking it."""
    import shutil

    from oqu.resources import data_dir

    target = tmp_path / "bundle"
    shutil.copytree(data_dir(), target)
    return target
