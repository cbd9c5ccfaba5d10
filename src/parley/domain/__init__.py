"""The pure domain of Parley: talks, agreements, stages, people, tallies and claims.

Nothing here imports storage, web or CLI code; a layering test keeps it so.
"""
