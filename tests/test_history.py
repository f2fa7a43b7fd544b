"""The Back/Forward history (Qt-free): steps as a web browser takes them."""
from __future__ import annotations

from oqu.core.history import History, moved_by_edits


def test_back_and_forward_walk_the_jumps_in_order():
    """Back returns the places left by jumps, newest first; Forward retraces them."""
    h = History()
    h.jumped("a")  # a -> b
    h.jumped("b")  # b -> c
    assert h.back("c") == "b"
    assert h.back("b") == "a"
    assert h.back("a") is None and not h.can_go_back()
    assert h.forward("a") == "b"
    assert h.forward("b") == "c"
    assert h.forward("c") is None and not h.can_go_forward()


def test_a_new_jump_forgets_forward():
    """After going back, a new jump drops the Forward steps, as browsers do."""
    h = History()
    h.jumped("a")
    assert h.back("b") == "a"
    assert h.can_go_forward()
    h.jumped("a")
    assert not h.can_go_forward()
    assert h.back("x") == "a"


def test_equal_places_in_a_row_are_one_step():
    """Jumping twice from the same place, or back to where the reader is, adds no empty step."""
    h = History()
    h.jumped("a")
    h.jumped("a")
    assert h.back("b") == "a"
    assert h.back("a") is None
    h2 = History()
    h2.jumped("a")
    h2.jumped("b")
    assert h2.back("b") == "a"  # the reader is already at b: Back goes past it


def test_history_is_bounded():
    """Only the newest ``limit`` steps are kept."""
    h = History(limit=3)
    for place in "abcde":
        h.jumped(place)
    steps = []
    here = "f"
    while (place := h.back(here)) is not None:
        steps.append(place)
        here = place
    assert steps == ["e", "d", "c"]


def test_positions_follow_the_words_across_edits():
    """Two spans of a text replaced by texts of other lengths: a position before them stays, one after
    moves by the change before it, one inside a replaced span goes to the new text's start."""
    text = "Show the chart. Some words. Notes on the data: x. More words."
    edits = [(0, 14, len("Показать график")), (28, 46, len("Примечания:"))]
    after = "Показать график. Some words. Примечания: x. More words."
    move = moved_by_edits(edits)
    for word in ("Some", "x.", "More"):
        assert after[move(text.index(word)):].startswith(word)
    assert move(5) == 0 and move(30) == after.index("Примечания")
    assert moved_by_edits([])(17) == 17


def test_remap_moves_every_place_back_and_forward():
    """History.remap replaces each Back and Forward place, keeping their order."""
    history = History()
    for place in (1, 2, 3):
        history.jumped(place)
    assert history.back(4) == 3
    history.remap(lambda p: p * 10)
    assert history.back(30) == 20 and history.forward(20) == 30 and history.forward(30) == 40
