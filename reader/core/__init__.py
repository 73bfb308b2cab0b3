"""Pure-Python core of Parallel Reader. Nothing under this package may import Qt."""
