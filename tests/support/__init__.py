"""What the tests (and the benchmarks) are built on, one home per concept:

- ``pgcluster``: a throwaway PostgreSQL cluster, for lakes (``pytest --store lake``, benchmarks).
- ``stores``: the stores a test names (``StoreRef``) and makes (``StoreFactory``), embedded or
  on a lake, so that the same test runs on both.
- ``servers``: a real dashboard, ``streamlit run app.py`` on a free port.
- ``stclient``: a browser tab without a browser, over Streamlit's websocket.
- ``loaders``: such tabs loading pages in the background until a test's block ends.
- ``browser``: the browser tests' Chromium, server and tab fixtures, and waiting for a page
  (a pytest plugin: conftest.py loads it).
- ``ingest``: snapshots of every table and files written for import tests.
- ``regions``: Regio Oost's regions written out by hand (slugs, names, by province).
"""
