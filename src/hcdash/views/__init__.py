"""What each page shows, computed without streamlit from a reader (``queries.Reader`` or the
dashboard's cached ``ui.data.Data``): figures, tables and headline numbers, ready to render."""
