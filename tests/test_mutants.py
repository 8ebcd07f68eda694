"""The mutation runner (mutation/mutants.py) on a module of two lines: cosmic-ray makes its
mutants in a copy, the module's test kills the ones it can see, and the one it cannot see
(``x + x`` made ``x * x``: the same for 2) is a survivor that fails the sample until it is kept
with its reason."""

import subprocess

from mutation import mutants

MODULE = "src/toy.py"


def test_a_survivor_fails_the_sample_until_it_is_kept_with_its_reason(tmp_path):
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / MODULE).write_text("def double(x):\n    return x + x\n")
    (root / "tests" / "test_toy.py").write_text(
        "from toy import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
    )
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)

    made = mutants.run_module(
        MODULE, ["tests/test_toy.py"], sample=True, log=print, root=root, every=1
    )
    assert (root / MODULE).read_text().endswith("x + x\n")  # the tree itself is never changed
    assert {m.outcome for m in made} == {"killed", "survived"}
    (survivor,) = mutants.not_kept(made, {})
    assert (survivor.operator, survivor.line, survivor.mutated, survivor.row) == (
        "core/ReplaceBinaryOperator_Add_Mul",
        "return x + x",
        "return x * x",
        2,
    )
    kept = tmp_path / "kept.toml"
    kept.write_text(
        "[[kept]]\n"
        f'module = "{MODULE}"\n'
        'operator = "core/ReplaceBinaryOperator_Add_Mul"\n'
        'line = "return x + x"\n'
        'mutated = "return x * x"\n'
        'reason = "equivalent for the one input the test uses"\n'
    )
    assert mutants.not_kept(made, mutants.kept(kept)) == []


def test_the_docs_give_the_scores_and_every_kept_survivor():
    """docs/testing.md shows the last full runs' scores and every survivor mutation/kept.toml
    keeps, as mutation/mutants.py writes them (`./dev mutants report`)."""
    docs = (mutants.ROOT / "docs" / "testing.md").read_text()
    assert mutants.report() in docs
    assert mutants.kept_list() in docs
