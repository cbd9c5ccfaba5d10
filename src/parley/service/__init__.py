"""What the offices do, as library functions over the store: the CLI and the web are thin
shells over these. Each writing function is one transaction: all of it or nothing.
"""
