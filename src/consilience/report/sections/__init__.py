"""Report sections: one module each, exposing TITLE, ANCHOR and render(data) -> str."""
