"""The only part of hcdash that imports streamlit: data access, widgets and the page frame."""
