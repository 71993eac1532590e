"""Bytes -> files that are never half-written and never the user's:
    folder  staging beside the output folder, the atomic commit, the output folder's rules
    fsutil  atomic writes, and files created only if they do not exist yet
"""
