"""Region boundaries from a GeoJSON or TopoJSON file (as CBS and PDOK publish them, with
``statcode`` and ``statnaam``), stored per classification year for the choropleth.

Without an uploaded boundary file, the map draws the boundaries hcdash ships: CBS's simplified
boundaries of the 35 arbeidsmarktregio's of 2025 (cartomap/nl, CC BY 4.0, "Bron: CBS"), the
classification hcdash's regions follow. The tile map is the fallback when neither has a region.
"""

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import duckdb

from hcdash.errors import BoundaryError
from hcdash.ingest.model import max_upload_bytes
from hcdash.reference import CLASSIFICATION_YEAR
from hcdash.store import Change, Store


def read_features(path: Path) -> list[dict]:
    """GeoJSON features (statcode, statnaam, geometry) from a GeoJSON or TopoJSON file."""
    if path.stat().st_size > max_upload_bytes():
        raise BoundaryError(code="boundary_too_large")
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryError(code="not_json", detail=str(exc)) from None
    if not isinstance(document, dict):
        raise BoundaryError(code="not_geojson")
    if document.get("type") == "Topology":
        features = _topology_features(document)
    elif document.get("type") == "FeatureCollection":
        features = document.get("features", [])
    else:
        raise BoundaryError(code="geojson_kind")
    usable = [f for f in features if _code(f)]
    if not usable:
        raise BoundaryError(code="no_statcode")
    for feature in usable:
        feature["geometry"] = _clockwise(feature["geometry"])
    return usable


SHIPPED = "arbeidsmarktregios_2025.topojson"  # in hcdash/data
SHIPPED_CREDIT = "CBS, gebiedsindelingen 2025 (CC BY 4.0)"


@cache
def shipped() -> dict:
    """The boundaries hcdash ships, as a GeoJSON FeatureCollection (read once per process)."""
    topology = json.loads((files("hcdash") / "data" / SHIPPED).read_text(encoding="utf-8"))
    features = [f for f in _topology_features(topology) if _code(f)]
    for feature in features:
        feature["geometry"] = _clockwise(feature["geometry"])
    return {"type": "FeatureCollection", "features": features}


def _code(feature: dict) -> str | None:
    properties = feature.get("properties") or {}
    code = properties.get("statcode")
    return str(code).strip() if code else None


def _topology_features(topology: dict) -> list[dict]:
    arcs = _decode_arcs(topology)
    features = []
    for layer in topology.get("objects", {}).values():
        for geometry in layer.get("geometries", [layer]):
            shape = _geometry(geometry, arcs)
            if shape is not None:
                properties = geometry.get("properties", {})
                features.append({"type": "Feature", "properties": properties, "geometry": shape})
    return features


def _decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Absolute coordinates of every arc (TopoJSON quantises and delta-encodes them)."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology.get("arcs", []):
        if transform is None:
            decoded.append([list(p[:2]) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _geometry(geometry: dict, arcs) -> dict | None:
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in geometry["arcs"]]}
    if kind == "MultiPolygon":
        polygons = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None


def _signed_area(ring: list[list[float]]) -> float:
    return (
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def _clockwise(geometry: dict) -> dict:
    """Exterior rings clockwise, holes counter-clockwise: the winding plotly (d3-geo) expects;
    the other way round it fills the whole globe instead of the region."""

    def orient(polygon):
        return [
            ring if (_signed_area(ring) < 0) == (i == 0) else ring[::-1]
            for i, ring in enumerate(polygon)
        ]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": orient(geometry["coordinates"])}
    return {"type": "MultiPolygon", "coordinates": [orient(p) for p in geometry["coordinates"]]}


def store(
    target: Store, features: list[dict], file_name: str, year: int = CLASSIFICATION_YEAR
) -> dict:
    """Replace the boundaries of ``year`` with the features whose code is a known region."""

    def work(change: Change) -> dict:
        con = change.con
        known = {
            c for (c,) in con.execute("SELECT code FROM regions WHERE code IS NOT NULL").fetchall()
        }
        rows = [
            (
                year,
                _code(f),
                (f.get("properties") or {}).get("statnaam"),
                json.dumps(f["geometry"]),
                file_name,
            )
            for f in features
            if _code(f) in known
        ]
        if not rows:
            raise BoundaryError(code="no_known_code")
        con.execute("DELETE FROM boundaries WHERE classification_year = ?", [year])
        con.executemany(
            "INSERT INTO boundaries (classification_year, code, name, geometry, file_name,"
            " loaded_at) VALUES (?, ?, ?, ?, ?, current_timestamp)",
            rows,
        )
        return {"stored": len(rows), "unknown": sorted({_code(f) for f in features} - known)}

    return target.write(work)


def feature_collection(
    con: duckdb.DuckDBPyConnection, codes: list[str], year: int = CLASSIFICATION_YEAR
) -> dict | None:
    """The stored boundaries of ``codes`` as a GeoJSON FeatureCollection (None: not stored)."""
    if not codes:
        return None
    rows = con.execute(
        f"SELECT code, name, geometry FROM boundaries WHERE classification_year = ?"
        f" AND code IN ({', '.join('?' for _ in codes)})",
        [year, *codes],
    ).fetchall()
    if len(rows) < len(codes):
        return None
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"statcode": code, "statnaam": name},
                "geometry": json.loads(geometry),
            }
            for code, name, geometry in rows
        ],
    }
