"""Placeholder: replaced below."""
def load_shipped():
    return None
