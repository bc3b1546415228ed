"""Feed fetching and parsing: HTTP in, plain entries out."""
