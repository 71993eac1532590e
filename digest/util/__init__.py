"""Helpers every stage uses:
    text      Vietnamese text: NFC, folding, slugs, sort order, dates, numbers
    parallel  forked workers on big builds
    progress  the progress bar on an interactive terminal
    files     which files of a folder are inputs: hidden ones never are
"""
