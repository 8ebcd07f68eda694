"""Boundary files: TopoJSON and GeoJSON with statcode/statnaam, stored and drawn."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from hcdash import boundaries
from hcdash.errors import BoundaryError
from tests.conftest import REALDATA, ROOT, needs_realdata
from tests.support.regions import OOST_NAMES

# Two squares as a quantised, delta-encoded TopoJSON: AM05 (Twente) and a code we do not know.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [6.0, 52.0]},
    "objects": {
        "amr": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "arcs": [[0]],
                    "properties": {"statcode": "AM05", "statnaam": "Twente"},
                },
                {
                    "type": "Polygon",
                    "arcs": [[-2]],
                    "properties": {"statcode": "XX99", "statnaam": "Elders"},
                },
            ],
        }
    },
    "arcs": [
        [[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]],
        [[4, 4], [0, 2], [2, 0], [0, -2], [-2, 0]],
    ],
}


@pytest.fixture
def db(private_ref):
    return private_ref


def test_topojson_is_decoded_with_clockwise_outer_rings(tmp_path):
    path = tmp_path / "amr.topojson"
    path.write_text(json.dumps(TOPOLOGY))
    features = boundaries.read_features(path)
    twente = features[0]["geometry"]["coordinates"][0]
    assert twente[0] == [6.0, 52.0]
    assert sorted(map(tuple, twente))[-1] == (7.0, 53.0)  # (2, 2) steps of 0.5 from (6, 52)
    assert boundaries._signed_area(twente) < 0
    # the second arc is used reversed (~1): still a closed ring, clockwise after orientation
    other = features[1]["geometry"]["coordinates"][0]
    assert other[0] == other[-1] and boundaries._signed_area(other) < 0


def test_store_keeps_known_codes_and_names_the_rest(tmp_path, db):
    path = tmp_path / "amr.json"
    path.write_text(json.dumps(TOPOLOGY))
    target = db.open()
    result = boundaries.store(target, boundaries.read_features(path), path.name)
    assert result == {"stored": 1, "unknown": ["XX99"]}
    with target.reading() as con:
        properties = boundaries.feature_collection(con, ["AM05"])["features"][0]["properties"]
        assert properties == {"statcode": "AM05", "statnaam": "Twente"}
        assert boundaries.feature_collection(con, ["AM05", "AM09"]) is None  # no Achterhoek
    target.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a JSON file"),
        ('{"type": "Feature"}', "expected a GeoJSON"),
        ('{"type": "FeatureCollection", "features": [{"properties": {}}]}', "statcode"),
    ],
)
def test_bad_boundary_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(BoundaryError, match=message):
        boundaries.read_features(path)


@needs_realdata
def test_real_cbs_boundaries_draw_the_map(db, monkeypatch):
    path = REALDATA / "cartomap_arbeidsmarktregio_2025_wgs84.topojson"
    features = boundaries.read_features(path)
    assert len(features) == 35
    target = db.open()
    assert boundaries.store(target, features, path.name) == {"stored": 35, "unknown": []}
    target.close()
    db.use(monkeypatch)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    filled = [t for t in spec["data"] if t.get("fill") == "toself"]
    assert sorted(t["name"] for t in filled) == sorted(OOST_NAMES)


def test_cli_boundaries(tmp_path, db, capsys):
    from hcdash.cli import main

    path = tmp_path / "amr.topojson"
    path.write_text(json.dumps(TOPOLOGY))
    assert main([*db.args(), "boundaries", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Stored 1 region boundaries" in out and "XX99" in out
