"""The domain's fixed words are defined once (``hcdash.vocabulary``): no module repeats them as
literals in its logic. Texts for people (``i18n``) may say "alle"; code may not."""

import ast
from pathlib import Path

import hcdash
from hcdash import vocabulary

SRC = Path(hcdash.__file__).resolve().parent
OWN_HOME = {SRC / "vocabulary.py"}
TEXTS = SRC / "i18n"  # words people read, not rules code follows


def repeated_words(text: str) -> list[tuple[int, str]]:
    """(line, literal) of every string constant that spells a vocabulary word: the all-sectors
    total / 'any' (``alle``) or the current-row rule."""
    words = {vocabulary.TOTAL_SECTOR, vocabulary.ANY}
    found = []
    for node in ast.walk(ast.parse(text)):
        text_constant = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if text_constant and (node.value in words or vocabulary.CURRENT_ROW in node.value):
            found.append((node.lineno, node.value))
    return found


def test_no_module_repeats_a_vocabulary_word():
    repeated = {
        str(path.relative_to(SRC)): found
        for path in SRC.rglob("*.py")
        if path not in OWN_HOME
        and TEXTS not in path.parents
        and (found := repeated_words(path.read_text()))
    }
    assert repeated == {}


def test_the_check_would_catch_a_repeated_word():
    code = 'if sector != "alle":\n    sql = "SELECT 1 FROM t WHERE removed_in IS NULL"\n'
    assert repeated_words(code) == [(1, "alle"), (2, "SELECT 1 FROM t WHERE removed_in IS NULL")]


def test_the_words_are_the_reference_datas():
    """The total sector is the one the reference data mark ``is_total``."""
    from hcdash.reference import SECTORS

    totals = [row[0] for row in SECTORS if row[-1]]
    assert totals == [vocabulary.TOTAL_SECTOR]
