"""The template an analyst downloads to start a file: long layout, Dutch headers and numbers."""

TEMPLATE_CSV = (
    "indicator;regio;sector;periode;waarde;voorlopig;opmerking\r\n"
    "vacatures;Twente;energie;2026 K3;1.234;ja;voorlopig cijfer UWV\r\n"
    "ww_kort;Achterhoek;alle;2026 K3;2.345,0;nee;\r\n"
    "instroom_hbo;Rijk van Nijmegen;hightech;2026;812;nee;\r\n"
    "aandeel_55plus;FoodValley;alle;2025;24,5%;nee;\r\n"
)


def template_bytes() -> bytes:
    """UTF-8 with a BOM, so Excel opens it with the right characters."""
    return "\ufeff".encode() + TEMPLATE_CSV.encode("utf-8")
