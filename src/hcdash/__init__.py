"""hcdash: the human capital dashboard for Regio Oost.

Everything in this package outside ``hcdash.ui`` is the core: it never imports streamlit,
so the CLI, tests and benchmarks use exactly the code the dashboard uses.
"""

__version__ = "0.1.0"
