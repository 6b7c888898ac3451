"""Word lists the stages read, as data with one home each.

Each module holds one vocabulary; a comment above each group says what it is
for and where the words came from. They are plain Python constants, so they
load once, with the module, and cost nothing to import.
"""
