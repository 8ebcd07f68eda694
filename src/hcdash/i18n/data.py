"""The texts of the Data page and the analyst login: (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {}
