"""The application layer: the use cases the app and the commands share, the clock, the errors.

Front ends import this package and the domain models; the store, the guidance and the model
client live behind it. The commands that stand on it so far: prepare, ask, rehearse.
"""
